"""
What a browse page costs beyond its results: a cached one asks the database nothing, and a page deep in a sort
skips no more entries than the first (search/backends.py reads a page past the middle from the end).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search import engine
from tests.factories import PracticeFactory


@pytest.mark.usefixtures("reference_data")
def test_a_cached_browse_page_asks_the_database_nothing(client):
    PracticeFactory.create_batch(3, status="published")
    client.get(reverse("practice_list"))

    with CaptureQueriesContext(connection) as asked:
        response = client.get(reverse("practice_list"))

    assert response.status_code == 200
    assert response.content.decode().count('<li class="practice-card">') == 3
    assert [query["sql"] for query in asked] == []


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["newest", "title"])
def test_the_last_page_skips_no_more_entries_than_the_first(sort):
    PracticeFactory.create_batch(9, status="published")

    def skipped(offset):
        with CaptureQueriesContext(connection) as asked:
            engine.run("", sort=sort, offset=offset, limit=4)
        [page] = [
            query["sql"]
            for query in asked
            if "FROM submissions_searchentry e" in query["sql"] and "OFFSET" in query["sql"]
        ]
        return int(page.rsplit("OFFSET", 1)[1])

    assert [skipped(offset) for offset in (0, 4, 8)] == [0, 1, 0]
