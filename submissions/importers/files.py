"""
Opening a chosen file safely: its size, what it really is (whatever its name says), and for a Word file,
the one check of Office files (submissions/office) before any XML in it is parsed. A .doc, .odt or .rtf is
checked as it came, converted to .docx (convert.py), and the .docx checked again; a PDF is read by pdf.py.
"""

import io
import zipfile

import docx

from submissions import office
from submissions.importers import convert, formats
from submissions.importers.errors import ProformaFileError
from submissions.importers.pdf import read_pdf
from submissions.importers.text import read_text
from submissions.importers.word import read_word

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a .docx whose parts expand past this is refused (zip bombs)
MAX_XML_BYTES = 5 * 1024 * 1024  # its XML parts, unpacked: a long Word return's are under 1 MB
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DAMAGED = "The selected file is damaged and cannot be opened as a Word document"
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = {"doc": "Word 97-2003 (.doc)", "odt": "OpenDocument (.odt)", "rtf": "Rich Text Format (.rtf)"}
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
    kind = formats.kind_of(data)
    if kind == "pdf":
        return read_pdf(data, reading)
    if kind in ("doc", "rtf"):
        (formats.check_doc if kind == "doc" else formats.check_rtf)(data)
        data = convert.to_docx(data, f".{kind}", KINDS[kind])
        reading.restart()  # converting had its own time limit
    if data.startswith(formats.ZIP):
        content_type = check_office(data)
        if content_type == formats.ODT:
            data = convert.to_docx(data, ".odt", KINDS["odt"])
            reading.restart()
            content_type = check_office(data)
        blocks = read_word(word_document(data, content_type), reading)
        if blocks is None:
            raise ProformaFileError(DAMAGED)
        return blocks
    if filename.lower().endswith(WORD_SUFFIXES):
        raise ProformaFileError("The selected file is not a Word document")
    if refusal := formats.misnamed(filename, kind):
        raise ProformaFileError(refusal)
    reading.limits.check_size(len(data))
    return read_text(data, reading)


def open_word(data, max_unpacked=MAX_UNPACKED_BYTES, holds="a proforma"):
    """The python-docx Document, once the package passes the one check of Office files (submissions/office: zip
    bombs, macros, embedded objects, declared DTDs); ProformaFileError, in words about what the file `holds`,
    if not."""
    return word_document(data, check_office(data, max_unpacked, holds), holds)


def check_office(data, max_unpacked=MAX_UNPACKED_BYTES, holds="a proforma"):
    """The package's content type once it passes the one check of Office files; ProformaFileError if not."""
    try:
        return office.check_package(data, max_unpacked=max_unpacked)
    except office.Refused as refused:
        raise ProformaFileError(_refusal(refused, holds)) from refused


def word_document(data, content_type, holds="a proforma"):
    """The python-docx Document of a checked package of `content_type`; ProformaFileError if it is no Word one."""
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
