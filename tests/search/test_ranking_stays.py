"""
The bench's queries find the same entries in the same order, whatever is done to make search cheaper: a fixed
corpus of entries made as the bench makes them (bench/data.py, with a fixed seed and a fixed "now"), and each
engine's top ten for each of bench/run.py's queries, recorded from the code before any such change.
Runs on SQLite and on PostgreSQL (CI), each engine against its own list.
"""

import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from bench import data
from search import engine
from search.browse import BrowseRequest

pytestmark = pytest.mark.django_db

QUERIES = data.QUERIES

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
NUMBER = re.compile(r"\((\d+)\)$")  # bench titles end with the entry's number: "... for Bangladeshi families (41)"

# How many entries each query matches, and the first ten's numbers in the order each engine ranked them:
# recorded from the code as it was before search was made cheaper (see the docstring).
TOP_TEN = {
    "postgresql": {
        "one word": (105, [116, 196, 53, 39, 221, 208, 3, 409, 282, 262]),
        "two words": (138, [104, 393, 302, 376, 581, 477, 499, 198, 595, 169]),
        "phrase": (146, [41, 596, 465, 312, 533, 155, 575, 338, 29, 422]),
        "rare word": (13, [133, 0, 510, 185, 473, 416, 220, 154, 447, 505]),
        "common word": (600, [408, 220, 501, 284, 422, 342, 254, 591, 54, 159]),
        "one word + sub-region": (32, [53, 221, 282, 250, 214, 14, 324, 410, 38, 373]),
        "two words + theme": (61, [104, 393, 302, 376, 581, 477, 499, 198, 595, 169]),
        "common word + LA + year": (9, [532, 185, 582, 229, 134, 143, 373, 383, 533]),
    },
    "sqlite": {
        "one word": (105, [116, 221, 39, 53, 196, 208, 282, 10, 3, 214]),
        "two words": (138, [104, 393, 302, 581, 376, 167, 75, 510, 225, 316]),
        "phrase": (146, [41, 596, 155, 465, 533, 312, 255, 575, 29, 216]),
        "rare word": (13, [447, 503, 298, 493, 505, 220, 416, 473, 133, 185]),
        "common word": (600, [408, 501, 220, 91, 102, 400, 591, 254, 561, 450]),
        "one word + sub-region": (32, [221, 53, 282, 214, 250, 157, 476, 471, 185, 209]),
        "two words + theme": (61, [104, 393, 302, 581, 376, 179, 115, 31, 360, 551]),
        "common word + LA + year": (9, [532, 185, 582, 229, 383, 143, 134, 373, 533]),
    },
}


@pytest.fixture
def corpus(monkeypatch):
    """Six hundred entries, as the bench makes them, one in fifty with the rare word."""
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: NOW)
        data.load(600, seed=31, description_size=1500, rare_share=0.02)
    engine.rebuild()


def top_ten(text, filters):
    query = QueryDict(mutable=True)
    query.update({"q": text, **filters})
    results = BrowseRequest.from_query(query).run()
    return results.total, [int(NUMBER.search(hit.title).group(1)) for hit in results.hits[:10]]


def test_the_bench_queries_find_the_same_top_ten_as_before(corpus):
    found = {label: top_ten(text, filters) for label, text, filters in QUERIES}
    assert found == TOP_TEN[connection.vendor]
