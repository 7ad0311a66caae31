"""
A snippet marks the words that made its entry match: each engine's stems, found in Python (search/snippets.py).
The stemmer must stem as the engine's index does, or a found entry's snippet would mark nothing; checked on the
words of the proformas in tests/fixtures against PostgreSQL's english_stem and SQLite's FTS5 porter tokenizer.
"""

import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import connection

from search import engine
from search.query import STOPWORDS
from search.snippets import MARK_END, MARK_START, snippet, stem
from tests.search.test_search import published

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def proforma_words():
    words = set()
    for path in FIXTURES.rglob("*"):
        if path.suffix in {".txt", ".json", ".md"}:
            words.update(word.lower() for word in re.findall(r"[^\W\d_]+", path.read_text(errors="ignore")))
    assert len(words) > 1_500
    return sorted(words)


def marked(made):
    return re.findall(f"{MARK_START}(.*?){MARK_END}", made or "")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own stemmer")
def test_the_english_stems_and_stop_words_are_postgresqls_for_every_word_of_the_proformas(proforma_words):
    words = sorted({*proforma_words, *STOPWORDS})
    with connection.cursor() as cursor:
        cursor.execute("SELECT w, (ts_lexize('english_stem', w))[1] FROM unnest(%s::text[]) w", [words])
        postgresql = dict(cursor.fetchall())

    assert {word: None if word in STOPWORDS else stem("english", word) for word in words} == postgresql


# FTS5's porter tokenizer has two of Porter's later rules (-logi to -log, -bli to -ble) and leaves two-letter words.
PORTER_REVISIONS = re.compile(r"^\w{1,3}$|log(y|ies)$|bly$")


def test_the_porter_stems_are_fts5s_for_every_word_of_the_proformas_but_its_later_rules(proforma_words):
    index = sqlite3.connect(":memory:")
    index.execute("CREATE VIRTUAL TABLE words USING fts5(word, tokenize='porter unicode61')")
    index.executemany("INSERT INTO words (rowid, word) VALUES (?, ?)", enumerate(proforma_words, start=1))
    index.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(words, instance)")
    fts5 = {proforma_words[row - 1]: term for term, row in index.execute("SELECT term, doc FROM terms")}

    differ = [word for word in proforma_words if fts5.get(word) != stem("porter", word)]

    assert differ, "the check reads FTS5's own stems"
    assert [word for word in differ if not PORTER_REVISIONS.search(word)] == []


@pytest.mark.parametrize("stemmer", ["english", "porter"])
def test_every_form_of_a_searched_word_is_marked_and_no_other_word(stemmer):
    body = "Running runs and the runner ran; happiness makes happy children. Exclusions and communities."

    made = snippet("", body, ["running", "happy", "exclusion", "community"], stemmer)

    assert marked(made) == ["Running", "runs", "happiness", "happy", "Exclusions", "communities"]


@pytest.mark.parametrize("stemmer", ["english", "porter"])
def test_words_left_out_of_every_query_are_not_marked(stemmer):
    assert marked(snippet("", "Which schools, and which of them?", ["which", "schools"], stemmer)) == ["schools"]


def test_names_are_marked_with_or_without_their_accents_where_the_engine_reads_them_so():
    body = "We met Siobhán and Adébáyọ̀ Ògúnlé."

    assert marked(snippet("", body, ["siobhan", "adebayo"], "porter")) == ["Siobhán", "Adébáyọ̀"]
    assert marked(snippet("", body, ["siobhan", "adebayo"], "english")) == []
    assert marked(snippet("", body, ["siobhán"], "english")) == ["Siobhán"]


def test_the_snippet_is_the_summary_when_a_searched_word_is_in_it_else_the_words_around_the_first_match():
    body = "An opening sentence. " * 20 + "Our mentors meet young people weekly. " + "Closing words. " * 30

    assert marked(snippet("A circle of mentors.", body, ["mentoring"], "english")) == ["mentors"]
    made = snippet("A summary without it.", body, ["mentoring"], "english")
    assert made.startswith("… ") and made.endswith(" …")
    assert "Our \x02mentors\x03 meet young people weekly." in made
    assert snippet("A summary.", body, ["windrush"], "english") is None


def test_a_found_entrys_snippet_marks_why_it_was_found_on_each_engine(db):
    published(
        "Youth panel",
        "An opening sentence about the week. " * 10 + "The panel heard from children excluded from school.",
        summary="A panel of young people.",
    )

    [hit] = engine.run("exclude children").hits

    assert "<mark>children</mark> <mark>excluded</mark>" in hit.snippet
    assert hit.snippet.startswith("… ")


def test_a_word_is_marked_where_it_stands_in_a_text_that_lower_casing_lengthens():
    body = "İstanbul partners and mentors met; their mentoring went on."  # "İ" lower-cases to two characters

    assert marked(snippet("", body, ["mentor"], "english")) == ["mentors", "mentoring"]


def test_a_searched_word_inside_another_word_is_not_marked():
    assert marked(snippet("", "Rewindrushed windrush.", ["windrush"], "english")) == ["windrush"]


def test_a_found_entrys_card_shows_the_moment_it_was_published_in_london_time(db, client):
    entry = published("Mentoring circle", "Mentors meet weekly.")
    type(entry).objects.filter(pk=entry.pk).update(published_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))

    [hit] = engine.run("mentoring").hits
    page = client.get("/practice/", {"q": "mentoring"}).content.decode()

    assert hit.published_at == datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert re.search(r"Published <time datetime=\"[^\"]+\">1 July 2026</time>", page), page


@pytest.mark.parametrize("stemmer", ["english", "porter"])
def test_a_word_with_an_apostrophe_or_a_hyphen_is_marked_as_the_engines_read_it(stemmer):
    body = "The children's centre and its anti-racist work."

    assert marked(snippet("", body, ["children's", "anti-racist"], stemmer)) == ["children", "anti", "racist"]


def test_a_search_is_shown_back_without_the_characters_that_would_turn_the_page_around_it(db, client):
    published("Exclusion policy", "Our exclusion policy.")

    page = client.get("/practice/", {"q": "\u202eexclusion\u2066 policy\x00"}).content.decode()

    assert "\u202e" not in page and "\u2066" not in page
    assert "‘exclusion policy’" in page
    assert "<mark>" in page
