"""
Faults: the database going away gives a friendly 503 and the portal recovers by itself when it
is back; a full disk or a failure part way through saving leaves no half-made entry and no
orphan file, and the lead's text is still on the page.
"""

import errno
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from submissions.models import Event, Practice, Resource
from tests.conftest import PDF_BYTES, attach_pdf
from tests.factories import PracticeFactory, lead
from tests.submissions.test_proforma import hackney_id, proforma_data

pytestmark = pytest.mark.django_db


def test_a_lost_database_gives_a_friendly_503_then_the_portal_recovers(monkeypatch):
    PracticeFactory(status="published", title="Mentoring")
    browser = Client(raise_request_exception=False)

    def unreachable(*args, **kwargs):
        raise OperationalError('connection to server at "db", port 5432 failed: Connection refused')

    with monkeypatch.context() as down:
        down.setattr(connection, "cursor", unreachable)
        response = browser.get(reverse("practice_list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert "Traceback" not in page and "Connection refused" not in page

    assert "Mentoring" in browser.get(reverse("practice_list")).content.decode()  # back by itself


def test_other_errors_are_a_plain_500_with_no_details(monkeypatch):
    browser = Client(raise_request_exception=False)
    monkeypatch.setattr("search.views.engine.run", lambda *args, **kwargs: 1 / 0)
    response = browser.get(reverse("home"))
    assert response.status_code == 500
    assert "ZeroDivisionError" not in response.content.decode()
    assert "Sorry, there is a problem with the service" in response.content.decode()


def stored_files():
    media = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def disk_full_after(monkeypatch, files):
    """Storage that takes this many more files, then fails as a full disk does."""
    save = FileSystemStorage._save

    def save_until_full(storage, name, content):
        if len(stored_files()) >= files:
            raise OSError(errno.ENOSPC, "No space left on device")
        return save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save_until_full)


def two_reports(**overrides):
    files = {
        f"resources-{n}-{field}": value
        for n in (0, 1)
        for field, value in (("title", f"Report {n + 1}"), ("file", SimpleUploadedFile(f"r{n}.pdf", PDF_BYTES)))
    }
    return proforma_data(local_authority=hackney_id(), **{"resources-TOTAL_FORMS": "2", **files, **overrides})


def test_a_full_disk_part_way_through_the_uploads_saves_nothing_and_keeps_the_text(client, monkeypatch):
    client.force_login(lead("Hackney"))
    disk_full_after(monkeypatch, files=1)  # the first report is stored, the second is not

    response = client.post(reverse("practice_create"), two_reports(title="Reverse mentoring with governors"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Your answers have not been saved, because a file could not be stored" in page
    assert 'value="Reverse mentoring with governors"' in page
    assert not Practice.objects.exists() and not Resource.objects.exists()
    assert stored_files() == []  # the first report, stored before the disk filled, is gone again


def test_a_database_failure_after_the_uploads_leaves_no_entry_and_no_file(monkeypatch):
    browser = Client(raise_request_exception=False)
    browser.force_login(lead("Hackney"))

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Event.objects, "create", lost)  # after the entry and both files are written

    response = browser.post(reverse("practice_create"), two_reports())

    assert response.status_code == 503
    assert not Practice.objects.exists() and not Resource.objects.exists()
    assert stored_files() == []


def test_a_failed_upload_to_a_saved_draft_leaves_the_draft_and_its_file_as_they_were(client, monkeypatch):
    client.force_login(lead("Hackney"))
    draft = PracticeFactory(title="Youth justice disproportionality plan")
    kept = attach_pdf(draft)
    before = stored_files()
    disk_full_after(monkeypatch, files=len(before))
    data = proforma_data(
        local_authority=hackney_id(),
        title="Youth justice disproportionality plan, revised",
        seen_version=draft.version,
        **{
            "resources-TOTAL_FORMS": "2",
            "resources-INITIAL_FORMS": "1",
            "resources-0-id": kept.pk,
            "resources-0-title": kept.title,
            "resources-1-title": "Full report",
            "resources-1-file": SimpleUploadedFile("full.pdf", PDF_BYTES),
        },
    )

    response = client.post(reverse("practice_edit", args=[draft.pk]), data)

    assert "Youth justice disproportionality plan, revised" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Youth justice disproportionality plan"
    assert [resource.file.name for resource in draft.resources.all()] == [kept.file.name]
    assert stored_files() == before


def test_a_full_disk_while_keeping_an_upload_on_a_page_with_errors_shows_both(client, monkeypatch):
    client.force_login(lead("Hackney"))
    disk_full_after(monkeypatch, files=0)

    response = client.post(reverse("practice_create"), two_reports(title=""))

    page = response.content.decode()
    assert "Your answers have not been saved, because a file could not be stored" in page
    assert "Enter the name of the project or approach" in page
    assert stored_files() == []
