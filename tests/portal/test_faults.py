"""
Faults: the database going away gives a friendly 503 and the portal recovers by itself when it
is back; a full disk, object storage refusing, or a failure part way through saving leaves no
half-made entry and no orphan file, answers 503, and everything typed is still on the page (files
the portal could keep too; the others named, to be chosen again).
"""

import errno
from pathlib import Path

import pytest
from botocore.exceptions import EndpointConnectionError
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from submissions.models import Event, Practice, Resource
from submissions.unavailable import FILE_NOT_SAVED
from tests.conftest import PDF_BYTES, attach_pdf
from tests.factories import PracticeFactory, lead
from tests.operations.forms import form_values
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


def test_a_form_sent_while_the_database_is_out_of_reach_comes_back_on_the_503_page_as_typed(monkeypatch):
    # The database fails before the form can be shown again (signing in needs it): the outside walk's lead lost
    # everything. The 503 page now gives back every answer sent, to copy, and nothing is saved.
    browser = Client(raise_request_exception=False)
    browser.force_login(lead("Hackney"))

    def unreachable(*args, **kwargs):
        raise OperationalError('connection to server at "db", port 5432 failed: Connection refused')

    with monkeypatch.context() as down:
        down.setattr(connection, "cursor", unreachable)
        response = browser.post(reverse("practice_create"), proforma_data(description="Monthly <b>meetings</b>"))

    page = response.content.decode()
    assert response.status_code == 503 and response["Cache-Control"] == "private, no-store"
    assert "What you sent" in page
    assert "Black leadership group" in page and "Lisa Aldridge" in page
    assert "Monthly &lt;b&gt;meetings&lt;/b&gt;" in page
    assert "Contacts 1: name" in page
    assert "csrfmiddlewaretoken" not in page and "TOTAL_FORMS" not in page
    assert not Practice.objects.exists()


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
    assert response.status_code == 503
    assert FILE_NOT_SAVED in page
    assert 'value="Reverse mentoring with governors"' in page
    assert "Choose ‘r0.pdf’ again" in page and "Choose ‘r1.pdf’ again" in page
    assert not Practice.objects.exists() and not Resource.objects.exists()
    assert stored_files() == []  # the first report, stored before the disk filled, is gone again


def test_a_database_failure_after_the_uploads_saves_nothing_and_keeps_the_files_for_saving_again(client, monkeypatch):
    client.force_login(lead("Hackney"))

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    with monkeypatch.context() as failing:
        failing.setattr(Event.objects, "create", lost)  # after the entry and both files are written
        response = client.post(reverse("practice_create"), two_reports(title="Reverse mentoring with governors"))

    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert FILE_NOT_SAVED in page and 'value="Reverse mentoring with governors"' in page
    assert "<strong>Uploaded:</strong> r0.pdf" in page and "<strong>Uploaded:</strong> r1.pdf" in page
    assert not Practice.objects.exists() and not Resource.objects.exists()
    kept = stored_files()
    assert len(kept) == 2  # the two reports, stored once more for the page; the save's own copies are gone

    again = client.post(reverse("practice_create"), form_values(page) | {"action": "draft"})

    assert again.status_code == 302
    practice = Practice.objects.get()
    assert practice.title == "Reverse mentoring with governors"
    assert sorted(resource.file.name for resource in practice.resources.all()) == kept
    assert stored_files() == kept


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

    assert response.status_code == 503
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
    assert response.status_code == 503
    assert FILE_NOT_SAVED in page
    assert "Enter the name of the project or approach" in page
    assert "Choose ‘r0.pdf’ again" in page and "Choose ‘r1.pdf’ again" in page
    assert stored_files() == []


class UnreachableStorage(FileSystemStorage):
    """Object storage out of reach: every call fails as boto3's does when the endpoint does not answer."""

    def _fail(self, *args, **kwargs):
        raise EndpointConnectionError(endpoint_url="https://objects.example.org/portal")

    _save = _open = exists = delete = listdir = size = _fail


@pytest.fixture
def unreachable_storage(settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.UnreachableStorage"}}


def report_data(**overrides):
    report = {"resources-0-title": "Evaluation report", "resources-0-file": SimpleUploadedFile("eval.pdf", PDF_BYTES)}
    return proforma_data(local_authority=hackney_id(), **report, **overrides)


def test_storage_out_of_reach_answers_503_with_every_answer_on_the_page_and_nothing_saved(client, unreachable_storage):
    client.force_login(lead("Hackney"))

    response = client.post(reverse("practice_create"), report_data(title="Reverse mentoring with governors"))

    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert FILE_NOT_SAVED in page
    for typed in (
        "Reverse mentoring with governors",
        "Lisa Aldridge",
        "lisa.aldridge@example.org",
        "Evaluation report",
    ):
        assert f'value="{typed}"' in page
    assert "A group of Black staff acts as critical friend to the service." in page
    assert "Choose ‘eval.pdf’ again: we could not keep the file just now" in page
    assert not Practice.objects.exists() and not Resource.objects.exists() and not Event.objects.exists()


def test_storage_out_of_reach_on_a_page_with_errors_names_the_file_to_choose_again(client, unreachable_storage):
    client.force_login(lead("Hackney"))

    response = client.post(reverse("practice_create"), report_data(title=""))

    page = response.content.decode()
    assert response.status_code == 503
    assert "Enter the name of the project or approach" in page
    assert "Choose ‘eval.pdf’ again" in page
    assert not Practice.objects.exists()


def test_a_file_kept_before_storage_went_out_of_reach_is_saved_with_the_entry(client, settings):
    client.force_login(lead("Hackney"))
    page = client.post(reverse("practice_create"), report_data(title="")).content.decode()  # the file is kept
    assert "<strong>Uploaded:</strong> eval.pdf" in page
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.UnreachableStorage"}}

    saved = client.post(reverse("practice_create"), form_values(page) | {"title": "Mentoring", "action": "draft"})

    assert saved.status_code == 302
    assert Practice.objects.get().resources.get().original_filename == "eval.pdf"


def test_a_download_while_storage_is_out_of_reach_is_the_portals_503_not_a_500(unreachable_storage):
    practice = PracticeFactory(status="published")
    resource = Resource.objects.create(practice=practice, title="Report", file="resources/report.pdf")
    browser = Client(raise_request_exception=False)

    response = browser.get(reverse("resource_download", args=[resource.pk]))

    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_storage_out_of_reach_when_adding_a_file_to_an_action_answers_503_with_the_title_kept(
    client, unreachable_storage
):
    from plans.models import ActionResource
    from tests.plans import world

    action = world.north_central().areas.get(number=3).actions.get()
    client.force_login(world.coordinator())
    pdf = SimpleUploadedFile("terms.pdf", PDF_BYTES, content_type="application/pdf")

    response = client.post(
        reverse("plans:resource_add", args=[action.pk]), {"title": "Terms of reference", "url": "", "file": pdf}
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert FILE_NOT_SAVED in page and 'value="Terms of reference"' in page
    assert "Choose ‘terms.pdf’ again" in page
    assert not ActionResource.objects.exists()


def test_a_database_failure_adding_a_file_to_an_action_leaves_no_orphan_and_keeps_the_file(client, monkeypatch):
    from plans import services
    from plans.models import ActionResource
    from tests.plans import world

    action = world.north_central().areas.get(number=3).actions.get()
    client.force_login(world.coordinator())
    pdf = SimpleUploadedFile("terms.pdf", PDF_BYTES, content_type="application/pdf")

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "record", lost)  # after the file is stored and the row written
    response = client.post(
        reverse("plans:resource_add", args=[action.pk]), {"title": "Terms of reference", "url": "", "file": pdf}
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert "<strong>Uploaded:</strong> terms.pdf" in page
    assert not ActionResource.objects.exists()
    assert len(stored_files()) == 1  # kept for the page; the failed save's copy is gone


def test_storage_out_of_reach_when_loading_a_dataset_answers_503_with_the_details_kept(client, unreachable_storage):
    from evidence.models import Dataset
    from tests.evidence.factories import FIXTURES, analyst
    from tests.evidence.test_load_pages import PROVENANCE

    client.force_login(analyst())
    content = (FIXTURES / "long_youth_justice.csv").read_bytes()
    data = {"file": SimpleUploadedFile("youth-justice.csv", content, "text/csv"), "source": "long", **PROVENANCE}

    response = client.post(reverse("evidence:load"), data)

    page = response.content.decode()
    assert response.status_code == 503
    assert FILE_NOT_SAVED in page and f'value="{PROVENANCE["title"]}"' in page
    assert "Choose ‘youth-justice.csv’ again" in page
    assert not Dataset.objects.exists()


def test_a_form_too_large_to_read_gets_a_page_that_says_how_to_get_back_to_what_was_typed(client):
    client.force_login(lead("Hackney"))
    too_large = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = client.post(reverse("practice_create"), {"title": "A long one", "description": too_large})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Sorry, what was sent could not be read" in page
    assert "Back button" in page and "usually keeps what you typed" in page
    assert response["X-Request-ID"] in page  # the reference to quote
    assert 'rel="stylesheet"' in page and '<a href="/">Go to the home page</a>' in page
    assert not Practice.objects.filter(title="A long one").exists()
