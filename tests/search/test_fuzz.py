"""
Property tests: whatever people type into the search box, whatever a browser or a script puts in
the URL, the portal answers without a server error, and its parsers keep their promises.
"""

import pytest
from django.http import QueryDict
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import engine, query
from search.browse import FACETS, BrowseRequest
from search.snippets import AFTER, BEFORE, MARK_END, MARK_START, NO_MARKS, snippet
from submissions.models import Practice
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

ONE_REQUEST_EACH = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
SEARCH_SYNTAX = st.sampled_from(['"', "-", "OR", " ", "(", ")", "*", ":", "&", "|", "!", "'", "’", "\\", "%", "\x00"])
QUERY_TEXT = st.lists(st.one_of(st.text(max_size=12), SEARCH_SYNTAX), max_size=20).map("".join)
PARAMETER_NAMES = st.sampled_from([*FACETS, "q", "sort", "page", "page_size", "call", "format", "x"])
PARAMETER_VALUES = st.one_of(st.text(max_size=40), st.integers().map(str), st.sampled_from(["", "²", "1e3", "-1"]))


@pytest.fixture
def some_practice(db):
    for title in ("Reducing exclusions", "Stop and search", "Mentoring"):
        PracticeFactory(title=title, description=f"{title} in schools. " * 20, status=Practice.Status.PUBLISHED)


@given(text=QUERY_TEXT)
def test_parsing_any_text_gives_words_phrases_and_exclusions_made_of_words(text):
    parsed = query.parse(text)
    for term in [*(term for group in parsed.groups for term in group), *parsed.excluded]:
        assert term.text and term.text == " ".join(query.words_in(term.text))


@ONE_REQUEST_EACH
@given(text=QUERY_TEXT)
def test_any_search_text_gives_results_or_says_it_was_too_slow(some_practice, text):
    results = engine.run(text)
    assert results.total == sum(results.facets["local_authority"].values()) or results.too_slow
    assert len(results.hits) <= results.total


@ONE_REQUEST_EACH
@given(parameters=st.lists(st.tuples(PARAMETER_NAMES, PARAMETER_VALUES), max_size=8))
def test_any_browse_parameters_are_read_leniently(some_practice, parameters):
    query_dict = QueryDict(mutable=True)
    for name, value in parameters:
        query_dict.appendlist(name, value)
    browse = BrowseRequest.from_query(query_dict)
    assert 1 <= browse.page <= 100_000
    assert browse.sort in engine.SORTS
    assert len(browse.text) <= 200


@ONE_REQUEST_EACH
@given(parameters=st.lists(st.tuples(PARAMETER_NAMES, PARAMETER_VALUES), max_size=6))
def test_no_parameters_on_the_browse_page_or_the_api_get_a_server_error(client, some_practice, parameters):
    client.raise_request_exception = False
    for url in (reverse("practice_list"), reverse("api_practice_list"), reverse("practice_export", args=["csv"])):
        response = client.get(url, [(name, value) for name, value in parameters])
        assert response.status_code < 500, (url, parameters)


@given(
    summary=st.text(max_size=600),
    body=st.text(max_size=3_000),
    words=st.lists(st.text(max_size=15), max_size=5),
    stemmer=st.sampled_from(["english", "porter"]),
)
def test_a_snippet_is_the_summary_or_an_excerpt_of_the_body_with_marks_added(summary, body, words, stemmer):
    made = snippet(summary, body, words, stemmer)
    summary, body = summary.translate(NO_MARKS), body.translate(NO_MARKS)  # a text's own markers are dropped
    if made is None:
        return
    text = made.replace(MARK_START, "").replace(MARK_END, "")
    excerpt = text.removeprefix("… ").removesuffix(" …")
    assert text == summary or (excerpt in body and len(excerpt) <= BEFORE + AFTER + max(map(len, words)) + 30)
