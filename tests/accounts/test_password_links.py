"""
Links to choose a password are made when the email is sent and never stored: the outbox and a person's
export show where the link goes; invitations go only to accounts without a password; a newer link voids
the ones before it, whichever way it was sent.
"""

import importlib
import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.urls import reverse

from accounts import notifications
from accounts.tokens import password_links
from outbox import mail as outbox_mail
from outbox.models import OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+(/accounts/reset/[\w-]+/[\w-]+/)")
PLACEHOLDER = "[link to choose a password, made when sent]"
NEW_PASSWORD = "a new password 42"


def invited(email="new.lead@example.org"):
    """An account an admin has just made: no password yet."""
    user = factories.lead("Hackney", email=email)
    user.set_unusable_password()
    user.save()
    return user


def link_in(message):
    return LINK.search(message.body).group(1)


def choose_password(client, link):
    """Follow the link and choose a password; whether the form was offered."""
    form_page = client.get(link, follow=True)
    if "new_password1" not in form_page.content.decode():
        return False
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    return True


def test_the_outbox_keeps_a_placeholder_and_the_email_sent_has_a_working_link(
    client, django_capture_on_commit_callbacks
):
    user = invited()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.invitation(user)

    stored = OutgoingEmail.objects.get(to=user.email)
    assert PLACEHOLDER in stored.body and "/accounts/reset/" not in stored.body
    [sent] = mail.outbox
    assert PLACEHOLDER not in sent.body
    assert choose_password(client, link_in(sent))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_outbox_admin_and_the_persons_export_show_the_placeholder_not_a_link(
    admin_client, django_capture_on_commit_callbacks
):
    user = invited()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.invitation(user)
    email = OutgoingEmail.objects.get(to=user.email)

    page = admin_client.get(reverse("admin:outbox_outgoingemail_change", args=[email.pk])).content.decode()
    export = admin_client.post(reverse("person_export"), {"q": user.email})
    [row] = json.loads(zipfile.ZipFile(io.BytesIO(export.content)).read("emails-in-the-outbox.json"))

    assert PLACEHOLDER in page and "/accounts/reset/" not in page
    assert PLACEHOLDER in row["body"] and "/accounts/reset/" not in row["body"]


def test_a_newer_invitation_voids_the_link_sent_before_it(client, django_capture_on_commit_callbacks):
    user = invited()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.invitation(user)
        notifications.invitation(user)

    first, second = mail.outbox
    assert link_in(first) != link_in(second)
    assert not choose_password(client, link_in(first))
    assert choose_password(client, link_in(second))


def test_forgotten_password_voids_an_earlier_link_and_is_voided_by_a_later_one(client):
    user = factories.lead("Hackney", email="lead@example.org")
    client.post(reverse("password_reset"), {"email": user.email})
    client.post(reverse("password_reset"), {"email": user.email})

    first, second = mail.outbox
    assert not choose_password(client, link_in(first))
    assert choose_password(client, link_in(second))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_link_made_with_djangos_own_token_generator_does_not_work(client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = factories.lead("Hackney", email="lead@example.org")
    uid = urlsafe_base64_encode(force_bytes(user.pk))

    assert not choose_password(
        client, reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
    )
    assert choose_password(client, reverse("password_reset_confirm", args=[uid, password_links.make_token(user)]))


def test_an_email_that_failed_is_sent_again_with_a_fresh_link(client, settings):
    settings.EMAIL_BACKEND = "tests.failing_mail.EmailBackend"
    user = invited()
    notifications.invitation(user)
    outbox_mail.send()
    stuck = OutgoingEmail.objects.get(sent_at=None)
    assert "ConnectionRefusedError" in stuck.last_error and PLACEHOLDER in stuck.body

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_mail.send() == 1
    [sent] = mail.outbox
    assert choose_password(client, link_in(sent))


def test_invitations_go_only_to_accounts_that_have_never_chosen_a_password(
    admin_client, django_capture_on_commit_callbacks
):
    new, in_use = invited("new@example.org"), factories.lead("Camden", email="in.use@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "send_invitations", "_selected_action": [new.pk, in_use.pk]},
            follow=True,
        )

    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    page = answer.content.decode()
    assert "Not sent to in.use@example.org: they have chosen a password already" in page
    assert "Forgotten your password?" in page and "Sent 1 email(s)." in page
    with pytest.raises(ValueError):
        notifications.invitation(in_use)


def test_links_written_into_the_outbox_before_are_taken_out_of_it(db):
    from django.apps import apps

    migration = importlib.import_module("accounts.migrations.0003_stored_password_links_removed")
    body = "Choose your password here:\n\nhttps://practice.example.org/accounts/reset/MQ/cx1-8f3a9b/\n\nThanks"
    email = OutgoingEmail.objects.create(to="lead@example.org", subject="Your account", body=body)

    migration.remove_stored_links(apps, None)

    email.refresh_from_db()
    assert email.body == "Choose your password here:\n\n[link to choose a password, no longer stored]\n\nThanks"
