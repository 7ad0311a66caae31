"""Every email the portal sends, rendered the way it is sent, reads as text a person wrote."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from accounts import notifications as account_notifications
from accounts import services as account_services
from calls import services as call_services
from outbox.models import OutgoingEmail
from privacy import retention
from publishing import digests
from publishing.models import DigestSubscription
from reference.models import SubRegion, Theme
from submissions import services
from tests import factories
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db

MISSING = "MISSING-VALUE"
EMAIL_TEMPLATES = {
    *(f"emails/{path.name}" for path in (Path(settings.BASE_DIR) / "templates" / "emails").glob("*.txt")),
    "registration/password_reset_email.html",
}
# What an email must never show: Python's text for an object, markup, or a value that was not there.
NOT_TEXT = re.compile(r"QuerySet|object at 0x|<|>|" + MISSING + r"|‘’|\(\)|:\s*\.|\{\{|\}\}")


@pytest.fixture
def rendered(settings):
    """Templates rendered while the test runs; a variable that does not resolve shows as MISSING-VALUE."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"], "string_if_invalid": MISSING}}
    ]
    names = set()

    def record(sender, template, **kwargs):
        names.add(template.origin.template_name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


def send_every_email(client, django_capture_on_commit_callbacks):
    """Do, as the portal's people do, everything that sends an email."""
    lead = factories.lead("Hackney", email="lead@example.org", first_name="Amara")
    moderator = factories.moderator(email="moderator@example.org")
    draft = PracticeFactory(title="Reverse mentoring of head teachers", status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_practice(practice=draft, by=lead)
        draft.refresh_from_db()
        services.request_changes(practice=draft, by=moderator, seen_version=draft.version, comment="Add dates.")
        draft.refresh_from_db()
        services.submit_practice(practice=draft, by=lead, message="Dates added.")
        draft.refresh_from_db()
        services.publish_practice(practice=draft, by=moderator, seen_version=draft.version, note="Thank you.")

        call = factories.call(["Hackney", "Redbridge"], opened=False, themes=["school-exclusions", "workforce"])
        call_services.open_call(call=call, by=moderator)
        call_services.remind_call(call=call, by=moderator)

        subscription = DigestSubscription.objects.create(
            user=factories.dcs(email="dcs@example.org"),
            frequency="weekly",
            covered_until=timezone.now() - timedelta(days=1),
        )
        subscription.sub_regions.set(SubRegion.objects.filter(local_authorities__name="Hackney"))
        subscription.themes.set(Theme.objects.filter(slug="school-exclusions"))
        digests.send_digest(subscription, now=timezone.now() + timedelta(days=8))

        invited = factories.UserFactory(email="new.lead@example.org", first_name="Jo")
        invited.set_unusable_password()  # an account just made: invitations go to no other
        invited.save()
        account_notifications.invitation(invited)
        retention.inactivity_warning(lead, timezone.localdate() + timedelta(days=30))
        factories.admin(email="admin@example.org")
        account_services.request_deletion(user=lead, reason="I am leaving the council.")
        client.post(reverse("password_reset"), {"email": "lead@example.org"})


def test_every_email_template_renders_values_as_text(client, rendered, django_capture_on_commit_callbacks):
    send_every_email(client, django_capture_on_commit_callbacks)
    assert EMAIL_TEMPLATES <= rendered, f"not sent by this test: {EMAIL_TEMPLATES - rendered}"
    bodies = [email.body for email in OutgoingEmail.objects.all()]

    bodies += [message.body for message in mail.outbox if "password" in message.subject.lower()]
    assert len(bodies) >= len(EMAIL_TEMPLATES)
    for body in bodies:
        assert not NOT_TEXT.search(body), body


def test_a_call_lists_the_names_of_its_themes(client, rendered, django_capture_on_commit_callbacks):
    send_every_email(client, django_capture_on_commit_callbacks)
    [body] = OutgoingEmail.objects.filter(to="lead@example.org", subject__startswith="Call for practice")
    assert f"It asks in particular about: {Theme.objects.get(slug='school-exclusions').name}, " in body.body


def test_a_digest_names_the_sub_regions_and_themes_chosen(client, rendered, django_capture_on_commit_callbacks):
    send_every_email(client, django_capture_on_commit_callbacks)
    [digest] = OutgoingEmail.objects.filter(to="dcs@example.org")
    assert (
        f"in {authority('Hackney').sub_region.name} on {Theme.objects.get(slug='school-exclusions').name}:"
        in digest.body
    )
    assert authority("Hackney").name in digest.body
