"""
Opening a chosen file safely: its size, what it really is (whatever its name says), and for a Word file,
the one check of Office files (submissions/office) before any XML in it is parsed.
"""

import io
import zipfile

import docx

from submissions import office
from submissions.importers.errors import ProformaFileError
from submissions.importers.text import read_text
from submissions.importers.word import read_word

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a .docx whose parts expand past this is refused (zip bombs)
MAX_XML_BYTES = 5 * 1024 * 1024  # its XML parts, unpacked: a long Word return's are under 1 MB
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DAMAGED = "The selected file is damaged and cannot be opened as a Word document"
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REFUSALS = {
    "damaged": DAMAGED,
    "macros": "This document contains macros, which we do not open. Save it as a Word document (.docx) without "
    "macros and upload it again.",
    "dtd": "This document cannot be read safely: it declares its own XML definitions, which Word never writes. "
    "Open it in Word, save it as a new .docx and upload that.",
}


def read_file(file, filename, reading):
    """The file's blocks in reading order, or ProformaFileError saying why it cannot be read; `reading` (a
    limits.Reading) stops it at its limits."""
    data = file.read(MAX_FILE_BYTES + 1)
    if not data.strip():
        raise ProformaFileError("The selected file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ProformaFileError("The selected file must be smaller than 20 MB")
    if data.startswith(OLE2):
        raise ProformaFileError(
            "This document is password-protected or in the older .doc format. Remove any password, "
            "save it as a Word document (.docx) and upload it again."
        )
    if data.startswith(b"PK\x03\x04"):
        blocks = read_word(open_word(data), reading)
        if blocks is None:
            raise ProformaFileError(DAMAGED)
        return blocks
    if filename.lower().endswith(WORD_SUFFIXES):
        raise ProformaFileError("The selected file is not a Word document")
    reading.limits.check_size(len(data))
    return read_text(data, reading)


def open_word(data, max_unpacked=MAX_UNPACKED_BYTES, holds="a proforma"):
    """The python-docx Document, once the package passes the one check of Office files (submissions/office: zip
    bombs, macros, embedded objects, declared DTDs); ProformaFileError, in words about what the file `holds`,
    if not."""
    try:
        content_type = office.check_package(data, max_unpacked=max_unpacked)
    except office.Refused as refused:
        raise ProformaFileError(_refusal(refused, holds)) from refused
    if content_type != WORD:
        raise ProformaFileError("The selected file is not a Word document")
    if _xml_bytes(data) > MAX_XML_BYTES:
        raise ProformaFileError(f"The selected file expands to far more than {holds} could hold, so it was not opened")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for damaged files
        raise ProformaFileError(DAMAGED) from error


def _refusal(refused, holds):
    """The importer's words for why a Word file is not opened; the upload check's where it has none of its own."""
    if refused.code in ("expands", "parts"):
        return f"The selected file expands to far more than {holds} could hold, so it was not opened"
    return REFUSALS.get(refused.code, refused.message)


def _xml_bytes(data):
    """What the package's XML parts unpack to, as its directory declares (the office check has held it to that)."""
    entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    return sum(entry.file_size for entry in entries if entry.filename.endswith((".xml", ".rels")))
