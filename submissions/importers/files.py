"""
Opening a chosen file safely: its size, what it really is (whatever its name says), and for a Word file,
the checks made before any XML in it is parsed (zip bombs, macros, declared DTDs and entities).
"""

import io
import zipfile
import zlib

import docx

from submissions.importers.errors import ProformaFileError
from submissions.importers.text import read_text
from submissions.importers.word import read_word

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a .docx whose parts expand past this is refused (zip bombs)
MAX_XML_BYTES = 5 * 1024 * 1024  # its XML parts, unpacked: a long Word return's are under 1 MB
MAX_RATIO = 200
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DAMAGED = "The selected file is damaged and cannot be opened as a Word document"
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
# What zipfile raises for a damaged archive: bad structure, bad compressed data, an unsupported zip
# version or compression, an encrypted entry (RuntimeError).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError)


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
    """The python-docx Document, once its parts' declared sizes (which bound what unpacking them can make),
    macros and DTDs are checked; ProformaFileError, in words about what the file `holds`, if not."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except ZIP_ERRORS as error:
        raise ProformaFileError(DAMAGED) from error
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names:
        raise ProformaFileError("The selected file is not a Word document")
    unpacked = sum(entry.file_size for entry in entries)
    xml = sum(entry.file_size for entry in entries if entry.filename.endswith((".xml", ".rels")))
    ratio = max((entry.file_size / max(entry.compress_size, 1) for entry in entries), default=0)
    if unpacked > max_unpacked or xml > MAX_XML_BYTES or ratio > MAX_RATIO:
        raise ProformaFileError(f"The selected file expands to far more than {holds} could hold, so it was not opened")
    try:
        check_parts(archive, names)
    except ZIP_ERRORS as error:
        raise ProformaFileError(DAMAGED) from error
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for damaged files
        raise ProformaFileError(DAMAGED) from error


def check_parts(archive, names):
    """Macros refused; any part declaring a DTD refused, so no entity is ever expanded or fetched."""
    content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if any(name.lower().endswith("vbaproject.bin") for name in names) or b"macroEnabled" in content_types:
        raise ProformaFileError(
            "This document contains macros, which we do not open. Save it as a Word document (.docx) without "
            "macros and upload it again."
        )
    for name in names:
        if name.endswith((".xml", ".rels")) and b"<!DOCTYPE" in archive.read(name):
            raise ProformaFileError(
                "This document cannot be read safely: it declares its own XML definitions, which Word never "
                "writes. Open it in Word, save it as a new .docx and upload that."
            )
