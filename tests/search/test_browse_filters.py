"""Browse follows GOV.UK's "filter a list": chosen filters as removable tags, a heading naming them, a way back."""

import re

import pytest
from django.urls import reverse

from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentoring(db):
    return PracticeFactory(title="Reverse mentoring", status="published", local_authority=authority("Redbridge"))


def test_the_heading_states_the_search_and_filters(client, mentoring):
    page = client.get(reverse("practice_list") + "?q=mentoring&sub_region=east-london&theme=school-exclusions")
    heading = re.search(r'id="results-count">(.*?)</h2>', page.content.decode()).group(1)
    assert heading == "1 result for ‘mentoring’ in East London, School exclusions"


def test_each_chosen_filter_is_a_tag_whose_link_removes_it(client, mentoring):
    query = "?q=mentoring&sub_region=east-london&theme=school-exclusions&sort=newest"
    page = client.get(reverse("practice_list") + query).content.decode()
    tags = re.findall(
        r'<a class="selected-filters__tag" href="([^"]+)"><span class="visually-hidden">([^<]+)</span>', page
    )
    assert [(label, href.replace("&amp;", "&")) for href, label in tags] == [
        ("Remove search filter: ", "?sub_region=east-london&theme=school-exclusions&sort=newest"),
        ("Remove sub-region filter: ", "?q=mentoring&theme=school-exclusions&sort=newest"),
        ("Remove theme filter: ", "?q=mentoring&sub_region=east-london&sort=newest"),
    ]


def test_without_filters_there_are_no_tags(client, mentoring):
    assert "selected-filters" not in client.get(reverse("practice_list")).content.decode()


def test_an_entry_opened_from_results_links_back_to_the_same_results(client, mentoring):
    results = "http://testserver" + reverse("practice_list") + "?q=mentoring&theme=school-exclusions"
    page = client.get(mentoring.get_absolute_url(), HTTP_REFERER=results).content.decode()
    assert '<a class="back-link" href="/practice/?q=mentoring&amp;theme=school-exclusions">Back to results</a>' in page


def test_no_back_link_from_elsewhere(client, mentoring):
    for referer in ["", "https://elsewhere.example/practice/?q=x", "http://testserver/themes/"]:
        page = client.get(mentoring.get_absolute_url(), HTTP_REFERER=referer).content.decode()
        assert "Back to results" not in page, referer


def test_the_filters_are_in_a_disclosure_closed_in_the_html_that_the_css_shows_on_wide_screens(client, mentoring):
    page = client.get(reverse("practice_list")).content.decode()
    assert '<details class="filter-toggle" data-module="filter-toggle">' in page
    assert "js/filters.js" in page
