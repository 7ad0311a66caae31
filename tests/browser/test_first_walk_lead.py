"""A new lead's first walk (issue 15): check your answers says what is missing, a suggested theme is shown back,
adding rows is not history, files and links open, a draft can be deleted, and readers' wording."""

import re

import pytest
from playwright.sync_api import expect

from submissions.models import Event, Practice
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_lead_walks_from_a_title_only_draft_to_submitting(page, browser, live_server, sign_in, check_page):
    sign_in(factories.lead("Redbridge", email="lola@example.org"))
    page.get_by_role("link", name="Share practice").first.click()
    page.get_by_label("Name of the project or approach").fill("Black leadership group")
    page.get_by_role("button", name="Save and check your answers").click()

    # 1. Missing answers are rows saying what to do, linked to their question; no Submit yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting")
    expect(page.get_by_text("Not provided")).to_have_count(0)
    expect(page.get_by_role("button", name="Submit")).to_have_count(0)
    check_page("50-lead-check-answers-missing")
    page.get_by_role("link", name="Enter a short summary of the work").click()
    expect(page.locator("#id_summary")).to_be_visible()
    assert page.url.endswith("#id_summary")

    # 2, 3. Answer everything, suggest a theme, add a contact and a resource row: a round trip each, no history.
    page.get_by_label("Short summary").fill("Black staff act as critical friends to the service.")
    page.get_by_label("With partners").check()
    page.get_by_label("Workforce").check()
    page.get_by_label("Suggest a theme (optional)").fill("Staff networks")
    page.get_by_label("Description of the work").fill("The group meets monthly:\n- Reviews policy\n- Sits on panels")
    page.get_by_label("Impact").fill("Three policies rewritten.")
    page.locator("#id_contacts-0-name").fill("Tony Reid")
    page.get_by_role("button", name="Add another contact").click()
    page.get_by_role("button", name="Add another resource").click()
    page.locator("#id_resources-0-title").fill("Our terms of reference")
    page.get_by_label("Or a web link").first.fill("https://example.org/terms")
    expect(page.get_by_label("Suggest a theme (optional)")).to_have_value("Staff networks")
    expect(page.get_by_text("Your suggestion is waiting for a moderator.")).to_be_visible()
    page.get_by_role("button", name="Save and check your answers").click()
    practice = Practice.objects.get()
    assert list(practice.events.values_list("action", flat=True)) == [Event.Action.CREATED, Event.Action.EDITED]

    # 2, 4. Check your answers shows the suggestion with its state, and the link opens.
    expect(page.get_by_text("Staff networks (waiting for a moderator)")).to_be_visible()
    expect(page.get_by_role("link", name="https://example.org/terms")).to_have_attribute(
        "href", "https://example.org/terms"
    )
    check_page("51-lead-check-answers-complete")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")

    # 5. A second draft is deleted after confirming; My submissions says what can be done.
    page.get_by_role("link", name="Share practice").first.click()
    page.get_by_label("Name of the project or approach").fill("A draft started by mistake")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("delete a draft")).to_be_visible()
    page.get_by_role("link", name="A draft started by mistake", exact=True).click()
    check_page("52-lead-draft-entry")
    page.get_by_role("link", name="Delete draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure you want to delete the draft")
    check_page("53-lead-delete-draft")
    page.get_by_role("button", name="Delete this draft").click()
    expect(page.get_by_role("status")).to_contain_text("Your draft ‘A draft started by mistake’ was deleted.")
    expect(page.get_by_role("row", name=re.compile("A draft started by mistake"))).to_have_count(0)
    check_page("54-lead-my-submissions")

    # 4. The lead's own entry page opens the link too.
    page.get_by_role("link", name="Black leadership group", exact=True).click()
    expect(page.get_by_role("link", name="https://example.org/terms")).to_be_visible()
    expect(page.get_by_text("Staff networks (waiting for a moderator)")).to_be_visible()
    check_page("55-lead-entry-page")


def test_each_change_link_on_check_your_answers_lands_on_its_question(page, live_server, sign_in):
    lead = factories.lead("Redbridge", email="lola@example.org")
    practice = factories.PracticeFactory(local_authority=factories.authority("Redbridge"))
    factories.ResourceFactory(practice=practice)
    sign_in(lead)
    page.goto(f"{live_server.url}/submissions/{practice.pk}/check/")
    hrefs = [link.get_attribute("href") for link in page.get_by_role("link", name=re.compile("^Change")).all()]
    assert len(hrefs) >= 9
    for href in hrefs:
        page.goto(live_server.url + href)
        anchor = href.split("#")[1]
        expect(page.locator(f"#{anchor}")).to_have_count(1)
