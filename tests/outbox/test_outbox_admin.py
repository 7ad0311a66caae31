"""The outbox in the admin is for reading and retrying: an email's recipients and headers cannot be changed there."""

import pytest
from django.urls import reverse

from outbox.models import OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_admin_cannot_change_a_queued_emails_headers_or_recipient(client):
    client.force_login(factories.admin(email="ada@example.org"))
    email = OutgoingEmail.objects.create(to="lead@example.org", subject="Your account", body="Hello", headers={})

    page = client.get(reverse("admin:outbox_outgoingemail_change", args=[email.pk]))
    client.post(
        reverse("admin:outbox_outgoingemail_change", args=[email.pk]),
        {"to": "ada@example.org", "headers": '{"Bcc": "ada@example.org", "Reply-To": "ada@example.org"}'},
    )

    assert page.status_code == 200
    assert 'name="headers"' not in page.content.decode()
    email.refresh_from_db()
    assert email.to == "lead@example.org"
    assert email.headers == {}
