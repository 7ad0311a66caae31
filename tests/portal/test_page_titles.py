"""A page with mistakes says so once, at the start of its title, as GOV.UK pages do."""

import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


@pytest.mark.parametrize(
    ("who", "url_name", "heading"),
    [
        (factories.moderator, "call_create", "Make a call for practice"),
        (factories.dcs, "digest_settings", "Email updates"),
    ],
)
def test_a_form_with_mistakes_starts_its_title_with_error_once(client, who, url_name, heading):
    client.force_login(who())
    response = client.post(reverse(url_name), {})
    assert response.status_code == 200
    assert title(response).startswith(f"Error: {heading}")
    assert title(response).count("Error:") == 1


def test_the_sign_in_page_with_mistakes_says_error_once(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    assert title(response).count("Error:") == 1
