"""The bench's floor under a search page is the search's own queries for the words (its count of the matches and
its ranked page), taken from a page request as it ran: run again directly, the ranked one gives the page's entries in
the page's order."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import floor
from submissions.models import Practice
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db


def published(title, description):
    return PracticeFactory(
        title=title,
        summary=title,
        description=description,
        local_authority=authority("Hackney"),
        status=Practice.Status.PUBLISHED,
    )


def test_the_floor_is_the_count_and_ranked_query_the_search_page_sent_and_gives_its_entries_in_order():
    in_the_title = published("Windrush generation mentoring", "Mentors meet monthly.")
    in_the_text = published("Mentoring", "Elders of the Windrush generation mentor pupils.")
    published("Reverse mentoring", "Black staff mentor senior leaders.")
    client = Client()

    statements = floor.engine_statements(client, {"q": "windrush"})

    ranked = [statement for statement in statements if statement.ranked]
    assert len(ranked) == 1
    assert [statement.counts for statement in statements].count(True) == (1 if len(statements) == 2 else 0)
    with connection.cursor() as cursor:
        cursor.execute(ranked[0].sql, ranked[0].params)
        ids = [row[0] for row in cursor.fetchall()]
    page = client.get("/practice/", {"q": "windrush"}).context["results"]
    assert ids == [hit.pk for hit in page.hits] == [in_the_title.pk, in_the_text.pk]
    assert floor.time_directly(statements) > 0


def test_a_page_with_no_ranked_query_has_no_floor():
    published("Windrush generation mentoring", "Mentors meet monthly.")
    with pytest.raises(LookupError):
        floor.engine_statements(Client(), {"sort": "newest"})


def test_the_statements_of_a_page_are_those_django_counts_with_their_parameters():
    published("Windrush generation mentoring", "Mentors meet monthly.")
    client = Client()

    statements = floor.page_statements(client, "/practice/", {"q": "windrush"})

    cache.clear()  # as page_statements does: the search's answer is not read from the cache
    with CaptureQueriesContext(connection) as captured:
        client.get("/practice/", {"q": "windrush"})
    assert len(statements) == len(captured) > 1
    ranked = [statement for statement in statements if statement.ranked]
    assert len(ranked) == 1 and any("windrush" in str(param) for param in ranked[0].params)
