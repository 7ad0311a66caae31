"""
The probe's High finding: an admin who is not a superuser sent the superuser an invitation, read its
set-password link in the outbox admin (or in the superuser's subject-access zip), chose the password
and signed in as the superuser. Every way an admin can read what the portal stored is tried here.
"""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from outbox.models import OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db

RESET_LINK = re.compile(r"/accounts/reset/[\w-]+/[\w-]+/")
TAKEN = "chosen by the admin 9"


def links_an_admin_can_read(client, target):
    """Every set-password link in what the admin can open: the outbox's pages and the person's export."""
    pages = [client.get(reverse("admin:outbox_outgoingemail_changelist")).content.decode()]
    for email in OutgoingEmail.objects.all():
        pages.append(client.get(reverse("admin:outbox_outgoingemail_change", args=[email.pk])).content.decode())
    export = client.post(reverse("person_export"), {"q": target.email})
    if export.get("Content-Type") == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(export.content))
        pages += [archive.read(name).decode(errors="replace") for name in archive.namelist()]
    return {link for page in pages for link in RESET_LINK.findall(page)}


def signs_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password}).status_code == 302


def try_every_link(client, links):
    for link in links:
        form_page = client.get(link, follow=True)
        if form_page.redirect_chain:
            client.post(form_page.redirect_chain[-1][0], {"new_password1": TAKEN, "new_password2": TAKEN})


@pytest.mark.parametrize("kind", ["superuser", "admin"])
def test_an_admin_who_is_not_a_superuser_cannot_take_over_a_superuser_or_another_admin(
    client, kind, django_capture_on_commit_callbacks
):
    if kind == "superuser":
        target = factories.UserFactory(email="chief@example.org", is_superuser=True, is_staff=True)
    else:
        target = factories.admin(email="other.admin@example.org")
    client.force_login(factories.admin(email="admin@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "send_invitations", "_selected_action": [target.pk]},
            follow=True,
        )
    try_every_link(client, links_an_admin_can_read(client, target))
    client.logout()

    target.refresh_from_db()
    assert not target.check_password(TAKEN)
    assert not signs_in(client, target.email, TAKEN)
    assert not OutgoingEmail.objects.filter(to=target.email).exists()
    assert "Only a superuser can send a link to choose a password to an admin&#x27;s account" in answer.content.decode()


def test_the_link_an_admin_sends_a_lead_is_never_readable_and_still_works_for_the_lead(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    lead = factories.lead("Hackney", email="new.lead@example.org")
    lead.set_unusable_password()
    lead.save()
    client.force_login(factories.admin(email="admin@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:auth_user_changelist"), {"action": "send_invitations", "_selected_action": [lead.pk]}
        )

    assert links_an_admin_can_read(client, lead) == set()
    assert "[link to choose a password, made when sent]" in OutgoingEmail.objects.get(to=lead.email).body
    [sent] = mail.outbox
    [link] = RESET_LINK.findall(sent.body)
    client.logout()
    try_every_link(client, [link])
    assert signs_in(client, lead.email, TAKEN)
