"""
A page past the middle of a browse sort is read from the end (search/backends.py): every page still lists
the same entries, in the same order, as reading the sort from the start and skipping to it would.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from reference.models import Theme
from search import engine
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    """Thirteen entries, some published at the same moment and some with the same title, so that the
    sorts' tie-breaks decide part of the order."""
    now = timezone.now()
    boroughs = ["Hackney", "Newham", "Camden"]
    youth_justice = Theme.objects.get(slug="youth-justice")
    for n in range(13):
        practice = PracticeFactory(
            title=["Mentoring", "Court work", f"Panel {n:02}"][n % 3],
            status="published",
            published_at=now - timedelta(days=n // 2),
            local_authority=authority(boroughs[n % 3]),
        )
        if n % 2:
            practice.themes.add(youth_justice)
            engine.index(practice)
    return youth_justice


def from_the_start(filters, sort):
    """Every matching entry in the sort's order, read the plain way (ORDER BY ... with no page)."""
    backend = engine.backend()
    condition = backend.condition(None, {}, filters)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.practice_id FROM submissions_searchentry e WHERE {condition.sql} ORDER BY {backend.ORDER[sort]}",
            condition.params,
        )
        return [pk for (pk,) in cursor.fetchall()]


@pytest.mark.parametrize("sort", ["newest", "title", "relevance"])
@pytest.mark.parametrize("filtered", [False, True])
@pytest.mark.parametrize("per_page", [1, 4, 5])
def test_every_page_lists_what_the_plain_order_has_there(corpus, sort, filtered, per_page):
    filters = engine.Filters(themes=[corpus]) if filtered else engine.Filters(local_authorities=[])
    expected = from_the_start(filters, "newest" if sort == "relevance" else sort)
    assert len(expected) == (6 if filtered else 13)

    pages = []
    for offset in range(0, len(expected) + per_page, per_page):  # and one page past the end
        results = engine.run("", filters, sort, offset=offset, limit=per_page)
        assert results.total == len(expected)
        pages.append([hit.pk for hit in results.hits])

    assert pages[-1] == []
    assert [pk for page in pages for pk in page] == expected
    assert all(len(page) == per_page for page in pages[:-2])


def test_a_page_past_the_end_is_empty_whichever_way_it_would_be_read(corpus):
    assert engine.run("", sort="title", offset=13, limit=20).hits == []
    assert engine.run("", sort="title", offset=1000, limit=20).hits == []
    assert [hit.title for hit in engine.run("", sort="title", offset=12, limit=20).hits] == ["Panel 11"]


def test_a_page_past_the_last_shows_the_last_page_under_its_count(client, corpus, settings):
    settings.PORTAL_RESULTS_PER_PAGE = 5

    response = client.get("/practice/", {"sort": "title", "page": "99"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There are no matching results" not in page
    assert "13 results" in page
    assert [practice.pk for practice in response.context["results"].hits] == from_the_start(engine.Filters(), "title")[
        10:
    ]
