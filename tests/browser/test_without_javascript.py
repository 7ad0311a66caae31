"""The portal works with JavaScript turned off: it has none, and these journeys show nothing needs it."""

import pytest
from playwright.sync_api import expect

from submissions.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_a_lead_shares_practice_with_javascript_off(page, live_server, sign_in):
    sign_in(factories.lead("Redbridge", email="lola@example.org"))
    page.get_by_role("link", name="Share practice").first.click()
    page.get_by_label("Name of the project or approach").fill("Inclusion champions")
    page.get_by_label("With partners").check()
    page.get_by_label("School exclusions").check()
    page.get_by_label("Short summary").fill("Champions review every exclusion.")
    page.get_by_label("Description of the work").fill("Each secondary school has an inclusion champion.")
    page.get_by_label("Impact").fill("Permanent exclusions halved.")
    page.locator("#id_contacts-0-name").fill("Tola Ade")
    page.get_by_role("button", name="Add another contact").click()  # a server round trip, no script
    page.locator("#id_contacts-1-name").fill("Sam Okoro")
    page.get_by_role("button", name="Save and check your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")
    assert Practice.objects.get().contacts.count() == 2


def test_a_visitor_searches_and_filters_with_javascript_off(page, live_server):
    factories.PracticeFactory(title="Governors and exclusions", status=Practice.Status.PUBLISHED)
    factories.PracticeFactory(
        title="Camden exclusions", local_authority=factories.authority("Camden"), status=Practice.Status.PUBLISHED
    )
    page.goto(live_server.url + "/practice/")
    page.get_by_label("Search published practice").fill("exclusion")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("checkbox", name="East London").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 result for ‘exclusion’")).to_be_visible()
    page.get_by_label("Sort by").select_option("title")
    page.get_by_role("button", name="Sort").click()
    assert "sort=title" in page.url and "sub_region=east-london" in page.url
