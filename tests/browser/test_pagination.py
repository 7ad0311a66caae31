"""Long lists come a page at a time: a lead pages through their submissions, a visitor through results."""

import pytest
from playwright.sync_api import expect

from search import engine
from submissions.models import Practice
from tests import factories
from tests.browser.test_keyboard import tab_to

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_lead_pages_through_their_submissions_with_the_keyboard(page, live_server, sign_in, check_page):
    lead = factories.lead("Hackney", email="pat@example.org")
    entries = factories.PracticeFactory.create_batch(51)
    sign_in(lead)

    page.goto(f"{live_server.url}/submissions/")
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Next page"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.get_by_role("row")).to_have_count(2)  # the header and the one entry changed longest ago
    expect(page.get_by_role("link", name=entries[0].title, exact=True)).to_be_visible()
    check_page("60-my-submissions-page-2")


def test_a_visitor_pages_through_search_results(page, live_server, settings, check_page):
    settings.PORTAL_RESULTS_PER_PAGE = 2
    for number in range(3):
        practice = factories.PracticeFactory(
            title=f"Mentoring scheme {number}",
            status=Practice.Status.PUBLISHED,
            local_authority=factories.authority("Camden"),
        )
        engine.index(practice)

    page.goto(f"{live_server.url}/practice/?q=mentoring")
    page.get_by_role("link", name="Next page").click()

    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.locator(".practice-card")).to_have_count(1)
    expect(page.get_by_label("Search published practice")).to_have_value("mentoring")
    check_page("61-search-results-page-2")
