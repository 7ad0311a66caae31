"""Bringing proformas in: the management command, and a lead starting from their Word proforma."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from submissions.models import Practice
from tests.factories import lead
from tests.test_importers import FIXTURES

pytestmark = pytest.mark.django_db


def upload(client, name, data=None):
    data = (FIXTURES / name).read_bytes() if data is None else data
    return client.post(reverse("practice_import"), {"proforma": SimpleUploadedFile(name, data)})


def test_the_command_imports_a_folder_once_and_says_what_it_found(tmp_path, capsys):
    for name in ("islington-sample.docx", "hackney.txt", "redbridge.txt"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())

    call_command("import_proformas", str(tmp_path))
    call_command("import_proformas", str(tmp_path / "islington-sample.docx"))

    out = capsys.readouterr().out
    assert "islington-sample.docx: imported as entry" in out
    assert "Islington, ‘Reflective Race and Identity Circles’, 3 categories, 1 contacts, 2 links" in out
    assert "hackney.txt: imported as entry" in out and "No sharing category was marked" in out
    assert "islington-sample.docx: already imported as entry" in out
    assert Practice.objects.count() == 3
    assert set(Practice.objects.values_list("status", flat=True)) == {Practice.Status.DRAFT}


def test_a_dry_run_saves_nothing_and_publish_makes_them_searchable(capsys):
    from submissions import search

    call_command("import_proformas", str(FIXTURES / "redbridge.txt"), "--dry-run")
    assert not Practice.objects.exists()
    assert "would import Redbridge, ‘Various’" in capsys.readouterr().out

    call_command("import_proformas", str(FIXTURES / "islington-sample.docx"), "--publish")
    assert [hit.title for hit in search.run("reflective circles").hits] == ["Reflective Race and Identity Circles"]


def test_the_command_reports_a_bad_file_and_goes_on(tmp_path, capsys):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "hackney.txt").write_bytes((FIXTURES / "hackney.txt").read_bytes())

    call_command("import_proformas", str(tmp_path))

    out = capsys.readouterr().out
    assert "broken.docx: refused: The selected file is damaged" in out
    assert "hackney.txt: imported" in out


def test_a_lead_starts_from_their_word_proforma_and_nothing_is_saved_until_they_do(client):
    client.force_login(lead("Islington"))

    response = upload(client, "islington-sample.docx")

    page = response.content.decode()
    assert "We have filled in the form from your proforma" in page
    assert 'value="Reflective Race and Identity Circles"' in page
    assert 'value="priya.raman@example.org"' in page
    assert 'value="https://example.org/islington/circles-evaluation"' in page
    assert "The Word template has no short summary" in page
    assert not Practice.objects.exists()


def test_a_proforma_from_another_borough_is_flagged_not_filed_there(client):
    client.force_login(lead("Hackney"))

    page = upload(client, "islington-sample.docx").content.decode()

    assert "You are not a lead for Islington. Select yours." in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.docx", b"%PDF-1.4 \x00\x01 binary", "not a Word document"),
        ("empty.docx", b"", "The selected file is empty"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected"),
    ],
)
def test_a_bad_upload_gets_a_clear_message_and_saves_nothing(client, name, data, message):
    client.force_login(lead("Islington"))

    response = upload(client, name, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'href="#id_proforma"' in response.content.decode()
    assert not Practice.objects.exists()
