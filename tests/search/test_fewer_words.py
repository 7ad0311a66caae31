"""When no entry has every word searched for, the page shows those with most of them, ranked, and says so."""

import pytest
from django.urls import reverse

from search import engine
from search import query as web_query
from tests.search.test_search import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def caribbean():
    return {
        "both": published("Black Caribbean pupils' attainment", "Mentoring for Black Caribbean pupils in Year 9."),
        "one": published("Caribbean heritage month", "Assemblies and a library display."),
        "none": published("Reverse mentoring", "Senior leaders are mentored by staff."),
    }


def test_a_search_nothing_matches_in_full_shows_what_has_most_of_its_words_and_says_so(caribbean):
    results = engine.run("black caribbean boys")

    assert [hit.title for hit in results.hits] == ["Black Caribbean pupils' attainment"]
    assert results.total == 1
    assert str(results.fewer) == "No entry has all of black, caribbean, boys; these have two of them"


def test_with_fewer_still_it_comes_down_to_any_one_word(caribbean):
    results = engine.run("caribbean boys girls")

    assert {hit.title for hit in results.hits} == {"Black Caribbean pupils' attainment", "Caribbean heritage month"}
    assert str(results.fewer) == "No entry has all of caribbean, boys, girls; these have one of them"


def test_entries_with_more_of_the_words_come_first(caribbean):
    results = engine.run("black OR caribbean pupils boys")

    assert results.fewer.count == 2
    assert [hit.title for hit in results.hits] == ["Black Caribbean pupils' attainment"]
    assert str(results.fewer).startswith("No entry has all of black or caribbean, pupils, boys;")


def test_a_search_that_matches_in_full_or_has_one_word_is_left_as_it_is(caribbean):
    assert engine.run("black caribbean").fewer is None
    assert engine.run("boys").total == 0
    assert engine.run("boys").fewer is None


def test_words_left_out_stay_left_out_and_filters_still_apply(caribbean):
    assert engine.run("caribbean boys -heritage").hits[0].title == "Black Caribbean pupils' attainment"
    assert engine.run("caribbean boys -heritage").total == 1
    assert (
        engine.run("caribbean boys", engine.Filters(local_authorities=[caribbean["both"].local_authority])).total == 2
    )
    published("Elsewhere", "Caribbean families", la="Camden")
    camden = engine.Filters(local_authorities=[caribbean["both"].local_authority.__class__.objects.get(name="Camden")])
    assert [hit.title for hit in engine.run("caribbean boys", camden).hits] == ["Elsewhere"]


def test_a_long_search_goes_straight_to_any_of_its_words():
    parsed = web_query.parse("one two three four five six seven")
    [(query, count)] = web_query.fewer_words(parsed)
    assert count == 1
    assert [[term.text for term in group] for group in query.groups] == [
        ["one", "two", "three", "four", "five", "six", "seven"]
    ]


def test_at_least_two_of_three_asks_every_pair():
    parsed = web_query.parse('black "caribbean boys" exclusion')
    query = web_query.at_least(parsed, 2)
    assert [[term.text for term in group] for group in query.groups] == [
        ["black", "caribbean boys"],
        ["black", "exclusion"],
        ["caribbean boys", "exclusion"],
    ]


def test_the_page_says_so_and_offers_no_download_of_an_empty_search(client, caribbean):
    page = client.get(reverse("practice_list"), {"q": "black caribbean boys"}).content.decode()

    assert "No entry has all of black, caribbean, boys; these have two of them." in page
    assert "Black Caribbean pupils" in page
    assert "practice pack (Word)" not in page


def test_snippets_are_plain_text_without_list_markers_or_bold_marks():
    published(
        "Listed work",
        "Our work:\n\n- **Mentoring** for pupils at risk\n- Training on adultification\n\n## Next steps\n\n1. Audit",
    )

    [hit] = engine.run("mentoring adultification audit").hits

    assert "- " not in hit.snippet
    assert "**" not in hit.snippet
    assert "## " not in hit.snippet
    assert "<mark>Mentoring</mark>" in hit.snippet
