"""
What a search page costs beyond the engine's own query: few statements, no transaction of its own, and a repeated
search answered from the cache until the next publication. Runs on SQLite and on PostgreSQL (CI).
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from operations.logs import database_timeouts
from reference import generation
from reference.models import Theme
from search import engine
from tests.factories import call, lead
from tests.search.test_search import published

CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT", "SET")


def search_page(client, text, **params):
    """The statements a search page sends, as in service: in autocommit, outside any transaction."""
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("practice_list"), {"q": text, **params})
    assert page.status_code == 200
    return page, [query["sql"] for query in captured]


@pytest.mark.django_db(transaction=True)
def test_a_search_page_sends_at_most_five_statements_and_none_to_manage_a_transaction(client, reference_data):
    for n in range(30):
        published(f"Exclusions approach {n}", "Fewer pupils were excluded this year.")
    client.get(reverse("practice_list"))  # the reference lists are kept by the process from then on, as in service

    page, sent = search_page(client, "exclusion")

    assert "30 results for ‘exclusion’" in page.content.decode()
    assert len(sent) <= 5, sent
    assert not [sql for sql in sent if sql.upper().startswith(CONTROL)], sent


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_time_limit_still_stops_each_statement_and_ends_with_it(
    settings, reference_data, monkeypatch
):
    settings.PORTAL_SEARCH_TIMEOUT_MS = 100
    published("Mentoring", "Mentoring for young people")
    slow = (
        "SELECT pg_sleep(0.5)"
        if connection.vendor == "postgresql"
        else "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3e7) SELECT count(*) FROM n"
    )
    searched = engine.backend().__class__.search

    def a_slow_statement_first(self, condition, sort, offset, limit):
        with connection.cursor() as cursor:
            cursor.execute(slow)
        return searched(self, condition, sort, offset, limit)

    monkeypatch.setattr(engine.backend().__class__, "search", a_slow_statement_first)
    assert engine.run("mentoring").too_slow
    monkeypatch.undo()

    assert engine.run("mentoring").hits  # not cached as too slow: asked again, and answered
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('statement_timeout')")
            assert cursor.fetchone() == ("on", "0")


@pytest.mark.django_db
def test_a_repeated_search_is_answered_from_the_cache_until_something_is_published():
    published("Mentoring in schools", "Mentoring for young people")
    first = engine.run("mentoring")

    with CaptureQueriesContext(connection) as captured:
        again = engine.run("mentoring")

    assert len(captured) == 1  # which publication the cache holds answers for
    assert [(hit.pk, hit.title, hit.snippet) for hit in again.hits] == [
        (hit.pk, hit.title, hit.snippet) for hit in first.hits
    ]
    assert (again.total, again.facets) == (first.total, first.facets)

    published("Mentoring at home", "Mentoring for parents", la="Camden")
    assert engine.run("mentoring").total == 2


@pytest.mark.django_db
def test_a_search_narrowed_to_a_call_is_not_answered_with_the_search_without_it():
    returned = call(["Hackney"])
    published("Mentoring for a call", "Mentoring for young people", call=returned)
    published("Mentoring alone", "Mentoring for parents")

    assert engine.run("mentoring").total == 2
    assert [hit.title for hit in engine.run("mentoring", engine.Filters(calls=[returned])).hits] == [
        "Mentoring for a call"
    ]


@pytest.mark.django_db
def test_a_repeated_search_page_shows_what_was_published_since():
    from django.test import Client

    client = Client()
    published("Mentoring in schools", "Mentoring for young people")
    assert "1 result for ‘mentoring’" in search_page(client, "mentoring")[0].content.decode()
    assert "1 result for ‘mentoring’" in search_page(client, "mentoring")[0].content.decode()

    published("Mentoring at home", "Mentoring for parents", la="Camden")
    assert "2 results for ‘mentoring’" in search_page(client, "mentoring")[0].content.decode()


@pytest.mark.django_db
def test_a_search_page_narrowed_to_a_call_by_a_lead_is_not_shown_to_a_visitor_at_the_same_address(client):
    returned = call(["Hackney"], title="Hackney's mentoring call")
    published("Mentoring for a call", "Mentoring for young people", call=returned)
    published("Mentoring alone", "Mentoring for parents")
    client.force_login(lead("Hackney"))
    as_lead = search_page(client, "mentoring", call=returned.pk)[0].content.decode()
    assert "1 result for ‘mentoring’" in as_lead and "Hackney&#x27;s mentoring call" in as_lead

    client.logout()
    as_visitor = search_page(client, "mentoring", call=returned.pk)[0].content.decode()
    assert "2 results for ‘mentoring’" in as_visitor and "mentoring call" not in as_visitor


@pytest.mark.django_db(transaction=True)
def test_a_search_that_opens_the_connection_leaves_nothing_behind_for_the_statements_after_it(reference_data):
    """The search's settings are sent with each of its statements by an execute wrapper, for the search only. A
    connection opened by the search's first statement (a request's thread's first, in service) gets the portal's
    own wrapper as it is made, after the search's: the search must still take away only its own, or every later
    statement on that connection is sent after the search's settings (and a server-side cursor, which a form's
    list of choices reads from on PostgreSQL, reads the settings instead of the rows: a 500)."""
    published("Mentoring circle", "Mentors meet weekly.")
    cache.clear()
    generation.current()  # read now, so that the search's own statement is the one that opens the connection

    def in_a_new_thread():  # a thread of its own has a connection of its own, not yet opened
        try:
            found = engine.run("mentoring").total
            themes = [theme.slug for theme in Theme.objects.order_by("slug").iterator()]
            return found, list(connection.execute_wrappers), themes
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as thread:
        found, wrappers, themes = thread.submit(in_a_new_thread).result()

    assert found == 1
    assert wrappers == [database_timeouts]
    assert themes == sorted(Theme.objects.values_list("slug", flat=True))
