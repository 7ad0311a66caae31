"""Uploaded resources: the file's bytes decide whether we take it, big files are dropped as they
arrive, and a valid file is kept while the rest of the proforma is put right."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions import uploads
from submissions.forms import ResourceForm
from tests.conftest import PDF_BYTES

DOCX = Path(__file__).parent.parent / "fixtures" / "islington-sample.docx"
OFFICE = Path(__file__).parent.parent / "fixtures" / "office"
# A picture's signature and the header that says its size (64 x 48), which is all the check reads of it.
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x40\x00\x00\x00\x30\x08\x02" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 9 + b"\xff\xc0\x00\x0b\x08\x00\x30\x00\x40\x01\x01\x11\x00"
JPEG_BYTES += b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
OLE2_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
FILE_TYPE_MESSAGE = "The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG file"


def zip_bytes(entries):
    """A zip archive holding (name, text) entries in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries:
            archive.writestr(name, text)
    return buffer.getvalue()


def ooxml(part):
    """Office Open XML's outside without its model: no main part related, no content type declared."""
    return zip_bytes([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), (part, "<x/>")])


def odf(mimetype):
    content = '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
    return zip_bytes([("mimetype", mimetype), ("content.xml", content)])


def upload(name, content):
    return SimpleUploadedFile(name, content)


def file_errors(name, content):
    """The errors a resource form gives for this file as its only upload."""
    form = ResourceForm({"title": "Evaluation"}, {"file": upload(name, content)})
    form.is_valid()
    return form.errors.get("file", [])


# What the bytes show the file to be


def test_pdf_is_detected_by_its_bytes():
    assert uploads.detect_content_type(upload("report.pdf", PDF_BYTES)) == "application/pdf"


def test_png_is_detected_by_its_bytes():
    assert uploads.detect_content_type(upload("chart.png", PNG_BYTES)) == "image/png"


def test_jpeg_is_detected_by_its_bytes():
    assert uploads.detect_content_type(upload("photo.jpg", JPEG_BYTES)) == "image/jpeg"


def test_real_word_document_is_detected_as_docx():
    content_type = uploads.detect_content_type(upload("sample.docx", DOCX.read_bytes()))

    assert content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_excel_workbook_is_detected_as_xlsx():
    content_type = uploads.detect_content_type(upload("figures.xlsx", (OFFICE / "clean.xlsx").read_bytes()))

    assert content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_powerpoint_presentation_is_detected_as_pptx():
    content_type = uploads.detect_content_type(upload("slides.pptx", (OFFICE / "clean.pptx").read_bytes()))

    assert content_type == "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def test_opendocument_text_is_detected_as_odt():
    content_type = uploads.detect_content_type(upload("notes.odt", odf("application/vnd.oasis.opendocument.text")))

    assert content_type == "application/vnd.oasis.opendocument.text"


def test_detection_leaves_the_file_at_its_start():
    file = upload("sample.docx", DOCX.read_bytes())

    uploads.detect_content_type(file)

    assert file.read(4) == b"PK\x03\x04"


# What the resource form accepts and refuses


@pytest.mark.django_db
def test_executable_renamed_to_pdf_is_refused():
    errors = file_errors("report.pdf", EXE_BYTES)

    assert len(errors) == 1
    assert errors[0].startswith(FILE_TYPE_MESSAGE)


@pytest.mark.django_db
def test_real_pdf_named_exe_is_accepted_because_content_decides():
    form = ResourceForm({"title": "Evaluation"}, {"file": upload("report.exe", PDF_BYTES)})

    assert form.is_valid(), form.errors
    assert form.content_type == "application/pdf"


@pytest.mark.django_db
def test_real_word_document_is_accepted_by_the_form():
    form = ResourceForm({"title": "Evaluation"}, {"file": upload("sample.docx", DOCX.read_bytes())})

    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_zip_that_is_not_an_office_document_is_refused():
    errors = file_errors("documents.docx", zip_bytes([("readme.txt", "hello"), ("word/document.xml", "<x/>")]))

    assert errors[0].startswith(FILE_TYPE_MESSAGE)


@pytest.mark.django_db
def test_a_zip_with_office_folder_names_but_no_main_document_is_refused():
    errors = file_errors("figures.xlsx", ooxml("xl/workbook.xml"))

    assert errors[0].startswith(FILE_TYPE_MESSAGE)


@pytest.mark.django_db
def test_zip_declaring_itself_a_pdf_is_refused():
    errors = file_errors("report.pdf", odf("application/pdf"))

    assert errors[0].startswith(FILE_TYPE_MESSAGE)


@pytest.mark.django_db
def test_html_file_is_refused():
    errors = file_errors("page.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")

    assert errors[0].startswith(FILE_TYPE_MESSAGE)


@pytest.mark.django_db
def test_svg_image_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'

    errors = file_errors("chart.png", svg)

    assert errors[0].startswith(FILE_TYPE_MESSAGE)


@pytest.mark.django_db
def test_legacy_ole2_word_document_is_refused_and_told_to_use_the_newer_format():
    errors = file_errors("minutes.doc", OLE2_BYTES)

    assert errors[0].startswith(FILE_TYPE_MESSAGE)
    assert "Older .doc, .xls and .ppt files must be saved in the newer format first." in errors[0]


def test_empty_file_is_refused_by_the_upload_check():
    with pytest.raises(ValidationError) as refused:
        uploads.validate_upload(upload("report.pdf", b""))

    assert refused.value.messages == ["The selected file is empty"]


@pytest.mark.django_db
def test_empty_file_is_refused_by_the_form():
    assert file_errors("report.pdf", b"") == ["The selected file is empty"]


@pytest.mark.django_db
def test_file_over_the_size_limit_is_refused(settings):
    settings.RESOURCE_MAX_UPLOAD_BYTES = 4 * 1024

    errors = file_errors("report.pdf", PDF_BYTES + b"0" * 5 * 1024)

    assert len(errors) == 1
    assert "smaller than" in errors[0]
    assert "4.0\xa0KB" in errors[0]


# Dropping the bytes of a file that is too big as they arrive


def start_handler(size_hint=None):
    handler = uploads.SizeLimitUploadHandler()
    handler.new_file("file", "report.pdf", "application/pdf", size_hint)
    return handler


def test_size_limit_handler_drops_chunks_past_the_limit(settings):
    settings.RESOURCE_MAX_UPLOAD_BYTES = 4 * 1024
    handler = start_handler()

    assert handler.receive_data_chunk(b"a" * 3 * 1024, 0) == b"a" * 3 * 1024
    assert handler.receive_data_chunk(b"b" * 2 * 1024, 3 * 1024) is None
    assert handler.receive_data_chunk(b"c" * 2 * 1024, 5 * 1024) is None


def test_size_limit_handler_completes_an_oversized_file_as_too_large(settings):
    settings.RESOURCE_MAX_UPLOAD_BYTES = 4 * 1024
    handler = start_handler()
    handler.receive_data_chunk(b"a" * 3 * 1024, 0)
    handler.receive_data_chunk(b"b" * 3 * 1024, 3 * 1024)

    completed = handler.file_complete(6 * 1024)

    assert isinstance(completed, uploads.OversizedUpload)
    assert completed.too_large is True
    assert completed.name == "report.pdf"
    assert completed.size == 6 * 1024
    assert completed.read() == b""


def test_size_limit_handler_leaves_a_file_under_the_limit_to_the_next_handler(settings):
    settings.RESOURCE_MAX_UPLOAD_BYTES = 4 * 1024
    handler = start_handler()

    assert handler.receive_data_chunk(b"a" * 1024, 0) == b"a" * 1024
    assert handler.file_complete(1024) is None


@pytest.mark.django_db
def test_oversized_upload_is_refused_by_the_form_with_the_size_message(settings):
    settings.RESOURCE_MAX_UPLOAD_BYTES = 4 * 1024
    oversized = uploads.OversizedUpload("report.pdf", "application/pdf", 6 * 1024)

    form = ResourceForm({"title": "Evaluation"}, {"file": oversized})
    form.is_valid()

    assert "smaller than" in form.errors["file"][0]


# Keeping a valid file while the rest of the form is put right


def test_kept_upload_token_gives_back_the_stored_file():
    token = uploads.keep_upload(upload("report.exe", PDF_BYTES), "application/pdf")

    kept = uploads.read_kept_upload(token)

    assert kept["filename"] == "report.exe"
    assert kept["type"] == "application/pdf"
    assert kept["size"] == len(PDF_BYTES)
    assert kept["name"].startswith("resources/") and kept["name"].endswith(".pdf")
    assert default_storage.exists(kept["name"])
    with default_storage.open(kept["name"]) as stored:
        assert stored.read() == PDF_BYTES


def test_tampered_kept_upload_token_gives_none():
    token = uploads.keep_upload(upload("report.pdf", PDF_BYTES), "application/pdf")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert uploads.read_kept_upload(tampered) is None


def test_kept_upload_token_whose_file_was_deleted_gives_none():
    token = uploads.keep_upload(upload("report.pdf", PDF_BYTES), "application/pdf")
    default_storage.delete(uploads.read_kept_upload(token)["name"])

    assert uploads.read_kept_upload(token) is None


# Names: what a file is called when downloaded comes from what it is, never from what it was called


@pytest.mark.parametrize("name", ["evil.html", "evil.svg", "page.htm", "doc.xhtml", "script.js", "data.xml"])
def test_a_page_or_script_name_is_refused_whatever_its_first_bytes(name):
    assert file_errors(name, PDF_BYTES) == [
        FILE_TYPE_MESSAGE + ". Older .doc, .xls and .ppt files must be saved in the newer format first."
    ]


@pytest.mark.parametrize(
    "name, served",
    [
        ("invoice.pdf.exe", "invoice.pdf"),
        ("report", "report.pdf"),
        ("evil.php", "evil.pdf"),
        ("..\\..\\windows\\report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("name\u202efdp.exe", "namefdp.pdf"),
        ("tab\there.pdf", "tabhere.pdf"),
    ],
)
def test_a_file_downloads_under_the_extension_of_its_content(client, db, name, served):
    from submissions.models import Practice
    from tests.factories import PracticeFactory

    practice = PracticeFactory(status=Practice.Status.PUBLISHED)
    form = ResourceForm({"title": "Evaluation"}, {"file": upload(name, PDF_BYTES)}, instance=None)
    assert form.is_valid(), form.errors
    resource = form.save(commit=False)
    resource.practice = practice
    resource.save()
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{served}"'
    assert "/" not in resource.original_filename and "\\" not in resource.original_filename
    assert resource.file.name.endswith(".pdf")


def test_a_png_called_jpeg_downloads_as_png():
    assert uploads.download_filename("photo.jpeg", "image/png") == "photo.png"
    assert uploads.download_filename("photo.JPEG", "image/jpeg") == "photo.jpg"


def test_a_very_long_name_is_shortened_keeping_its_extension():
    shown = uploads.display_filename("x" * 300 + ".docx")
    assert len(shown) == uploads.FILENAME_LENGTH
    assert shown.endswith(".docx")


# Macros


@pytest.mark.parametrize(
    "content",
    [
        zip_bytes([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<x/>"), ("word/vbaProject.bin", "x")]),
        zip_bytes(
            [
                (
                    "[Content_Types].xml",
                    '<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
                ),
                ("word/document.xml", "<x/>"),
            ]
        ),
        zip_bytes([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<x/>"), ("xl/vbaProject.bin", "x")]),
        zip_bytes([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<x/>"), ("ppt/vbaProject.bin", "x")]),
        zip_bytes([("mimetype", "application/vnd.oasis.opendocument.text"), ("Basic/Standard/Module1.xml", "x")]),
    ],
    ids=["docm", "macro-enabled-type", "xlsm", "pptm", "odt-basic"],
)
def test_an_office_file_with_macros_is_refused_with_a_clear_message(content):
    [message] = file_errors("report.docx", content)
    assert message.startswith("The selected file contains macros, which the portal does not accept.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "title", ["sam.patel@rbkc.gov.uk", "Sam Patel | +44 20 7361 3000 ext. 4471", "Call 020 8356 1234"]
)
def test_a_resources_title_never_holds_an_email_address_or_phone_number(title):
    form = ResourceForm({"title": title, "url": "https://example.org/report"})

    assert not form.is_valid()
    assert form.errors["title"] == [
        "A resource's title cannot hold an email address or phone number: add the person as a contact"
    ]
    assert ResourceForm({"title": "Evaluation 2024/25 (48 pages)", "url": "https://example.org/report"}).is_valid()
