"""
Office files (Office Open XML and OpenDocument) read whole, on their own model, before the portal accepts one
as a resource or opens one to import: every upload of an Office file goes through `check_package`. Why and
what it refuses: docs/decisions/0002-uploads.md.
"""

from submissions.office.packages import check_package
from submissions.office.refusals import Refused

__all__ = ["Refused", "check_package"]
