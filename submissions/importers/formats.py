"""
What a proforma file is, told by its content, never its name: a Word .docx or OpenDocument text (a zip), a .doc
(OLE2), RTF, PDF or plain text. An original .doc or .rtf is checked before LibreOffice converts it (an .odt is
checked as every Office package is, in files.py): nothing that could run or fetch anything reaches LibreOffice.
"""

import io
import re

import olefile

from submissions import office
from submissions.importers.errors import ProformaFileError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
RTF = b"{\\rtf"
PDF = b"%PDF-"
ODT = "application/vnd.oasis.opendocument.text"
# The names each kind is saved under, for a file named as one kind whose content is none we read.
NAMED = {".doc": ".doc", ".dot": ".doc", ".odt": ".odt", ".ott": ".odt", ".rtf": ".rtf", ".pdf": ".pdf"}
PROTECTED = (
    "This document is password-protected, so it cannot be read. Remove the password, save it as a Word "
    "document (.docx) and upload it again."
)
NOT_WORD = (
    "The selected file is not a Word document: it is another Office file (a spreadsheet or a presentation). "
    "Upload the proforma as a Word (.docx) file"
)
# An OLE2 file olefile cannot read: damaged, or encrypted in a way that hides even its directory.
DAMAGED_DOC = (
    "This document cannot be opened: it is damaged, or password-protected. Remove any password, save it as a "
    "Word document (.docx) and upload it again."
)
MACROS = (
    "This document contains macros, which we do not open. Save it as a Word document (.docx) without "
    "macros and upload it again."
)
# RTF control words that embed or link an object, and field instructions that fetch a file or a web page.
RTF_OBJECT = re.compile(rb"\\obj[a-z]", re.IGNORECASE)
RTF_FETCHES = re.compile(rb"INCLUDEPICTURE|INCLUDETEXT|\bDDE(AUTO)?\b|\\\*\\datafield", re.IGNORECASE)
FIB_ENCRYPTED = 0x0100  # fEncrypted in the Word 97 file information block's flags (MS-DOC 2.5.2)


def kind_of(data):
    """'zip', 'doc', 'rtf', 'pdf' or 'text', from the file's first bytes."""
    if data.startswith(OLE2):
        return "doc"
    if data.startswith(ZIP):
        return "zip"
    if data.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(RTF):
        return "rtf"
    if data.lstrip().startswith(PDF):
        return "pdf"
    return "text"


def check_doc(data):
    """ProformaFileError unless the OLE2 file is a Word 97 document LibreOffice may open: not encrypted, without
    macros or embedded objects."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(path).lower() for path in ole.listdir(streams=True, storages=True)}
            if {"encryptedpackage", "encryptioninfo"} & streams:
                raise ProformaFileError(PROTECTED)  # a .docx with a password is an OLE2 file holding the package
            if "worddocument" not in streams:
                raise ProformaFileError(NOT_WORD)
            flags = int.from_bytes(ole.openstream("WordDocument").read(12)[10:12], "little")
    except ProformaFileError:
        raise
    except Exception as error:  # noqa: BLE001 - olefile raises many kinds for a damaged or truncated file
        raise ProformaFileError(DAMAGED_DOC) from error
    if flags & FIB_ENCRYPTED:
        raise ProformaFileError(PROTECTED)
    if any(name == "macros" or name.startswith("macros/") or name.endswith("_vba_project") for name in streams):
        raise ProformaFileError(MACROS)
    if any(name == "objectpool" or name.startswith("objectpool/") for name in streams):
        raise ProformaFileError(office.Refused("embedded").message)


def check_rtf(data):
    """ProformaFileError if the RTF file embeds or links an object, or has a field that fetches a file."""
    if RTF_OBJECT.search(data):
        raise ProformaFileError(office.Refused("embedded").message)
    if RTF_FETCHES.search(data.replace(b"{", b"").replace(b"}", b"")):
        raise ProformaFileError(office.Refused("linked").message)


def misnamed(filename, kind):
    """The refusal for a file named as a kind we read whose content is not that or any kind we read; else ''."""
    suffix = "." + filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if kind != "text" or suffix not in NAMED:
        return ""
    return (
        f"The selected file is named as a {NAMED[suffix]} file, but it is not one (it may be damaged). Open it, "
        "save it as a Word (.docx) file and upload that"
    )
