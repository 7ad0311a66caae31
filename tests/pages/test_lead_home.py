"""A lead's home page says what waits for them: entries returned for their changes, with the moderator's words, their
drafts, and the calls for practice open for their local authority."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pages import waiting
from submissions import services
from tests import factories
from tests.factories import PracticeFactory
from tests.plans.world import html_of, words_of

pytestmark = pytest.mark.django_db


def returned(title, moderator, comment, **kwargs):
    """A submitted entry of Hackney's that the moderator returned for changes with `comment`."""
    practice = PracticeFactory(title=title, status="submitted", submitted_at=timezone.now(), **kwargs)
    services.request_changes(practice=practice, by=moderator, seen_version=None, comment=comment)
    return practice


def test_an_entry_returned_for_changes_says_what_the_moderator_asked_and_links_to_the_changes(client):
    moderator = factories.moderator()
    practice = returned("Reverse mentoring", moderator, "Say which schools took part.")
    practice.status = "submitted"  # the lead sent it again, and it was returned a second time
    practice.save()
    services.request_changes(
        practice=practice, by=moderator, seen_version=None, comment="Add the contact's phone number, please."
    )
    client.force_login(factories.lead("Hackney"))

    response = client.get(reverse("home"))

    text = words_of(response)
    assert "Returned to you for changes Reverse mentoring (Hackney)" in text
    assert "The moderator said: Add the contact's phone number, please." in text
    assert "Say which schools took part." not in text  # only the latest word
    edit = reverse("practice_edit", args=[practice.pk])
    assert f'<a href="{edit}">Make the changes<span class="visually-hidden"> to ‘Reverse mentoring’</span></a>' in (
        html_of(response)
    )


def test_drafts_are_listed_with_a_link_to_carry_on_and_other_boroughs_entries_are_not(client):
    draft = PracticeFactory(title="Governor training", status="draft")
    PracticeFactory(title="Camden's own draft", status="draft", local_authority=factories.authority("Camden"))
    returned("Camden's returned entry", factories.moderator(), "No.", local_authority=factories.authority("Camden"))
    client.force_login(factories.lead("Hackney"))

    response = client.get(reverse("home"))

    assert f'<a href="{reverse("practice_edit", args=[draft.pk])}">Governor training</a> (Hackney)' in html_of(response)
    assert "Camden's" not in words_of(response) and "Returned to you" not in words_of(response)


def test_a_lead_with_many_drafts_sees_the_latest_ten_and_how_many_more(client):
    for number in range(12):
        PracticeFactory(title=f"Draft {number}", status="draft", complete=False)
    client.force_login(factories.lead("Hackney"))

    text = words_of(client.get(reverse("home")))

    assert text.count(" (Hackney), last changed") == waiting.SHOWN
    assert "And 2 more drafts in My submissions." in text


def test_an_open_call_shows_its_return_by_date_under_what_waits(client):
    call = factories.call(["Hackney", "Camden"], return_in_days=10, title="Exclusions round")
    client.force_login(factories.lead("Hackney"))

    text = words_of(client.get(reverse("home")))

    assert (
        f"Open calls for practice Exclusions round Return by {call.return_by:%-d %B %Y}. Hackney: Not started" in text
    )


def test_a_lead_with_nothing_waiting_is_told_so(client):
    PracticeFactory(title="Published already", status="published")
    client.force_login(factories.lead("Hackney"))

    assert "Nothing is waiting: no entry is returned for changes" in words_of(client.get(reverse("home")))


def test_the_leads_home_takes_no_more_queries_for_ten_returned_entries_and_drafts_than_for_one(
    client, django_assert_max_num_queries
):
    lead = factories.lead("Hackney")
    moderator = factories.moderator()
    factories.call(["Hackney"], return_in_days=5)
    client.force_login(lead)

    def entries(numbers):
        for number in numbers:
            returned(f"Returned {number}", moderator, f"Change {number}.")
            PracticeFactory(title=f"Draft {number}", status="draft", complete=False)

    entries(range(1))
    with django_assert_max_num_queries(100) as few:
        client.get(reverse("home"))
    entries(range(1, 10))
    with django_assert_max_num_queries(len(few)) as many:
        response = client.get(reverse("home"))
    assert "Change 9." in words_of(response) and len(many) <= len(few)
