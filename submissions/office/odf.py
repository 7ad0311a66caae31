"""
An OpenDocument package on its own model: its type is what its first member, `mimetype`, declares; its macros
are Basic libraries and scripts (the folders LibreOffice loads them from, at any depth) and event listeners
in its XML, which bind a script (the document's own or one installed with the program) to an event.
"""

import re

MIMETYPE = "mimetype"
OPENDOCUMENT = "application/vnd.oasis.opendocument."
MACROS = re.compile(r"(^|/)(basic|scripts)/")
LISTENER = "event-listener"  # script:event-listener: an element name, so never written as a character reference


def keeps(key):
    return 200 if key == MIMETYPE else 0


def examine(kept, keys, findings):
    """The declared OpenDocument type, adding to `findings` any macros; None when it declares another type."""
    if any(MACROS.search(key) for key in keys) or LISTENER in findings:
        findings.add("macros")
    findings.discard(LISTENER)
    declared = kept[MIMETYPE].decode("ascii", "replace").strip().lower()
    return declared if declared.startswith(OPENDOCUMENT) else None
