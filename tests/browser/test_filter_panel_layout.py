"""The browse page's filter panel is drawn in its final state: folded on a narrow screen, shown on a wide one, from
the first paint, with or without JavaScript, so nothing moves once the page has drawn."""

import pytest
from playwright.sync_api import expect

from submissions.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const entry of list.getEntries()) total += entry.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.fixture
def entries():
    for title in ["Governors and exclusions", "Mentors for exclusions", "Exclusions panels"]:
        factories.PracticeFactory(title=title, status=Practice.Status.PUBLISHED)


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_narrow_screen_the_filters_are_folded_from_the_first_paint(browser, live_server, entries, javascript):
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url + "/practice/?q=exclusions")
    expect(page.get_by_role("button", name="Apply filters")).to_be_hidden()
    if javascript:
        assert page.evaluate(LAYOUT_SHIFT) < 0.01
    page.get_by_text("Show filters").click()
    expect(page.get_by_role("button", name="Apply filters")).to_be_visible()
    page.get_by_role("checkbox", name="East London").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "sub_region=east-london" in page.url
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_wide_screen_the_filters_are_shown_without_a_button(browser, live_server, entries, javascript):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url + "/practice/?q=exclusions")
    expect(page.get_by_role("button", name="Apply filters")).to_be_visible()
    expect(page.get_by_text("Show filters")).to_be_hidden()
    page.keyboard.press("Tab")  # the filters are reached by keyboard as any other field
    page.get_by_role("checkbox", name="East London").focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="East London")).to_be_checked()
    if javascript:
        assert page.evaluate(LAYOUT_SHIFT) < 0.01
    context.close()


def test_a_search_no_entry_matches_in_full_shows_the_nearest_and_says_so(page, live_server, check_page):
    factories.PracticeFactory(title="Black Caribbean pupils' attainment", status=Practice.Status.PUBLISHED)
    factories.PracticeFactory(title="Caribbean heritage month", status=Practice.Status.PUBLISHED)
    page.goto(live_server.url + "/practice/")
    page.get_by_label("Search published practice").fill("black caribbean boys")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No entry has all of black, caribbean, boys; these have two of them.")).to_be_visible()
    expect(page.get_by_role("link", name="Black Caribbean pupils' attainment")).to_be_visible()
    check_page("73-search-fewer-words")
