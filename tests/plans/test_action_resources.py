"""Documents and links on an action, on the proforma's upload rules, served only to those who may see the action."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plans.models import ActionResource
from privacy.retention import orphan_uploads
from tests import factories
from tests.conftest import PDF_BYTES
from tests.plans import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def competence():
    """North Central London's action owned by 'all NCL DCSs'."""
    return world.north_central().areas.get(number=3).actions.get()


def add(client, action, **data):
    return client.post(reverse("plans:resource_add", args=[action.pk]), {"title": "", "url": "", **data})


def test_an_owner_adds_a_pdf_which_readers_download_and_others_cannot(client, competence):
    client.force_login(world.director())
    pdf = SimpleUploadedFile("terms.pdf", PDF_BYTES, content_type="application/pdf")
    response = add(client, competence, title="Terms of reference", file=pdf)
    assert response.status_code == 302
    resource = ActionResource.objects.get()
    assert (resource.content_type, resource.original_filename) == ("application/pdf", "terms.pdf")
    assert "Terms of reference" in world.html_of(client.get(competence.get_absolute_url()))
    client.force_login(world.coordinator())
    download = client.get(resource.get_absolute_url())
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"
    assert (
        download["Content-Disposition"].startswith("attachment") and b"".join(download.streaming_content) == PDF_BYTES
    )
    client.force_login(factories.lead("Hackney"))  # East London: does not read North Central London's plan
    assert client.get(resource.get_absolute_url()).status_code == 404


def test_a_file_of_a_type_the_proforma_refuses_is_refused_and_nothing_is_saved(client, competence):
    client.force_login(world.coordinator())
    page = world.html_of(
        add(client, competence, title="Script", file=SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>"))
    )
    assert "The selected file must be a PDF, Word" in page and not ActionResource.objects.exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x"])
def test_a_link_that_is_not_a_web_address_is_refused(client, competence, url):
    client.force_login(world.coordinator())
    assert "Enter a web link starting http:// or https://" in world.html_of(
        add(client, competence, title="Bad", url=url)
    )
    assert not ActionResource.objects.exists()


@pytest.mark.parametrize("length", [600, 3000])
def test_an_over_long_link_gets_one_message_its_length(client, competence, length):
    client.force_login(world.coordinator())
    url = "https://example.org/" + "a" * length
    response = add(client, competence, title="Long", url=url)
    assert [message for _, message in response.context["errors"]] == [
        f"The web link must be 500 characters or fewer (you have {len(url)})"
    ]
    assert not ActionResource.objects.exists()


def test_a_link_is_added_and_shown(client, competence):
    client.force_login(world.coordinator())
    add(client, competence, title="Staff College framework", url="https://example.org/framework")
    page = world.html_of(client.get(competence.get_absolute_url()))
    assert 'href="https://example.org/framework" rel="noopener noreferrer">Staff College framework' in page


def test_a_valid_file_is_kept_when_the_title_is_missing(client, competence):
    client.force_login(world.coordinator())
    pdf = SimpleUploadedFile("terms.pdf", PDF_BYTES, content_type="application/pdf")
    page = world.html_of(add(client, competence, file=pdf))
    assert "Enter a title for the resource" in page and "Uploaded:</strong> terms.pdf" in page


def test_a_reader_who_does_not_own_the_action_cannot_add_and_a_director_cannot_take_off(client, competence):
    client.force_login(world.coordinator())
    add(client, competence, title="Link", url="https://example.org/")
    resource = ActionResource.objects.get()
    client.force_login(world.director())
    assert client.post(reverse("plans:resource_remove", args=[competence.pk, resource.pk])).status_code == 403
    client.force_login(factories.lead("Camden"))
    assert add(client, competence, title="Mine", url="https://example.org/").status_code == 403


def test_the_coordinator_takes_a_file_off_and_it_is_deleted(client, competence):
    client.force_login(world.coordinator())
    add(client, competence, title="Terms", file=SimpleUploadedFile("t.pdf", PDF_BYTES))
    resource = ActionResource.objects.get()
    name = resource.file.name
    response = client.post(reverse("plans:resource_remove", args=[competence.pk, resource.pk]))
    assert response.status_code == 302 and not ActionResource.objects.exists() and not default_storage.exists(name)


def test_clearing_orphan_uploads_keeps_the_files_of_actions(client, competence):
    client.force_login(world.coordinator())
    add(client, competence, title="Terms", file=SimpleUploadedFile("t.pdf", PDF_BYTES))
    name = ActionResource.objects.get().file.name
    orphan_uploads(timezone.now() + timedelta(days=3650), dry_run=False)
    assert default_storage.exists(name)
