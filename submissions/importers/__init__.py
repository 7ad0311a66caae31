"""
Completed Sharing Practice proformas (Word .docx or plain text) read into the proforma's fields, with
warnings for a person to check. Nothing here saves anything.

files.py opens the file safely; word.py and text.py turn it into blocks in reading order; replies.py sets an
email reply's own lines aside; fields.py sorts the blocks under the questions they answer (labels.py finds them,
by meaning as well as by wording), with categories.py, authorities.py, contacts.py, links.py and
markdown.py reading each kind of answer; result.py holds what was read and how sure the reader is.
"""

from submissions.importers.authorities import match_local_authority
from submissions.importers.errors import ProformaFileError
from submissions.importers.fields import read_blocks
from submissions.importers.files import read_file
from submissions.importers.limits import PROFORMA
from submissions.importers.result import ParsedProforma, clean

__all__ = ["ParsedProforma", "ProformaFileError", "match_local_authority", "parse_proforma"]


def parse_proforma(file, filename=""):
    """The proforma in an open file, or ProformaFileError with a message for the person who chose it. No more
    of the file is read than a proforma's limits allow."""
    reading = PROFORMA.reading()
    try:
        blocks = read_file(file, filename, reading)
    except RecursionError as error:  # tables nested beyond any real document's depth
        raise ProformaFileError("The selected file is damaged and cannot be opened as a Word document") from error
    return clean(read_blocks(blocks, reading))
