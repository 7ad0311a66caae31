"""A director's and a visitor's first walk (issue 15): filtering a list the GOV.UK way and back, email updates,
coverage and the London tile map, readers' wording, valid times, descriptions and footer targets."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)


def publish(title, la, theme, categories=("with-partners",)):
    return factories.published(title, la, theme, categories=categories)


def test_a_director_filters_goes_back_subscribes_and_reads_coverage(page, live_server, sign_in, check_page):
    publish("Reverse mentors for head teachers", "Redbridge", "school-exclusions")
    publish("Mentors in youth justice", "Camden", "youth-justice")
    publish("Governors and exclusions", "Hackney", "school-exclusions")
    call = factories.call(["Redbridge", "Newham"], title="East London round")
    sign_in(factories.dcs(email="dele@example.org"))

    # 16. Filters as removable tags, a heading naming them, and back to the same results.
    page.get_by_role("link", name="Browse practice").click()
    page.get_by_label("Search published practice").fill("mentors")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("East London").check()
    page.get_by_role("group", name="Theme").get_by_label("School exclusions").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 result for ‘mentors’ in East London, School exclusions")).to_be_visible()
    check_page("70-browse-filter-tags")
    results = page.url
    page.get_by_role("link", name="Reverse mentors for head teachers").click()
    page.get_by_role("link", name="Back to results").click()
    assert page.url == results
    page.get_by_role("link", name="Remove theme filter: School exclusions").click()
    expect(page.get_by_role("heading", name="1 result for ‘mentors’ in East London")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Remove theme filter"))).to_have_count(0)

    # 16. On a narrow screen the filters fold behind Show filters.
    page.set_viewport_size({"width": 375, "height": 800})
    expect(page.get_by_role("button", name="Apply filters")).to_be_hidden()
    page.get_by_text("Show filters").click()
    expect(page.get_by_role("button", name="Apply filters")).to_be_visible()
    check_page("71-browse-narrow-filters-open")
    page.set_viewport_size({"width": 1280, "height": 800})

    # 18. Email updates from a theme page, nothing chosen for them; subscribing with no choice is an error.
    page.goto(f"{live_server.url}/themes/school-exclusions/")
    page.get_by_role("link", name="Get email updates").click()
    expect(page.get_by_label("School exclusions")).to_be_checked()
    expect(page.get_by_label("Weekly")).not_to_be_checked()
    expect(page.get_by_label("Monthly")).not_to_be_checked()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("link", name="Select how often you want an email")).to_be_visible()
    check_page("72-email-updates-error")

    # 17. Coverage for a call lists only its authorities; the tile map; the wide table keeps its names in view.
    page.goto(f"{live_server.url}/coverage/?call={call.pk}")
    rows = page.locator(".coverage-table").first.locator("tbody th[scope=row]")
    expect(rows).to_have_count(2)
    check_page("73-coverage-for-a-call")
    page.goto(f"{live_server.url}/coverage/")
    page.set_viewport_size({"width": 480, "height": 800})
    scroller = page.locator(".table-scroll").first
    scroller.evaluate("element => element.scrollLeft = 900")
    header, group = (
        page.get_by_role("columnheader", name="Local authority").first,
        page.locator(".coverage-table__group-name").first,
    )
    box = scroller.bounding_box()
    for cell in (header, group):
        assert cell.bounding_box()["x"] >= box["x"] - 1, "scrolled out of view"
    scroller.screenshot(path=SCREENSHOTS / "74-coverage-scrolled-sideways-table.png")
    check_page("74-coverage-scrolled-sideways")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="See published practice on a map of London").click()
    page.get_by_label("Theme").select_option(label="School exclusions")
    page.get_by_role("button", name="Show on the map").click()
    expect(page.get_by_role("link", name="Redbridge: 1 entry")).to_be_visible()
    expect(page.get_by_role("link", name="Sutton: 0 entries")).to_be_visible()
    check_page("75-tile-map")
    page.get_by_role("link", name="Hackney: 1 entry").click()
    expect(page.get_by_role("heading", name=re.compile("1 result in Hackney, School exclusions"))).to_be_visible()


def test_a_visitor_reads_an_entry_with_the_templates_category_names_on_valid_pages(page, live_server, check_page):
    entry = publish("Black leadership group", "Hackney", "workforce", ("within-your-organisation", "with-partners"))
    page.goto(f"{live_server.url}/practice/")
    page.get_by_role("link", name="Black leadership group").click()

    # 6. Readers' wording.
    expect(page.get_by_text("Shared with: Within your organisation, With partners.")).to_be_visible()
    # 20. Times HTML accepts, a description, footer links at least 24 by 24 pixels.
    for value in page.locator("time").evaluate_all("times => times.map(t => t.getAttribute('datetime'))"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", value), value
    expect(page.locator('meta[name="description"]')).to_have_attribute("content", entry.summary)
    for link in page.locator(".site-footer a").all():
        box = link.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, (link.inner_text(), box)
    check_page("76-visitor-entry")
