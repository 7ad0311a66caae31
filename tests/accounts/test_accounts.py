"""Accounts: made by admins, no open sign-up; the new user chooses a password from an emailed link."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from accounts import roles
from tests import factories

pytestmark = pytest.mark.django_db


def test_admin_creates_an_account_and_the_person_sets_their_password_from_the_email(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://practice.example.org"
    client.force_login(factories.admin())
    directors = Group.objects.get(name=roles.DCS)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:auth_user_add"),
            {
                "email": "Dele.Campbell@Example.org",
                "first_name": "Dele",
                "last_name": "Campbell",
                "groups": [directors.pk],
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
            },
        )

    assert response.status_code == 302
    user = User.objects.get(username="dele.campbell@example.org")
    assert not user.has_usable_password()
    assert list(user.groups.all()) == [directors]
    [email] = mail.outbox
    assert email.to == ["dele.campbell@example.org"]
    link = re.search(r"https://practice\.example\.org(/accounts/reset/\S+)", email.body).group(1)

    client.logout()
    form_page = client.get(link, follow=True)
    assert "Choose your password" in form_page.content.decode()
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "correct horse battery staple", "new_password2": "correct horse battery staple"},
    )
    signed_in = client.post(
        reverse("login"), {"username": "dele.campbell@example.org", "password": "correct horse battery staple"}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("home")).context["user"].email == "dele.campbell@example.org"


def test_there_is_no_sign_up_page(client):
    assert client.get("/accounts/signup/").status_code == 404
    assert client.get("/accounts/register/").status_code == 404


def test_sign_in_failure_does_not_say_whether_the_account_exists(client):
    factories.UserFactory(email="known@example.org")

    known = client.post(reverse("login"), {"username": "known@example.org", "password": "wrong"})
    unknown = client.post(reverse("login"), {"username": "nobody@example.org", "password": "wrong"})

    message = "Enter a correct email address and password."
    assert message in known.content.decode()
    assert message in unknown.content.decode()


def test_roles_come_from_groups_and_memberships_not_names():
    assert roles.is_lead(factories.lead("Camden"))
    assert not roles.is_lead(factories.dcs())
    assert roles.is_moderator(factories.moderator())
    assert roles.is_moderator(factories.admin())
    assert not roles.is_moderator(factories.lead("Camden"))
    assert not roles.is_moderator(factories.dcs())
