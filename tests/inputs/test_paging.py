"""A list's page number goes through inputs.numbers and stays within the pages there are: no "Page not found" for
a page number a browser or a hand-edited address sends."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
# Not "page": pytest-playwright would take a test with an argument of that name for a browser test, and group it
# with them, after the tests that empty the database.


@pytest.mark.parametrize("asked", ["-1", "abc", "0", "1e9", "99", "１", "2" * 40, ""])
def test_odd_page_numbers_show_a_page_of_the_list(client, asked):
    lead = factories.lead("Hackney")
    factories.PracticeFactory(local_authority=factories.authority("Hackney"), title="Youth panels")
    client.force_login(lead)
    response = client.get(reverse("my_submissions"), {"page": asked})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


@pytest.mark.parametrize("asked", ["-1", "abc", "99"])
def test_the_moderation_queue_reads_page_numbers_the_same_way(client, asked):
    client.force_login(factories.moderator())
    assert client.get(reverse("moderation_queue"), {"page": asked}).status_code == 200


def test_a_page_past_the_last_shows_the_last(client):
    lead = factories.lead("Hackney")
    for number in range(51):
        factories.PracticeFactory(local_authority=factories.authority("Hackney"), title=f"Entry {number}")
    client.force_login(lead)
    assert client.get(reverse("my_submissions"), {"page": "7"}).context["page_obj"].number == 2
