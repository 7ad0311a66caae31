"""Moderators' decisions: what they change, who hears about it, and what they refuse to do."""

import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from outbox.models import OutgoingEmail
from reference.models import Theme
from submissions import services
from submissions.models import Event, Practice, Snapshot, ThemeSuggestion
from tests.factories import PracticeFactory, authority, lead, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(lead_a):
    practice = PracticeFactory()
    return services.submit_practice(practice=practice, by=lead_a)


@pytest.fixture
def signed_in_moderator(client):
    user = moderator(email="maya@example.org")
    client.force_login(user)
    return client


def decide(client, practice, **data):
    return client.post(reverse("review", args=[practice.pk]), {"version": practice.version, **data}, follow=True)


def test_submitting_tells_the_moderators_and_gives_the_lead_a_receipt(lead_a, django_capture_on_commit_callbacks):
    maya = moderator(email="maya@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_practice(practice=PracticeFactory(), by=lead_a)

    to_moderator, receipt = sorted(mail.outbox, key=lambda m: m.to != [maya.email])
    assert to_moderator.to == [maya.email]
    assert to_moderator.subject.startswith("New practice to review: ")
    assert "http://testserver/moderation/" in to_moderator.body
    assert receipt.to == [lead_a.email]
    assert receipt.subject.startswith("We have received ")


def test_moderator_publishes_and_the_boroughs_leads_are_told(
    signed_in_moderator, submitted, lead_a, django_capture_on_commit_callbacks
):
    other_hackney_lead = lead("Hackney", email="second.lead@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(signed_in_moderator, submitted, decision="publish")

    assert (
        f'‘{submitted.title}’ is published: <a href="{submitted.get_absolute_url()}">see it as readers do</a>.'
        in response.content.decode()
    )
    submitted.refresh_from_db()
    assert submitted.status == Practice.Status.PUBLISHED
    assert submitted.published_at is not None
    assert submitted.snapshots.filter(kind=Snapshot.Kind.PUBLISHED).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([other_hackney_lead.email, lead_a.email])
    assert all(m.subject == f"Published: {submitted.title}" for m in mail.outbox)
    assert submitted.title in signed_in_moderator.get(reverse("practice_list")).content.decode()


def test_asking_for_changes_needs_a_comment_which_reaches_the_lead(
    signed_in_moderator, submitted, client, lead_a, django_capture_on_commit_callbacks
):
    missing = decide(signed_in_moderator, submitted, decision="request_changes", comment="  ")
    assert "Tell the lead what needs to change" in missing.content.decode()
    assert Practice.objects.get().status == Practice.Status.SUBMITTED

    comment = "Please add the evaluation figures for 2024."
    with django_capture_on_commit_callbacks(execute=True):
        decide(signed_in_moderator, submitted, decision="request_changes", comment=comment)

    assert Practice.objects.get().status == Practice.Status.CHANGES_REQUESTED
    [email] = mail.outbox
    assert email.to == [lead_a.email] and comment in email.body
    client.force_login(lead_a)
    assert comment in client.get(reverse("practice_edit", args=[submitted.pk])).content.decode()
    assert comment in client.get(reverse("submission_detail", args=[submitted.pk])).content.decode()


def test_rejecting_needs_a_reason(signed_in_moderator, submitted):
    response = decide(signed_in_moderator, submitted, decision="reject")

    assert "Give the reason for rejecting this entry" in response.content.decode()
    assert Practice.objects.get().status == Practice.Status.SUBMITTED


def test_a_draft_cannot_be_published(signed_in_moderator):
    draft = PracticeFactory()

    response = decide(signed_in_moderator, draft, decision="publish")

    assert "This entry is draft, so it cannot be published." in response.content.decode()
    assert Practice.objects.get().status == Practice.Status.DRAFT
    assert not Event.objects.exists()


def test_a_decision_from_a_stale_page_is_refused(signed_in_moderator, submitted):
    page_loaded_at_version = submitted.version
    services.request_changes(practice=submitted, by=moderator(), seen_version=submitted.version, comment="Add figures")
    Practice.objects.filter(pk=submitted.pk).update(status=Practice.Status.SUBMITTED)  # resubmitted meanwhile

    response = signed_in_moderator.post(
        reverse("review", args=[submitted.pk]), {"version": page_loaded_at_version, "decision": "publish"}, follow=True
    )

    assert "Someone else has changed this entry since you opened the page" in response.content.decode()
    assert Practice.objects.get().status == Practice.Status.SUBMITTED


def test_two_moderators_deciding_at_once_cannot_both_succeed(reference_data):
    author = lead("Hackney")
    practice = services.submit_practice(practice=PracticeFactory(), by=author)
    maya, ade = moderator(), moderator()
    start = threading.Barrier(2)
    outcomes = []

    def decide_as(who, decision):
        start.wait()
        try:
            decision(practice=Practice.objects.get(pk=practice.pk), by=who, seen_version=practice.version)
            outcomes.append("decided")
        except services.TransitionNotAllowed:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - shown in the assertion below
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide_as, args=(maya, services.publish_practice)),
        threading.Thread(
            target=decide_as,
            args=(ade, lambda **kw: services.reject_practice(reason="Duplicate", **kw)),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["decided", "refused"]
    assert Event.objects.filter(action__in=["published", "rejected"]).count() == 1


def test_unpublishing_needs_a_reason_and_takes_the_entry_off_the_portal(signed_in_moderator, client):
    published = PracticeFactory(status=Practice.Status.PUBLISHED)

    missing = signed_in_moderator.post(reverse("review", args=[published.pk]), {"version": 1, "reason": ""})
    assert "Give the reason for unpublishing this entry" in missing.content.decode()

    signed_in_moderator.post(reverse("review", args=[published.pk]), {"version": 1, "reason": "Consent withdrawn"})

    published.refresh_from_db()
    assert published.status == Practice.Status.WITHDRAWN
    assert published.events.get().comment == "Consent withdrawn"
    client.logout()
    assert client.get(published.get_absolute_url()).status_code == 404


def test_a_failing_mail_server_never_loses_the_decision(
    signed_in_moderator, submitted, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.failing_mail.EmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        decide(signed_in_moderator, submitted, decision="request_changes", comment="Add the figures")

    assert Practice.objects.get().status == Practice.Status.CHANGES_REQUESTED
    waiting = OutgoingEmail.objects.get(sent_at=None, subject__startswith="Changes requested")
    assert "Connection refused" in waiting.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_emails")

    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert any("Add the figures" in m.body for m in mail.outbox)


def test_the_queue_lists_submissions_oldest_first_and_filters_by_sub_region(signed_in_moderator, lead_a):
    first = services.submit_practice(practice=PracticeFactory(title="Hackney first"), by=lead_a)
    camden_lead = lead("Camden")
    second = services.submit_practice(
        practice=PracticeFactory(title="Camden second", local_authority=authority("Camden")), by=camden_lead
    )
    PracticeFactory(title="A draft nobody should see here")

    page = signed_in_moderator.get(reverse("moderation_queue")).content.decode()
    assert page.index(first.title) < page.index(second.title)
    assert "A draft nobody should see here" not in page

    north_central = signed_in_moderator.get(reverse("moderation_queue"), {"sub_region": "north-central-london"})
    assert second.title in north_central.content.decode()
    assert first.title not in north_central.content.decode()


def test_publishing_decides_the_suggested_themes_in_the_same_form(signed_in_moderator, submitted):
    new = ThemeSuggestion.objects.create(practice=submitted, name="Housing and homelessness")
    mapped = ThemeSuggestion.objects.create(practice=submitted, name="YOS work")
    youth_justice = Theme.objects.get(slug="youth-justice")
    page = signed_in_moderator.get(reverse("review", args=[submitted.pk])).content.decode()
    assert "The lead suggests a new theme, ‘YOS work’. If you publish, what should happen to it?" in page
    assert page.index("The entry as it will appear") < page.index("Your decision")

    decide(
        signed_in_moderator,
        submitted,
        decision="publish",
        **{f"theme_for_{new.pk}": "", f"theme_for_{mapped.pk}": youth_justice.pk},
    )

    housing = Theme.objects.get(name="Housing and homelessness")
    assert set(submitted.themes.all()) >= {housing, youth_justice}
    assert ThemeSuggestion.objects.get(pk=mapped.pk).status == ThemeSuggestion.Status.MAPPED
    assert not Theme.objects.filter(name="YOS work").exists()
    submitted.refresh_from_db()
    assert submitted.status == "published"


def test_asking_for_changes_leaves_a_suggested_theme_waiting(signed_in_moderator, submitted):
    waiting = ThemeSuggestion.objects.create(practice=submitted, name="Housing")
    decide(signed_in_moderator, submitted, decision="request_changes", comment="Add dates.")
    assert ThemeSuggestion.objects.get(pk=waiting.pk).status == ThemeSuggestion.Status.PENDING


def test_a_lead_suggests_a_theme_on_the_proforma(client, lead_a):
    from tests.submissions.test_proforma import hackney_id, proforma_data

    client.force_login(lead_a)
    client.post(reverse("practice_create"), proforma_data(local_authority=hackney_id(), suggested_theme="Housing"))

    assert ThemeSuggestion.objects.get().name == "Housing"
