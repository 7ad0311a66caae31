"""Security headers on every response, and sign-in throttling that reveals nothing about accounts."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import AccountEvent, Membership
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_pages_send_a_strict_content_security_policy_and_the_other_headers(client):
    response = client.get(reverse("home"))
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_sign_in_is_refused_for_a_while_after_five_failures(client):
    user = factories.dcs(email="dele@example.org")
    for _ in range(4):
        assert sign_in(client, user.email, "wrong password").status_code == 200
    assert sign_in(client, user.email, "wrong password").status_code == 429  # the fifth
    locked = sign_in(client, user.email, PASSWORD)  # even the right password, for now
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttling_says_the_same_whether_or_not_the_account_exists(client):
    factories.dcs(email="dele@example.org")
    answers = {}
    for email in ("dele@example.org", "nobody@example.org"):
        responses = [sign_in(client, email, "wrong password") for _ in range(6)]
        answers[email] = [(r.status_code, r.content.count(b"error-summary")) for r in responses]
    assert answers["dele@example.org"] == answers["nobody@example.org"]
    assert answers["nobody@example.org"][-1][0] == 429


def test_a_successful_sign_in_clears_earlier_failures(client):
    user = factories.dcs(email="dele@example.org")
    for _ in range(4):
        sign_in(client, user.email, "wrong password")
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, user.email, "wrong password")
    assert sign_in(client, user.email, PASSWORD).status_code == 302


def test_role_membership_and_flag_changes_are_audited_with_who_made_them(client):
    admin = factories.admin(email="ade@example.org", is_superuser=True)
    person = factories.UserFactory(email="sam@example.org")
    client.force_login(admin)
    response = client.post(
        reverse("admin:auth_user_change", args=[person.pk]),
        {
            "username": person.username,
            "email": person.email,
            "first_name": "Sam",
            "last_name": "Tester",
            "is_active": "on",
            "is_staff": "on",
            "groups": [Group.objects.get(name="Moderators").pk],
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-local_authority": factories.authority("Newham").pk,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    Membership.objects.filter(user=person).delete()  # outside a request: no one to name
    events = {(event.description, event.actor.email if event.actor else None) for event in AccountEvent.objects.all()}
    assert ("sam@example.org added to Moderators", "ade@example.org") in events
    assert ("sam@example.org: staff (admin site) on", "ade@example.org") in events
    assert ("sam@example.org made a lead for Newham", "ade@example.org") in events
    assert ("sam@example.org no longer a lead for Newham", None) in events
