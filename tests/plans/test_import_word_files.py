"""Damaged, oversized and macro-enabled Word files, and text in other encodings: a plain message each, never a 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from plans import importer
from plans.models import Plan
from tests.plans import world
from tests.plans.test_import_bad_files import docx_of

NOT_WORD = "The file is not a Word document that can be read"


def rezipped(data, replaced=None):
    """A copy of a .docx with some parts' bytes replaced, by their names."""
    replaced = replaced or {}
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, replaced.get(entry.filename, source.read(entry.filename)))
    return out.getvalue()


def junk_docx():
    """A zip with a [Content_Types].xml that is not XML and no document in it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("hello.txt", "hello, world")
        target.writestr("[Content_Types].xml", "not xml!!!")
    return out.getvalue()


def cut_in_half_docx():
    document = docx_of(["Plan", "1. Data", "Action: analyse"])
    xml = zipfile.ZipFile(io.BytesIO(document)).read("word/document.xml")
    return rezipped(document, {"word/document.xml": xml[: len(xml) // 2]})


def invalid_content_types_docx():
    return rezipped(docx_of(["Plan", "1. Data"]), {"[Content_Types].xml": b"<Types><Default Extension="})


BROKEN = {"junk": junk_docx, "document cut in half": cut_in_half_docx, "content types": invalid_content_types_docx}


@pytest.mark.parametrize("make", BROKEN.values(), ids=BROKEN.keys())
def test_a_damaged_word_file_is_not_a_word_document_that_can_be_read(make):
    parsed = importer.parse("plan.docx", make())
    assert parsed.errors == [NOT_WORD + ": save it again as .docx"] and parsed.areas == []


@pytest.mark.django_db
@pytest.mark.parametrize("make", BROKEN.values(), ids=BROKEN.keys())
def test_import_plan_refuses_a_damaged_word_file_without_a_crash(tmp_path, make):
    path = tmp_path / "plan.docx"
    path.write_bytes(make())
    with pytest.raises(CommandError, match=NOT_WORD):
        call_command("import_plan", str(path), "--dry-run", stdout=io.StringIO())


def upload(client, name, content):
    client.force_login(world.coordinator())
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    region = world.region("North Central London").pk
    return client.post(reverse("plans:plan_import"), {"file": file, "sub_region": region})


@pytest.mark.django_db
@pytest.mark.parametrize("make", BROKEN.values(), ids=BROKEN.keys())
def test_the_upload_page_refuses_a_damaged_word_file_with_its_message(client, make):
    response = upload(client, "plan.docx", make())
    assert response.status_code == 200
    assert "There is a problem" in response.text and NOT_WORD in response.text
    assert not Plan.objects.exists()
