"""
Proformas in the other formats councils send: .doc, .odt and .rtf (converted by LibreOffice, then read as Word)
and PDF (its text read), each told by its content; the originals are checked before anything opens them.
"""

import http.server
import io
import os
import shutil
import threading
import time
import zipfile

import hypothesis
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from hypothesis import strategies as st

from submissions.importers import ProformaFileError, parse_proforma
from submissions.models import Practice
from tests.factories import lead
from tests.fixtures.corpus import CORPUS, FIXTURES, expectation, expected_fields, fields_of
from tests.fixtures.office_pieces import compound_file

pytestmark = pytest.mark.django_db

FORMATS = FIXTURES / "formats"
OFFICE = FIXTURES / "office"


@pytest.fixture(autouse=True)
def soffice_installed():
    """Conversions are tested for real: without LibreOffice they are skipped here, and fail in CI."""
    if shutil.which("soffice") is None:
        if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail("PORTAL_REQUIRE_BROWSER=1 but soffice is missing: apt-get install libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")


def parse(data, name):
    return parse_proforma(io.BytesIO(data), name)


def refusal(data, name):
    with pytest.raises(ProformaFileError) as refused:
        parse(data, name)
    return str(refused.value)


def test_the_formats_corpus_holds_each_kind_a_council_sends():
    suffixes = {path.suffix for path in FORMATS.iterdir() if path.suffix != ".json"}

    assert suffixes == {".doc", ".odt", ".rtf", ".pdf"}


@pytest.mark.parametrize(
    "path", sorted(p for p in FORMATS.iterdir() if p.suffix != ".json"), ids=lambda path: path.name
)
def test_every_file_in_the_formats_corpus_is_read_field_by_field_or_refused(path):
    expected = expectation(path)

    if "refused" in expected:
        assert expected["refused"] in refusal(path.read_bytes(), path.name)
    else:
        assert fields_of(parse(path.read_bytes(), path.name)) == expected_fields(expected)


def test_a_file_is_read_by_its_content_whatever_its_name_says():
    def read_as(source, name):
        return fields_of(parse((FORMATS / source).read_bytes(), name))

    assert read_as("two-column-table.rtf", "two-column-table.doc") == wanted("two-column-table.rtf")  # as Word saves
    assert read_as("merged-cells.pdf", "merged-cells.docx") == wanted("merged-cells.pdf")
    assert read_as("islington-sample.doc", "proforma.txt") == wanted("islington-sample.doc")
    assert read_as("merged-cells.odt", "merged-cells.pdf") == wanted("merged-cells.odt")


def wanted(name):
    return expected_fields(expectation(FORMATS / name))


@pytest.mark.parametrize("name", ["proforma.doc", "proforma.pdf", "proforma.odt", "proforma.rtf"])
def test_text_named_as_another_format_is_refused_saying_so(name):
    message = refusal(b"Title: Family group conferences\n", name)

    assert f"named as a {name[-4:]} file, but it is not one" in message


@override_settings(PORTAL_SOFFICE="no-such-soffice")
def test_without_libreoffice_the_message_says_what_to_do():
    message = refusal((FORMATS / "islington-sample.doc").read_bytes(), "two-column-table.doc")

    assert "Save it as a Word (.docx) file and upload that, or ask the administrators to install LibreOffice" in (
        message
    )


def test_a_libreoffice_that_cannot_be_run_is_a_refusal_not_an_error(tmp_path, settings):
    broken = tmp_path / "soffice"
    broken.write_bytes(b"\x00\x01 not a program")
    broken.chmod(0o755)
    settings.PORTAL_SOFFICE = str(broken)

    assert "could not be converted to a Word document" in refusal(
        (FORMATS / "islington-sample.doc").read_bytes(), "a.doc"
    )


def test_a_conversion_past_its_time_limit_is_stopped_with_everything_it_started(tmp_path, settings):
    pids = tmp_path / "pids"
    slow = tmp_path / "soffice"
    slow.write_text(f"#!/bin/sh\nsleep 60 &\necho $$ $! > {pids}\nwait\n")
    slow.chmod(0o755)
    settings.PORTAL_SOFFICE, settings.PORTAL_CONVERT_SECONDS = str(slow), 1

    started = time.monotonic()
    message = refusal((FORMATS / "islington-sample.doc").read_bytes(), "two-column-table.doc")

    assert "took too long to convert" in message
    assert time.monotonic() - started < 15  # the stand-in sleeps for 60 s
    assert not [pid for pid in pids.read_text().split() if running(pid)]


def running(pid):
    """Whether the process is alive (a killed one not yet reaped by its new parent shows as a zombie, Z)."""
    try:
        status = open(f"/proc/{pid}/status").read()  # noqa: PTH123, SIM115
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_conversions_at_the_same_time_each_read_their_own_file():
    names = ["islington-sample.doc", "tracked-changes.doc", "islington-sample.odt"]
    found = {}

    def read(name):
        found[name] = fields_of(parse((FORMATS / name).read_bytes(), name))

    threads = [threading.Thread(target=read, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert found == {name: wanted(name) for name in names}


# -- the original is checked before LibreOffice opens it ------------------------------------------------------


def word97(flags=0, **more):
    """An OLE2 file with a Word 97 WordDocument stream (its file information block's flags given) and `more`."""
    fib = (0xA5EC).to_bytes(2, "little") + b"\0" * 8 + flags.to_bytes(2, "little")
    return compound_file({"WordDocument": fib, "1Table": b"\0", **more})


def test_a_doc_with_macros_is_refused_before_it_is_converted():
    data = word97(Macros={"VBA": {"_VBA_PROJECT": b"\xcc\x61", "dir": b"\0"}})

    assert "contains macros" in refusal(data, "proforma.doc")


def test_a_doc_with_an_embedded_object_is_refused():
    assert "embedded" in refusal(word97(ObjectPool={"_1234": {"\x01Ole": b"\0"}}), "proforma.doc")


def test_an_encrypted_doc_is_refused_as_password_protected():
    assert "password-protected" in refusal(word97(flags=0x0100), "proforma.doc")


def test_a_password_protected_docx_is_refused_as_password_protected():
    data = compound_file({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\0" * 64})

    assert "password-protected" in refusal(data, "proforma.docx")


def test_a_spreadsheet_in_the_old_format_is_not_a_word_document():
    assert "not a Word document" in refusal(compound_file({"Workbook": b"\0"}), "proforma.doc")


@pytest.mark.parametrize("keep", [8, 512, 4096, 12_000])
def test_a_truncated_doc_is_refused_as_damaged(keep):
    data = (FORMATS / "islington-sample.doc").read_bytes()[:keep]

    assert "damaged" in refusal(data, "proforma.doc")


def test_an_odt_with_macros_is_refused_before_it_is_converted():
    assert "macros" in refusal((OFFICE / "basic-macro.odt").read_bytes(), "proforma.odt")


def test_a_zip_bomb_named_odt_is_refused_without_unpacking_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<a>" + b" " * (200 * 1024 * 1024) + b"</a>")

    started = time.monotonic()
    assert "expands to far more than a proforma could hold" in refusal(buffer.getvalue(), "proforma.odt")
    assert time.monotonic() - started < 2


def test_an_rtf_with_an_embedded_object_is_refused():
    data = rb"{\rtf1\ansi Title: Family group conferences\par {\object\objemb{\*\objdata 0105000002000000}}}"

    assert "embedded" in refusal(data, "proforma.rtf")


@pytest.mark.parametrize("field", [b"INCLUDEPICTURE", b"INCLUDE}{PICTURE", b"INCLUDETEXT"])
def test_an_rtf_fetching_a_file_when_opened_is_refused(field):
    instruction = field + rb' "http://192.0.2.1/logo.png" \\d'
    data = rb"{\rtf1\ansi Title: Families\par {\field{\*\fldinst{" + instruction + rb"}}{\fldrslt x}}}"

    assert "fetches something from another computer" in refusal(data, "proforma.rtf")


def test_an_odd_rtf_is_read_or_refused_never_a_crash():
    for data in [b"{\\rtf1", b"{\\rtf1" + b"{" * 5000 + b"Title: x" + b"}" * 5000 + b"}", b"{\\rtf1\\bin99999999 x}"]:
        try:
            parse(data, "proforma.rtf")
        except ProformaFileError as refused:
            assert str(refused)


# -- PDF ------------------------------------------------------------------------------------------------------


def pdf_of(pages, declared=None, text="Title: Family group conferences", annotations=""):
    """A PDF of `pages` pages, each with one line of text (and the annotations given); its page tree declares
    `declared` pages if given."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    kids = []
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> %s >>" % annotations.encode()
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), declared or pages)
    out, offsets = io.BytesIO(b"%PDF-1.4\n"), []
    out.seek(0, 2)
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


def test_a_pdf_of_a_few_pages_is_read():
    assert parse(pdf_of(2), "proforma.pdf").title == "Family group conferences"


def test_a_pdf_links_words_keep_their_address():
    text = "Resources: Evaluation report"
    link = "/Annots [<< /Type /Annot /Subtype /Link /Rect [136 715 240 735] "
    link += "/A << /S /URI /URI (https://example.org/e.pdf) >> >>]"
    parsed = parse(pdf_of(1, text=text, annotations=link), "proforma.pdf")

    assert parsed.links == [{"title": "Evaluation report", "url": "https://example.org/e.pdf"}]


@pytest.mark.parametrize("declared", [None, 3], ids=["as declared", "declaring three"])
def test_a_pdf_of_5000_pages_is_refused_quickly(declared):
    data = pdf_of(5000, declared=declared)

    started = time.monotonic()
    assert "more than 30 pages" in refusal(data, "proforma.pdf")
    assert time.monotonic() - started < 10  # 0.1 s on a quiet machine; reading every page would take about a minute


def test_a_pdf_that_runs_javascript_is_refused_as_every_upload_is():
    data = pdf_of(1).replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>")

    assert "runs scripts" in refusal(data, "proforma.pdf")


@pytest.mark.parametrize("keep", [10, 300, 900])
def test_a_truncated_pdf_is_refused_or_read_never_a_crash(keep):
    try:
        parse(pdf_of(1)[:keep], "proforma.pdf")
    except ProformaFileError as refused:
        assert str(refused)


def test_the_source_of_every_converted_file_is_in_the_word_corpus():
    for path in FORMATS.glob("*.json"):
        if "refused" not in expectation(path.with_suffix("")):
            assert (CORPUS / (path.name.split(".")[0] + ".docx")).exists()


# -- through the page ---------------------------------------------------------------------------------------


def test_a_lead_starts_from_their_doc_proforma_and_the_form_opens_filled_in(client):
    client.force_login(lead("Islington"))
    data = (FORMATS / "islington-sample.doc").read_bytes()

    response = client.post(reverse("practice_import"), {"proforma": SimpleUploadedFile("circles.doc", data)})

    page = response.content.decode()
    assert "We have filled in the form from your proforma" in page
    assert 'value="Reflective Race and Identity Circles"' in page
    assert not Practice.objects.exists()


def test_a_scanned_pdf_is_refused_on_the_page_saying_why(client):
    client.force_login(lead("Islington"))
    data = (FORMATS / "scanned.pdf").read_bytes()

    response = client.post(reverse("practice_import"), {"proforma": SimpleUploadedFile("scan.pdf", data)})

    assert response.status_code == 200
    assert "This PDF is a scan, with no text in it" in response.content.decode()


# -- LibreOffice fetches nothing ------------------------------------------------------------------------------


@pytest.fixture
def web_server():
    """A web server on this machine that records every request it gets."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            requests.append(self.path)
            self.send_error(404)

        do_OPTIONS = do_HEAD = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()


def odt_with_linked_picture(address):
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2"><office:body><office:text><text:p>Title: Family group conferences</text:p>
<text:p><draw:frame draw:name="logo" svg:width="2cm" svg:height="2cm"><draw:image xlink:href="{address}/logo.png"
 xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p></office:text></office:body>
</office:document-content>"""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def test_libreoffice_fetches_no_linked_picture_and_the_converted_file_is_refused_for_its_link(web_server):
    address, requests = web_server

    message = refusal(odt_with_linked_picture(address), "proforma.odt")

    assert "fetches something from another computer when it is opened" in message  # the .docx's own check
    assert requests == []  # LibreOffice with its installed settings asks for /logo.png (three requests)


def test_a_damaged_pdf_is_read_or_refused_never_a_crash():
    sources = [(FORMATS / name).read_bytes() for name in ("islington-sample.pdf", "merged-cells.pdf")]

    @hypothesis.settings(max_examples=40, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow])
    @hypothesis.given(
        st.sampled_from(sources), st.lists(st.tuples(st.integers(0, 40_000), st.integers(0, 255)), max_size=20)
    )
    def read_or_refused(data, changes):
        changed = bytearray(data)
        for at, value in changes:
            changed[at % len(changed)] = value
        try:
            parse(bytes(changed), "proforma.pdf")
        except ProformaFileError as refused:
            assert str(refused)

    read_or_refused()
