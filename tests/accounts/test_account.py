"""A person's own account: what it holds, changing their name, and asking to be deleted."""

import pytest
from django.urls import reverse

from accounts.models import DeletionRequest
from outbox.models import OutgoingEmail
from publishing.models import DigestSubscription
from reference.models import SubRegion
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(client):
    user = factories.lead("Hackney", email="ama@example.org", first_name="Ama", last_name="Owusu")
    client.force_login(user)
    return user


def test_a_lead_sees_their_details_memberships_and_email_updates(client, lead):
    subscription = DigestSubscription.objects.create(user=lead, frequency="monthly")
    subscription.sub_regions.set(SubRegion.objects.filter(slug="east-london"))
    page = client.get(reverse("account"))
    for key, value in [
        ("Name", "Ama Owusu"),
        ("Email address", "ama@example.org"),
        ("Roles", "Borough lead"),
        ("Borough lead for", "Hackney"),
        ("Email updates", "Monthly"),
        ("Email updates about", "East London"),
    ]:
        assert f'<dt class="summary-list__key">{key}</dt>\n  <dd class="summary-list__value">{value}</dd>' in page.text


def test_a_moderator_sees_their_role(client):
    client.force_login(factories.moderator())
    page = client.get(reverse("account"))
    assert '<dd class="summary-list__value">Moderators</dd>' in page.text


def test_a_person_changes_their_name(client, lead):
    response = client.post(reverse("account_name"), {"first_name": "Ama", "last_name": "Owusu-Mensah"}, follow=True)
    assert "Your name has been changed." in response.text
    lead.refresh_from_db()
    assert lead.get_full_name() == "Ama Owusu-Mensah"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"first_name": "", "last_name": "Owusu"}, "Enter your first name"),
        ({"first_name": "Ama", "last_name": "x" * 151}, "Last name must be 150 characters or fewer (you have 151)"),
    ],
)
def test_a_name_that_cannot_be_saved_says_why(client, lead, data, message):
    page = client.post(reverse("account_name"), data)
    assert page.status_code == 200 and message in page.text
    lead.refresh_from_db()
    assert lead.last_name == "Owusu"


def test_asking_for_deletion_reaches_the_admins_as_a_task_and_deletes_nothing(client, lead):
    admin = factories.admin(email="admin@example.org")
    factories.moderator(email="moderator@example.org")
    response = client.post(reverse("account_delete"), {"reason": "I have left Hackney"}, follow=True)
    assert "Your request has been sent to the portal’s administrators." in response.text
    assert "You asked for your account to be deleted on" in response.text
    lead.refresh_from_db()
    assert lead.is_active and DeletionRequest.objects.get(user=lead).reason == "I have left Hackney"
    [email] = OutgoingEmail.objects.filter(subject="Someone has asked for their account to be deleted")
    assert email.to == admin.email
    assert email.body.startswith("Ama Owusu (ama@example.org) has asked for their Sharing Practice account")
    assert '"I have left Hackney"' in email.body and "http://testserver/people/?q=ama%40example.org" in email.body
    client.force_login(admin)
    assert "I have left Hackney" in client.get(reverse("person")).text


def test_asking_twice_sends_one_request(client, lead):
    factories.admin()
    client.post(reverse("account_delete"), {})
    client.post(reverse("account_delete"), {"reason": "again"})
    assert DeletionRequest.objects.count() == 1 and OutgoingEmail.objects.count() == 1


def test_a_reason_too_long_is_refused(client, lead):
    page = client.post(reverse("account_delete"), {"reason": "x" * 1001})
    assert "Enter 1,000 characters or fewer" in page.text and not DeletionRequest.objects.exists()
