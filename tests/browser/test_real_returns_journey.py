"""
Real returns imported as their leads would, submitted with no text typed that is not in the return (issue 28):
Redbridge's names no contact, no impact and calls its work 'Various'; Hackney's gives no title; a Hackney return
names a resource it has no link for. Each page is checked with axe on the way, through to the moderator and the reader.
"""

import re

import pytest
from playwright.sync_api import expect

from submissions.models import Practice
from tests import factories
from tests.submissions.test_importers import FIXTURES
from tests.submissions.test_named_resources import RETURN

pytestmark = pytest.mark.django_db(transaction=True)

REDBRIDGE_TITLE = "Redbridge anti-racist practice"
HACKNEY_TITLE = "Hackney has a wide range of anti-racist and inclusivity initiatives"
FIRST_SENTENCE = "There is a specific wish to focus on what will make a tangible difference"


def import_return(page, path):
    page.get_by_role("link", name="Share practice").first.click()
    page.get_by_text("Start from a completed Word proforma").click()
    page.get_by_label("Your completed proforma").set_input_files(path)
    page.get_by_role("button", name="Upload and fill in the form").click()
    expect(page.get_by_text("We have filled in the form from your proforma")).to_be_visible()


def publish(moderator_page, title, check_page, name):
    moderator_page.get_by_role("link", name="Moderation").click()
    moderator_page.get_by_role("link", name=title).click()
    check_page(name, on=moderator_page)
    moderator_page.get_by_label("Publish").check()
    moderator_page.get_by_role("button", name="Save decision").click()
    expect(moderator_page.get_by_role("status")).to_contain_text("is published")


def test_redbridges_return_is_submitted_and_published_with_nothing_typed(
    page, browser, live_server, sign_in, check_page, settings
):
    settings.PORTAL_ENQUIRIES_EMAIL = "practice@liia.example"
    sign_in(factories.lead("Redbridge", email="lola@example.org"))
    import_return(page, FIXTURES / "redbridge.txt")

    # 'Various' is replaced by a name from the description; no impact or contact is asked for.
    expect(page.get_by_label("Name of the project or approach")).to_have_value(REDBRIDGE_TITLE)
    expect(page.locator("#id_title_warning")).to_contain_text("The proforma names the work ‘Various’")
    expect(page.get_by_label("Impact (optional)")).to_have_value("")
    expect(page.get_by_text("Leave blank if it is too early to say.")).to_be_visible()
    expect(page.locator("#id_impact_warning")).not_to_contain_text("fill in the impact")
    check_page("140-real-return-redbridge-imported")
    page.get_by_label("Within your organisation").check()
    page.get_by_label("Youth justice").check()
    page.get_by_role("button", name="Save and check your answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting")
    expect(page.get_by_text("Left blank (optional)")).to_be_visible()
    expect(page.get_by_text("No contact named: people who want to find out more are asked to write to")).to_be_visible()
    check_page("141-real-return-redbridge-check")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")

    moderator_page = browser.new_context().new_page()
    sign_in(factories.moderator(email="maya@example.org"), on=moderator_page)
    publish(moderator_page, REDBRIDGE_TITLE, check_page, "142-real-return-redbridge-review")
    practice = Practice.objects.get()
    assert practice.impact == "" and not practice.contacts.exists()
    original = (FIXTURES / "redbridge.txt").read_text(encoding="utf-8")
    assert " ".join(practice.summary.split()) in " ".join(original.split())

    # A signed-in reader: the opening paragraph once, no Impact heading, and where to ask.
    reader = browser.new_context().new_page()
    sign_in(factories.dcs(email="dee@example.org"), on=reader)
    reader.goto(f"{live_server.url}{practice.get_absolute_url()}")
    expect(reader.get_by_role("heading", level=1)).to_have_text(REDBRIDGE_TITLE)
    expect(reader.get_by_text(re.compile(FIRST_SENTENCE))).to_have_count(1)
    expect(reader.get_by_role("heading", name="Impact")).to_have_count(0)
    expect(reader.get_by_text("No contact was named: ask the alliance at")).to_be_visible()
    expect(reader.get_by_role("link", name="practice@liia.example")).to_have_attribute(
        "href", "mailto:practice@liia.example"
    )
    check_page("143-real-return-redbridge-entry", on=reader)


def test_hackneys_return_is_submitted_with_nothing_typed_and_its_contacts_as_written(
    page, live_server, sign_in, check_page
):
    sign_in(factories.lead("Hackney", email="hana@example.org"))
    import_return(page, FIXTURES / "hackney.txt")

    expect(page.get_by_label("Name of the project or approach")).to_have_value(HACKNEY_TITLE)
    expect(page.locator("#id_title_warning")).to_contain_text("The proforma gives no name for the work")
    expect(page.locator("#id_contacts-1-name")).to_have_value("Lisa Aldridge")
    check_page("147-real-return-hackney-imported")
    page.get_by_label("With partners").check()
    page.get_by_label("Workforce").check()
    page.get_by_role("button", name="Save and check your answers").click()

    expect(page.get_by_text("Left blank (optional)")).to_be_visible()
    check_page("148-real-return-hackney-check")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")
    practice = Practice.objects.get()
    assert practice.title == HACKNEY_TITLE
    assert [contact.name for contact in practice.contacts.all()] == ["Sonia Khan", "Lisa Aldridge", "Annie Gammon"]


def test_a_resource_named_without_a_link_is_flagged_then_shown_as_not_yet_available(
    page, browser, live_server, sign_in, check_page, tmp_path
):
    proforma = tmp_path / "hackney-curriculum.txt"
    proforma.write_text(RETURN, encoding="utf-8")
    sign_in(factories.lead("Hackney", email="hana@example.org"))
    import_return(page, proforma)

    expect(page.locator("#id_resources-1-title")).to_have_value("Hackney's Diverse Curriculum")
    expect(page.locator("#resources")).to_contain_text("is named with no link or file")
    page.get_by_label("Within your organisation").check()
    page.get_by_label("Attainment and curriculum").check()
    page.get_by_role("button", name="Save and check your answers").click()

    notice = page.get_by_role("region", name="Resources awaiting a link or file")
    expect(notice).to_contain_text("‘Hackney's Diverse Curriculum’ is named without a link or file.")
    expect(notice).to_contain_text("otherwise readers will see them named, not yet available")
    check_page("144-real-return-named-resources-check")
    page.get_by_role("button", name="Submit").click()

    moderator_page = browser.new_context().new_page()
    sign_in(factories.moderator(email="maya@example.org"), on=moderator_page)
    moderator_page.get_by_role("link", name="Moderation").click()
    moderator_page.get_by_role("link", name="A curriculum relatable to Black experience").click()
    expect(moderator_page.get_by_role("region", name="Resources awaiting a link or file")).to_contain_text(
        "Building Equal Foundations (cabinet report, March 2021)"
    )
    publish(moderator_page, "A curriculum relatable to Black experience", check_page, "145-named-resources-review")

    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}{Practice.objects.get().get_absolute_url()}")
    expect(reader.get_by_role("listitem").filter(has_text="Hackney's Diverse Curriculum")).to_have_text(
        "Hackney's Diverse Curriculum (named, not yet available)"
    )
    expect(reader.get_by_role("link", name="The facilitator guide")).to_be_visible()
    check_page("146-named-resources-entry", on=reader)
