"""Email subjects are one line that fits the outbox, whatever the title they quote; a stuck email
shows why in the admin, can be sent again from there, and makes send_pending_emails fail saying so."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from calls import services as call_services
from outbox import mail as outbox_mail
from outbox.models import OutgoingEmail
from submissions import services
from tests.factories import PracticeFactory, admin, call, lead, moderator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "title, subject",
    [
        ("Mentoring\r\nBcc: everyone@example.org", "Mentoring Bcc: everyone@example.org"),
        ("Tabs\tand\x00nulls\x1b[31m and \x85next lines", "Tabs and nulls [31m and next lines"),
        ("Line\u2028separator\u2029and paragraph", "Line separator and paragraph"),
        ("  spaces   all   round  ", "spaces all round"),
    ],
)
def test_a_subject_is_one_line(title, subject):
    assert outbox_mail.subject_line(title) == subject


def test_a_long_subject_is_cut_with_an_ellipsis_to_fit_the_outbox():
    subject = outbox_mail.subject_line("Published: " + "Reverse mentoring " * 20)

    assert 190 < len(subject) <= OutgoingEmail._meta.get_field("subject").max_length
    assert subject.endswith("mentoring Reverse…")


def test_submitting_an_entry_with_the_longest_title_queues_and_sends_its_emails(
    lead_a, django_capture_on_commit_callbacks
):
    moderator(email="maya@example.org")
    practice = PracticeFactory(title="Reducing exclusions " * 10)  # 200 characters, the most a title may have

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_practice(practice=practice, by=lead_a)

    assert not OutgoingEmail.objects.filter(sent_at=None).exists()
    subjects = sorted(m.subject for m in mail.outbox)
    assert [s[:24] for s in subjects] == ["New practice to review: ", "We have received ‘Reduci"]
    assert all(len(s) <= 200 and s.endswith("…") for s in subjects)


def test_a_title_with_line_breaks_does_not_leave_its_emails_stuck(lead_a, django_capture_on_commit_callbacks):
    moderator(email="maya@example.org")
    practice = PracticeFactory(title="Mentoring\r\nBcc: everyone@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_practice(practice=practice, by=lead_a)

    assert not OutgoingEmail.objects.filter(sent_at=None).exists()
    assert {m.subject for m in mail.outbox} == {
        "New practice to review: Mentoring Bcc: everyone@example.org (Hackney)",
        "We have received ‘Mentoring Bcc: everyone@example.org’",
    }
    assert all(m.to != ["everyone@example.org"] and not m.bcc for m in mail.outbox)


def test_a_calls_long_title_with_a_line_break_reaches_the_leads(django_capture_on_commit_callbacks):
    lead("Hackney", email="hackney.lead@example.org")
    made = call(["Hackney"], opened=False, title="East London\n" + "practice " * 21)

    with django_capture_on_commit_callbacks(execute=True):
        call_services.open_call(call=made, by=moderator())

    [email] = mail.outbox
    assert email.subject.startswith("Call for practice: East London practice practice")
    assert email.subject.endswith("…") and len(email.subject) <= 200


def test_a_stuck_email_shows_its_error_in_the_admin_and_is_sent_again_from_there(client, settings):
    settings.EMAIL_BACKEND = "tests.failing_mail.EmailBackend"
    outbox_mail.queue(
        [lead("Hackney", email="hackney.lead@example.org")], "Published: Mentoring", "emails/invitation.txt", {}
    )
    outbox_mail.send()
    stuck = OutgoingEmail.objects.get(sent_at=None)
    client.force_login(admin())
    outbox = reverse("admin:outbox_outgoingemail_changelist")

    listed = client.get(outbox, {"sent_at__isempty": "1"}).content.decode()
    assert "ConnectionRefusedError: [Errno 111] Connection refused" in listed

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retried = client.post(outbox, {"action": "retry", "_selected_action": [stuck.pk]}, follow=True)

    assert "Sent 1 email(s)." in retried.content.decode()
    stuck.refresh_from_db()
    assert stuck.sent_at is not None and stuck.attempts == 2
    assert [m.subject for m in mail.outbox] == ["Published: Mentoring"]


def test_an_email_queued_with_a_line_break_in_its_subject_goes_when_retried(client):
    """Emails left stuck with BadHeaderError before subjects were made one line."""
    stuck = OutgoingEmail.objects.create(to="lead@example.org", subject="Published: Mentoring\r\nfor schools", body=".")
    client.force_login(admin())

    client.post(reverse("admin:outbox_outgoingemail_changelist"), {"action": "retry", "_selected_action": [stuck.pk]})

    stuck.refresh_from_db()
    assert stuck.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["Published: Mentoring for schools"]


def test_sending_pending_emails_fails_saying_how_many_are_stuck_and_why(settings):
    settings.EMAIL_BACKEND = "tests.failing_mail.EmailBackend"
    outbox_mail.queue([lead("Hackney"), lead("Camden")], "Published: Mentoring", "emails/invitation.txt", {})

    with pytest.raises(
        CommandError, match=r"^2 email\(s\) could not be sent and are still waiting .*Connection refused"
    ):
        call_command("send_pending_emails")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("send_pending_emails", stdout=out)
    assert out.getvalue() == "Sent 2 email(s); 0 still waiting.\n"
