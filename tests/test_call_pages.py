"""What a moderator reads on the calls pages: what happened, what will happen, and what to do, in plain words."""

import re

import pytest
from django.urls import reverse

from submissions.models import LocalAuthority
from tests import factories

pytestmark = pytest.mark.django_db

JARGON = re.compile(r"daily job|Django admin|cron|management command", re.I)


@pytest.fixture
def moderator_client(client):
    client.force_login(factories.moderator())
    return client


@pytest.fixture
def east_london(db):
    return [la.name for la in LocalAuthority.objects.filter(sub_region__slug="east-london").order_by("name")]


def test_the_calls_pages_say_what_to_do_without_jargon(moderator_client, east_london):
    factories.lead("Redbridge")
    unopened = factories.call(east_london, opened=False)
    opened = factories.call(east_london)
    for url in [
        reverse("call_create"),
        reverse("call_list"),
        reverse("call_returns", args=[unopened.pk]),
        reverse("call_returns", args=[opened.pk]),
    ]:
        page = moderator_client.get(url).content.decode()
        assert not JARGON.search(page), (url, JARGON.search(page).group())
    page = moderator_client.get(reverse("call_returns", args=[opened.pk])).content.decode()
    assert "Ask the portal's administrators to add an account for each of their leads" in page
