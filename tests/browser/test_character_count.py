"""The character count under the proforma's long boxes, as a lead meets it in Chromium, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_count_changes_as_the_lead_types_and_says_how_much_is_too_much(page, live_server, sign_in, check_page):
    sign_in(factories.lead("Hackney", email="lead@example.org"))
    page.goto(f"{live_server.url}/submissions/new/")
    summary = page.get_by_label("Short summary")
    expect(page.get_by_text("You have 600 characters remaining")).to_be_visible()

    summary.fill("Black staff mentor senior leaders.")
    expect(page.get_by_text("You have 566 characters remaining")).to_be_visible()
    summary.fill("x" * 598 + "👩🏿‍💼")  # an emoji of several code points, counted as the server counts them
    expect(page.get_by_text("characters too many")).to_be_visible()
    check_page("character-count-over")
    # The box keeps everything: nothing is cut as the lead types or pastes.
    assert len(summary.input_value()) > 600

    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("link", name="Short summary must be 600 characters or fewer")).to_be_visible()
    expect(summary).to_have_value("x" * 598 + "👩🏿‍💼")


def test_without_javascript_the_limit_is_said_and_the_server_counts(browser, live_server):
    lead = factories.lead("Hackney", email="lead@example.org")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/submissions/new/")
    expect(page.get_by_text("You can enter up to 600 characters")).to_be_visible()
    page.get_by_label("Name of the project or approach").fill("Mentoring")
    page.get_by_label("Short summary").fill("y" * 610)
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("You have 10 characters too many")).to_be_visible()
    expect(page.get_by_label("Short summary")).to_have_value("y" * 610)
    context.close()
