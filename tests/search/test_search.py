"""
Search and browse behave the same on both engines: this file runs on SQLite (make test)
and on PostgreSQL (CI, scripts/with-postgres).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reference import cached
from reference.models import SharingCategory, Theme
from search import engine
from submissions import services
from submissions.models import Practice
from tests.factories import PracticeFactory, authority, lead, moderator

pytestmark = pytest.mark.django_db


def published(title, description="", la="Hackney", theme="school-exclusions", **fields):
    practice = PracticeFactory(
        title=title,
        summary=fields.pop("summary", title),
        description=description,
        impact=fields.pop("impact", ""),
        local_authority=authority(la),
        status=Practice.Status.PUBLISHED,
        **fields,
    )
    if theme != "school-exclusions":
        practice.themes.set([Theme.objects.get(slug=theme)])
        engine.index(practice)
    return practice


def titles(text="", **filters):
    return [hit.title for hit in engine.run(text, engine.Filters(**filters)).hits]


@pytest.fixture
def library():
    return {
        "exclusions": published("Reducing exclusions in secondary schools", "Fewer pupils were excluded this year."),
        "excluded": published("Inclusion panels", "Pupils at risk of being excluded meet a panel.", la="Newham"),
        "stop": published(
            "Stop and search through a safeguarding lens",
            "Police tell children's services after every stop and search of a child.",
            la="Haringey",
            theme="policing-and-stop-and-search",
        ),
        "mentoring": published(
            "Reverse mentoring", "Black staff mentor senior leaders.", la="Camden", theme="workforce"
        ),
    }


def test_stemming_finds_other_forms_of_a_word(library):
    assert set(titles("exclusion")) == {"Reducing exclusions in secondary schools", "Inclusion panels"}
    assert set(titles("excluded")) == {"Reducing exclusions in secondary schools", "Inclusion panels"}


def test_a_quoted_phrase_must_appear_as_written(library):
    assert titles('"stop and search"') == ["Stop and search through a safeguarding lens"]
    assert titles('"search and stop"') == []


def test_a_phrase_is_found_wherever_it_is_and_only_as_written():
    published("In the title: stop and search", "Nothing more.")
    published("In the summary", "Nothing more.", summary="Work on stop and search with the police.")
    published("In the body", "Children told us how a stop and search felt.")
    published("In the impact", "Nothing more.", impact="Fewer stop and search referrals.")
    published("Words apart", "We stop work to search for answers.", summary="Search first, stop later.")

    everywhere = {"In the title: stop and search", "In the summary", "In the body", "In the impact"}
    assert set(titles('"stop and search"')) == everywhere
    assert set(titles('"stop and search" -impact')) == everywhere - {"In the impact"}
    assert set(titles('stop -"stop and search"')) == {"Words apart"}
    assert set(titles('"stop and search" -"told us"')) == everywhere - {"In the body"}
    assert set(titles('"stop and search" OR "answers"')) == everywhere | {"Words apart"}
    assert engine.run('"stop and search"').total == 4


def test_a_minus_leaves_entries_out(library):
    assert titles("pupils -panel") == ["Reducing exclusions in secondary schools"]


def test_or_finds_either(library):
    assert set(titles("mentor OR police")) == {"Reverse mentoring", "Stop and search through a safeguarding lens"}


def test_the_title_counts_for_more_than_the_body():
    published("A note on governors", "Mentoring appears only in this body text, once.")
    published("Mentoring for new social workers", "A programme for the first year in practice.")

    assert titles("mentoring")[0] == "Mentoring for new social workers"


def test_a_misspelling_gets_a_did_you_mean(library):
    results = engine.run("exlusions")

    assert results.hits == []
    assert results.suggestion == "exclusions"


def test_another_form_of_an_indexed_word_is_not_taken_for_a_misspelling():
    published("Reducing exclusions in secondary schools", "Fewer pupils were excluded.")

    results = engine.run("exclusion")

    assert [hit.title for hit in results.hits] == ["Reducing exclusions in secondary schools"]
    assert results.suggestion is None


def test_facet_counts_equal_the_filtered_results(library):
    east = engine.run("", engine.Filters(sub_regions=[authority("Hackney").sub_region]))

    assert east.total == len(east.hits) == 2
    assert east.facets["local_authority"] == {authority("Hackney").pk: 1, authority("Newham").pk: 1}
    exclusions = Theme.objects.get(slug="school-exclusions")
    assert east.facets["theme"] == {exclusions.pk: 2}
    assert set(titles(themes=[exclusions], local_authorities=[authority("Newham")])) == {"Inclusion panels"}


FACETS = {"sub_region": "sub_regions", "local_authority": "local_authorities", "theme": "themes",
          "category": "categories", "year": "years"}  # fmt: skip


@pytest.mark.parametrize("text", ["", "police", '"stop and search"', "police -pupils"])
def test_every_facet_count_is_the_number_of_results_that_choice_gives(text, library):
    both = published("Police in schools", "Pupils, police and stop and search.", la="Camden", theme="workforce")
    both.themes.add(*Theme.objects.filter(slug__in=["training-and-cultural-competence", "youth-justice"]))
    both.categories.add(*SharingCategory.objects.filter(slug__in=["through-research", "with-communities"]))
    engine.index(both)
    results = engine.run(text)
    lists = {**cached.lists(), "year": {year: year for year in results.facets["year"]}}

    assert results.total == len(results.hits) > 0
    assert results.facets["theme"] and results.facets["category"]
    for facet, field in FACETS.items():
        for pk, count in results.facets[facet].items():
            assert engine.run(text, engine.Filters(**{field: [lists[facet][pk]]})).total == count, (facet, pk)


@pytest.mark.parametrize("text", ["", "police", '"stop and search"'])
def test_results_come_in_the_order_asked_for_a_page_at_a_time(text):
    for title, days_ago in [("Bravo", 3), ("Alpha", 1), ("Charlie", 2)]:
        published(title, "Police and stop and search.", published_at=timezone.now() - timedelta(days=days_ago))

    def order(sort, offset=0, limit=10):
        return [hit.title for hit in engine.run(text, sort=sort, offset=offset, limit=limit).hits]

    assert order("title") == ["Alpha", "Bravo", "Charlie"]
    assert order("newest") == ["Alpha", "Charlie", "Bravo"]
    assert order("title", offset=1, limit=1) == ["Bravo"]
    assert engine.run(text, sort="title", offset=1, limit=1).total == 3


def test_snippets_highlight_why_an_entry_matched_and_never_run_its_markup():
    published("Safe snippets", 'Police <script>alert("x")</script> and <b>schools</b> work together.')

    [hit] = engine.run("police").hits

    assert "<mark>Police</mark>" in hit.snippet
    # The tags are shown as escaped text, never run.
    assert "<script" not in hit.snippet
    assert "<b>" not in hit.snippet


@pytest.mark.parametrize(
    "status",
    [Practice.Status.DRAFT, Practice.Status.SUBMITTED, Practice.Status.REJECTED, Practice.Status.CHANGES_REQUESTED],
)
def test_unpublished_text_never_appears_in_results_snippets_counts_or_suggestions(status, library):
    PracticeFactory(title="Zebrafish confidential pilot", description="Zebrafish draft text", status=status)

    results = engine.run("zebrafish")
    misspelt = engine.run("zebrafsh")

    assert results.hits == [] and results.total == 0
    assert misspelt.suggestion is None
    assert engine.run("").total == 4


def test_unpublishing_takes_an_entry_and_its_words_out_of_search(library):
    practice = library["mentoring"]

    services.unpublish_practice(practice=practice, by=moderator(), seen_version=practice.version, reason="Consent")

    assert titles("mentoring") == []
    assert engine.run("mentorin").suggestion is None


def test_a_published_revision_replaces_the_indexed_text(lead_a):
    practice = services.submit_practice(practice=PracticeFactory(title="Governor training"), by=lead_a)
    practice = services.publish_practice(practice=practice, by=moderator(), seen_version=practice.version)
    revision = services.start_revision(practice=practice, by=lead_a)
    Practice.objects.filter(pk=revision.pk).update(title="Governor and trustee training")
    revision = services.submit_practice(practice=Practice.objects.get(pk=revision.pk), by=lead_a)

    assert titles("trustee") == []  # submitted changes are not searchable
    services.publish_practice(practice=revision, by=moderator(), seen_version=revision.version)
    assert titles("trustee") == ["Governor and trustee training"]


def test_rebuilding_the_index_gives_the_same_answers(library):
    before = [(text, titles(text), engine.run(text).facets) for text in ("exclusion", "police", "", "-panel")]

    assert engine.rebuild() == 4

    assert [(text, titles(text), engine.run(text).facets) for text in ("exclusion", "police", "", "-panel")] == before


def test_browse_page_keeps_every_choice_in_the_url(client, library):
    response = client.get(reverse("practice_list"), {"q": "exclusion", "sub_region": "east-london", "sort": "title"})

    page = response.content.decode()
    assert "2 results for ‘exclusion’" in page
    assert 'value="east-london" id="filter-sub_region-east-london" checked' in page
    assert '<option value="title" selected>' in page
    assert page.index("Inclusion panels") < page.index("Reducing exclusions in secondary schools")


def statements(captured):
    """The SQL a page sends in service: inside a test, transactions add SAVEPOINTs that production never sees."""
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def test_the_browse_page_makes_the_same_number_of_queries_whatever_the_page_size(client, library, settings):
    """No N+1: 10 or 50 results a page cost the same number of queries, at most 9 (an entry's page asks the apps
    above for their panels: one query for the measures it cites)."""
    for n in range(60):
        published(f"Youth justice approach {n}", "Court work with police.", la="Enfield", theme="youth-justice")
    pages = {"browse": reverse("practice_list"), "search": reverse("practice_list") + "?q=police"}
    pages["detail"] = library["stop"].get_absolute_url()
    client.get(reverse("practice_list"))  # the reference lists are cached from then on, as in service
    counts = {}
    for per_page in (10, 50):
        settings.PORTAL_RESULTS_PER_PAGE = per_page
        for name, url in pages.items():
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts[(name, per_page)] = len(statements(captured))
    assert {name: counts[(name, 10)] for name in pages} == {name: counts[(name, 50)] for name in pages}
    assert max(counts.values()) <= 9, counts


def test_a_theme_page_lists_its_practice_with_counts(client, library):
    page = client.get(reverse("theme_detail", args=["workforce"])).content.decode()

    assert "Reverse mentoring" in page
    assert "1 published entry" in page
    assert "Reducing exclusions" not in page


def test_the_detail_page_shows_related_practice_and_hides_emails_from_visitors(client, library):
    also_exclusions = published("Exclusions and governors", "Governors review every exclusion.")

    page = client.get(also_exclusions.get_absolute_url()).content.decode()

    assert "Related practice" in page and "Reducing exclusions in secondary schools" in page
    assert "Lisa Aldridge" in page and "lisa@example.org" not in page
    client.force_login(lead("Camden"))
    assert "lisa@example.org" in client.get(also_exclusions.get_absolute_url()).content.decode()


def test_related_practice_shares_a_theme_and_the_most_words_come_first():
    entry = published("Mentoring black boys in year 9", "Mentors meet weekly.", theme="youth-justice")
    closest = published("Mentoring black boys after exclusion", "Weekly.", theme="youth-justice")
    further = published("Court work with young people", "Mentors help.", theme="youth-justice")
    published("Mentoring black boys in year 10", "Mentors meet weekly.", theme="workforce")

    assert [hit.title for hit in engine.related(entry)] == [closest.title, further.title]


def test_browse_can_be_limited_to_signed_in_users(client, settings, library):
    settings.PORTAL_BROWSE_REQUIRES_SIGN_IN = True

    assert client.get(reverse("practice_list")).status_code == 302
    assert client.get(library["stop"].get_absolute_url()).status_code == 302
    assert "Reverse mentoring" not in client.get(reverse("home")).content.decode()
    client.force_login(lead("Camden"))
    assert client.get(reverse("practice_list")).status_code == 200


def test_no_did_you_mean_when_the_search_found_plenty(library):
    for n in range(3):
        published(f"Exclusion review {n}")

    assert engine.run("exclusionss").suggestion is not None
    assert engine.run("exclusion OR exlusions").suggestion is None  # found enough without it


@pytest.mark.parametrize("text", ["the", "not", "😀", ".*+?[]()", "how and why"])
def test_a_search_with_nothing_to_search_for_says_so_and_finds_nothing(client, library, text):
    page = client.get(reverse("practice_list"), {"q": text}).content.decode()

    assert "0 results" in page
    assert "There is nothing to search for in" in page
    assert "download-links" not in page
    assert engine.matching_ids(text) == []
