"""
PostgreSQL ranks a one-word search by ranking only the matches with the word in their title or themes, when there
are enough of them to fill the page (search/postgresql.py, ranked_by_title_first). Every page must be the one
ranking every match gives: checked here against PostgreSQL's own ts_rank over all matches, on entries made to be
the hardest cases and on random small corpora. SQLite ranks with FTS5 and has no such step.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import engine
from search.postgresql import one_term
from tests.factories import authority
from tests.search.test_search import published

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the two-step rank is PostgreSQL's"),
]

DAY = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
WORDS = ["child", "care", "school", "court"]  # each its own lexeme
ENTRIES = 14


@pytest.fixture
def entries(db):
    return [published(f"Entry {n}", la="Camden" if n % 3 == 2 else "Hackney").pk for n in range(ENTRIES)]


def give(pk, positions, published_at):
    """An entry's ranking vector (and whole vector) as (word, weight) positions in order, and its date."""
    lexemes = {}
    for position, (word, weight) in enumerate(positions, start=1):
        lexemes.setdefault(word, []).append(f"{position}{weight}")
    vector = " ".join(f"'{word}':{','.join(found)}" for word, found in lexemes.items())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE submissions_searchentry SET rank_vector = %s::tsvector, search_vector = %s::tsvector,"
            " published_at = %s WHERE practice_id = %s",
            [vector, vector, published_at, pk],
        )


def ranked_by_postgresql(word, authorities=()):
    """Every entry with the word, in the order ts_rank over all of them gives, as the search orders its pages."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT practice_id FROM submissions_searchentry"
            " WHERE search_vector @@ to_tsquery('english', %s) AND (%s OR local_authority_id = ANY(%s))"
            " ORDER BY ts_rank(rank_vector, to_tsquery('english', %s)) DESC, published_at DESC, practice_id",
            [word, not authorities, [la.pk for la in authorities], word],
        )
        return [pk for (pk,) in cursor.fetchall()]


def page(word, offset, limit, authorities=()):
    backend, parsed, _, expansions = engine._ask(word)
    condition = backend.condition(parsed, expansions, engine.Filters(local_authorities=list(authorities)))
    assert one_term(condition)
    return [pk for pk, _ in backend.page(condition, "relevance", offset, limit)]


def titled(word):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM submissions_searchentry WHERE ts_filter(rank_vector, '{a}') @@ to_tsquery(%s)",
            [word],
        )
        return cursor.fetchone()[0]


def test_every_page_of_a_one_word_search_is_the_page_ranking_every_match_gives(entries):
    late_a = [("child", "B")] * 30 + [("child", "A")]  # one title use after many summary ones: ranks above them all
    many_b = [("child", "B")] * 200  # as high as only summary uses rank
    early_b = [("child", "B"), ("care", "A"), ("care", "A")]
    one_a = [("child", "A")]
    a_and_b = [("child", "A"), ("child", "B"), ("care", "A"), ("child", "B")]
    shapes = [late_a, many_b, early_b, one_a, a_and_b, one_a, late_a, many_b, one_a, early_b, a_and_b, one_a]
    for n, (pk, shape) in enumerate(zip(entries, shapes, strict=False)):
        give(pk, shape, DAY - timedelta(days=n % 3))  # equal ranks and equal dates: the id decides
    give(entries[-2], [("care", "A")], DAY)
    give(entries[-1], [("court", "B")], DAY)
    everything = ranked_by_postgresql("child")
    assert len(everything) == 12 and titled("child") == 8

    for limit in (1, 2, 3, 5):
        for offset in range(0, 13, limit):  # pages wholly of titled entries, across the boundary, and beyond
            assert page("child", offset, limit) == everything[offset : offset + limit], (offset, limit)

    hackney = [authority("Hackney")]
    in_hackney = ranked_by_postgresql("child", hackney)
    assert 0 < len(in_hackney) < len(everything)
    for offset in range(len(in_hackney) + 1):
        assert page("child", offset, 1, hackney) == in_hackney[offset : offset + 1], offset


POSITIONS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from("AB")), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    corpus=st.lists(st.tuples(POSITIONS, st.integers(0, 3)), min_size=ENTRIES, max_size=ENTRIES),
    word=st.sampled_from(WORDS),
    limit=st.integers(1, 6),
)
def test_on_any_small_corpus_a_one_word_search_pages_as_ranking_every_match_does(entries, corpus, word, limit):
    for pk, (positions, days) in zip(entries, corpus, strict=True):
        give(pk, positions, DAY - timedelta(days=days))
    everything = ranked_by_postgresql(word)

    for offset in range(0, len(everything) + limit, limit):
        assert page(word, offset, limit) == everything[offset : offset + limit], (offset, limit)
