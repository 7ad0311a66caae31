"""
No entry and no query can take search down: snippets come from a bounded excerpt, and a search
past the time limit is stopped and explained. Runs on SQLite and on PostgreSQL (CI).
"""

import pytest
from django.db import connection
from django.urls import reverse

from search import engine
from search.postgresql import PostgreSQLBackend
from search.sqlite import SQLiteBackend
from submissions.models import Practice
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db

LONGEST = {name: Practice._meta.get_field(name).max_length for name in ("summary", "description", "impact")}


def published(title, description, impact="", summary=""):
    return PracticeFactory(
        title=title,
        summary=summary or title,
        description=description,
        impact=impact,
        local_authority=authority("Hackney"),
        status=Practice.Status.PUBLISHED,
    )


def repeated(word, length):
    return (f"{word} " * length)[:length]


@pytest.fixture
def longest_entries():
    """Entries at every text field's limit, each a run of one short word: the worst case for highlighting."""
    return [
        published("Zz", repeated("zz", LONGEST["description"]), repeated("zz", LONGEST["impact"])),
        published("Zz and yy", repeated("zz yy", LONGEST["description"]), repeated("yy zz", LONGEST["impact"])),
        published("Ordinary work", "Mentoring for young people, then zz at the end. " + repeated("ww", 14_000)),
    ]


@pytest.mark.parametrize("text", ['"zz zz"', "zz", "zz OR yy", '"zz yy zz"', '"yy zz" -ww', "zz ww", '"ww ww ww"'])
def test_searching_entries_at_the_length_limit_answers_within_a_second(settings, client, longest_entries, text):
    settings.PORTAL_SEARCH_TIMEOUT_MS = 1_000  # each statement: past this, the search would say it was too slow
    results = engine.run(text)
    assert not results.too_slow
    assert results.total >= 1
    page = client.get(reverse("practice_list"), {"q": text})
    assert page.status_code == 200
    assert "took too long" not in page.content.decode()
    assert Practice.objects.count() == 3  # and the database is still there


def test_the_snippet_of_an_entry_at_the_limit_is_a_few_highlighted_fragments(longest_entries):
    hits = engine.run("zz").hits
    assert len(hits) == 3
    for hit in hits:
        assert "<mark>" in hit.snippet
        assert len(hit.snippet) < 1_000


def test_a_word_found_far_into_a_long_description_is_highlighted(db):
    published("Far", repeated("ww", 12_000) + " the reflective circles met weekly")
    [hit] = engine.run("reflective").hits
    assert "<mark>reflective</mark>" in hit.snippet


@pytest.fixture
def slow_search(monkeypatch):
    """Every search statement made slow, as a pathological query would be."""
    if connection.vendor == "postgresql":
        slow = "SELECT pg_sleep(5)"
        backend = PostgreSQLBackend
    else:
        slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1e9) SELECT count(*) FROM n"
        backend = SQLiteBackend

    def facet_counts(self, condition):
        with connection.cursor() as cursor:
            cursor.execute(slow)
        return [], []

    monkeypatch.setattr(backend, "facet_counts", facet_counts)
    monkeypatch.setattr(backend, "search", lambda self, condition, sort, offset, limit: (facet_counts(self, None), []))


def test_a_search_past_the_time_limit_asks_for_fewer_words(settings, client, slow_search):
    settings.PORTAL_SEARCH_TIMEOUT_MS = 100
    published("Mentoring", "Mentoring for young people")
    page = client.get(reverse("practice_list"), {"q": "mentoring"})
    assert page.status_code == 200
    assert "This search took too long" in page.content.decode()
    assert "Try fewer words" in page.content.decode()
    assert Practice.objects.count() == 1  # the connection still works after the cancelled statement


def test_the_api_answers_a_search_past_the_time_limit_with_a_json_503(settings, client, slow_search):
    settings.PORTAL_SEARCH_TIMEOUT_MS = 100
    response = client.get(reverse("api_practice_list"), {"q": "mentoring"})
    assert response.status_code == 503
    assert response.json() == {"error": "This search took too long. Try fewer words."}


def test_words_too_common_to_search_on_are_not_marked_in_a_snippet(db):
    published(
        "Stops",
        "Police tell children's services after every stop and search of a child, and then meet.",
        summary="Police and social care.",
    )
    [hit] = engine.run('"stop and search"').hits
    assert "<mark>stop</mark> and <mark>search</mark>" in hit.snippet
    assert "<mark>and</mark>" not in hit.snippet


def test_the_search_time_limit_ends_with_the_search(settings, db):
    """A search inside a longer transaction (a test, a command) leaves later statements without its time limit."""
    settings.PORTAL_SEARCH_TIMEOUT_MS = 100
    published("Mentoring", "Mentoring for young people")
    assert engine.run("mentoring").hits
    slow = (
        "SELECT pg_sleep(0.3)"
        if connection.vendor == "postgresql"
        else ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3e6) SELECT count(*) FROM n")
    )
    with connection.cursor() as cursor:
        cursor.execute(slow)  # not cancelled
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('enable_seqscan')")
            assert cursor.fetchone() == ("on",)
