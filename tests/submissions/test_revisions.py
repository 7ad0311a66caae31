"""Changing a published entry: the live version stays until a moderator approves the changes."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from submissions import services
from submissions.models import Event, Practice
from tests.conftest import attach_pdf
from tests.factories import PracticeFactory, moderator
from tests.submissions.test_proforma import hackney_id, proforma_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(lead_a):
    practice = services.submit_practice(practice=PracticeFactory(title="Reverse mentoring of head teachers"), by=lead_a)
    return services.publish_practice(practice=practice, by=moderator(), seen_version=practice.version)


def revise(client, lead, practice, **changes):
    """The lead clicks 'Change this entry', edits the proforma and submits the changes."""
    client.force_login(lead)
    response = client.post(reverse("practice_revise", args=[practice.pk]))
    revision = Practice.objects.get(revision_of=practice)
    assert response["Location"] == reverse("practice_edit", args=[revision.pk])
    contact = revision.contacts.get()
    data = proforma_data(
        local_authority=hackney_id(),
        **{
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk),
            "contacts-0-name": contact.name,
            "contacts-0-email": contact.email,
            "categories": [c.pk for c in revision.categories.all()],
            "themes": [t.pk for t in revision.themes.all()],
            **changes,
        },
    )
    assert client.post(reverse("practice_edit", args=[revision.pk]), data).status_code == 302
    client.post(reverse("practice_check", args=[revision.pk]))
    return Practice.objects.get(pk=revision.pk)


def public_page(client, practice):
    client.logout()
    return client.get(practice.get_absolute_url()).content.decode()


def test_the_public_text_does_not_change_until_the_revision_is_approved(client, lead_a, published):
    revision = revise(client, lead_a, published, title="Reverse mentoring, now in every secondary school")

    assert revision.status == Practice.Status.SUBMITTED
    page = public_page(client, published)
    assert "Reverse mentoring of head teachers" in page
    assert "now in every secondary school" not in page

    services.publish_practice(practice=revision, by=moderator(), seen_version=revision.version)

    page = public_page(client, published)
    assert "Reverse mentoring, now in every secondary school" in page
    assert not Practice.objects.filter(revision_of=published).exists()
    live = Practice.objects.get(pk=published.pk)
    assert [s.content["title"] for s in live.published_versions] == [
        "Reverse mentoring of head teachers",
        "Reverse mentoring, now in every secondary school",
    ]
    assert live.events.filter(action=Event.Action.REVISION_STARTED).exists()  # the history came across
    client.force_login(lead_a)
    first_version = client.get(reverse("version", args=[live.published_versions[0].pk])).content.decode()
    assert "Reverse mentoring of head teachers" in first_version


def test_rejected_changes_leave_the_published_entry_as_it_was(client, lead_a, published):
    revision = revise(client, lead_a, published, title="A title the moderators did not accept")

    services.reject_practice(practice=revision, by=moderator(), seen_version=revision.version, reason="Not accurate")

    assert "Reverse mentoring of head teachers" in public_page(client, published)
    assert Practice.objects.get(pk=published.pk).status == Practice.Status.PUBLISHED


def test_the_review_page_highlights_what_changed(client, lead_a, published):
    revision = revise(client, lead_a, published, title="Reverse mentoring of head teachers and governors")
    client.force_login(moderator())

    page = client.get(reverse("review", args=[revision.pk])).content.decode()

    assert "What changed" in page
    assert "<ins>" in page and "governors</ins>" in page


def test_a_resubmission_is_compared_with_what_the_moderator_last_saw(client, lead_a):
    practice = services.submit_practice(practice=PracticeFactory(impact="Fewer exclusions."), by=lead_a)
    maya = moderator()
    services.request_changes(practice=practice, by=maya, seen_version=practice.version, comment="Give figures")
    Practice.objects.filter(pk=practice.pk).update(impact="Exclusions fell by a third.")
    services.submit_practice(practice=Practice.objects.get(pk=practice.pk), by=lead_a)
    client.force_login(maya)

    page = client.get(reverse("review", args=[practice.pk])).content.decode()

    assert "<del>Fewer exclusions.</del>" in page
    assert "<ins>Exclusions fell by a third.</ins>" in page


def test_a_file_shared_with_the_live_version_survives_its_removal_from_a_revision(
    client, lead_a, published, django_capture_on_commit_callbacks
):
    resource = attach_pdf(Practice.objects.get(pk=published.pk))
    client.force_login(lead_a)
    client.post(reverse("practice_revise", args=[published.pk]))
    revision = Practice.objects.get(revision_of=published)
    copy = revision.resources.get()
    contact = revision.contacts.get()
    data = proforma_data(
        local_authority=hackney_id(),
        **{
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk),
            "resources-TOTAL_FORMS": "1",
            "resources-INITIAL_FORMS": "1",
            "resources-0-id": str(copy.pk),
            "resources-0-title": copy.title,
            "resources-0-DELETE": "on",
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("practice_edit", args=[revision.pk]), data)

    assert not revision.resources.exists()
    assert default_storage.exists(resource.file.name)  # the published entry still offers it
