"""A round of a call for practice: a moderator calls on East London, Redbridge returns, the rest are chased."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from outbox.models import OutgoingEmail
from reference.models import LocalAuthority
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_call_to_east_london_from_opening_to_coverage(page, browser, live_server, sign_in, check_page):
    lola = factories.lead("Redbridge", email="lola@redbridge.example.org")
    factories.lead("Newham", email="nia@newham.example.org")
    factories.lead("Camden", email="cal@camden.example.org")  # North Central London: never asked
    maya = factories.moderator(email="maya@example.org")
    east_london = list(LocalAuthority.objects.filter(sub_region__slug="east-london").order_by("name"))
    moderator_page = browser.new_context().new_page()

    # The moderator makes the call to East London and opens it.
    sign_in(maya, on=moderator_page)
    moderator_page.get_by_role("link", name="Calls for practice").click()
    check_page("40-calls", on=moderator_page)
    moderator_page.get_by_role("link", name="Make a call for practice").click()
    moderator_page.get_by_role("button", name="Save the call").click()
    expect(moderator_page.get_by_role("link", name="Enter a title for the call")).to_be_visible()
    check_page("41-call-form-error", on=moderator_page)
    moderator_page.get_by_label("Title of the call").fill("East London DCS meeting: exclusions")
    moderator_page.get_by_label("Message to the leads").fill("Please share your work on school exclusions.")
    moderator_page.get_by_label("The boroughs of a sub-region").check()
    moderator_page.get_by_label("Sub-region", exact=True).select_option(label="East London")
    moderator_page.get_by_label("School exclusions").check()
    return_by = timezone.localdate() + timedelta(days=14)
    date_input = moderator_page.get_by_role("group", name="Return-by date")
    for part, value in (("Day", return_by.day), ("Month", return_by.month), ("Year", return_by.year)):
        date_input.get_by_label(part).fill(str(value))
    moderator_page.get_by_role("button", name="Save the call").click()
    moderator_page.get_by_role("button", name=re.compile("Open the call and email the leads")).click()
    expect(moderator_page.get_by_role("status")).to_contain_text("The call is open")
    assert sorted(m.to[0] for m in mail.outbox) == ["lola@redbridge.example.org", "nia@newham.example.org"]

    # The Redbridge lead sees the call on their home page, and returns a proforma from it.
    sign_in(lola)
    expect(page.get_by_role("heading", name="East London DCS meeting: exclusions")).to_be_visible()
    page.get_by_role("link", name="Start a proforma for this call").click()
    expect(page.get_by_label("Is this a return to a call for practice?")).to_have_value(re.compile(r"\d+"))
    expect(page.get_by_label("School exclusions")).to_be_checked()
    page.get_by_label("Name of the project or approach").fill("Inclusion champions in every secondary school")
    page.get_by_label("With partners").check()
    page.get_by_label("Short summary").fill("Champions in each school review every exclusion of a Black pupil.")
    page.get_by_label("Description of the work").fill("Each secondary school has an inclusion champion.")
    page.get_by_label("Impact").fill("Permanent exclusions of Black Caribbean pupils halved in a year.")
    page.locator("#id_contacts-0-name").fill("Tola Ade")
    page.locator("#id_contacts-0-email").fill("tola.ade@example.org")
    page.get_by_role("button", name="Save and check your answers").click()
    expect(page.get_by_role("term").filter(has_text="Call for practice")).to_be_visible()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")
    page.get_by_role("link", name="Calls for practice").click()
    page.get_by_role("link", name="East London DCS meeting: exclusions").click()
    expect(page.get_by_role("row", name=re.compile("Redbridge"))).to_contain_text("Submitted")
    check_page("42-call-for-a-lead")

    # The tracker: Redbridge submitted, every other East London borough not started; chase only them.
    moderator_page.reload()
    expect(moderator_page.get_by_role("row", name=re.compile("^Redbridge"))).to_contain_text("Submitted")
    for authority in east_london:
        if authority.name != "Redbridge":
            row = moderator_page.get_by_role("row", name=re.compile(f"^{authority.name}"))
            expect(row).to_contain_text("Not started")
    check_page("43-call-returns", on=moderator_page)
    moderator_page.get_by_role("button", name=re.compile(r"Remind \d+ local authorit(y|ies) now")).click()
    expect(moderator_page.get_by_role("status")).to_contain_text("Reminded the leads of 1 local authority: Newham.")
    reminded = OutgoingEmail.objects.filter(subject__startswith="Reminder")
    assert list(reminded.values_list("to", flat=True)) == ["nia@newham.example.org"]
    assert not OutgoingEmail.objects.filter(to="cal@camden.example.org").exists()

    # Publication, and the coverage page counts the entry.
    moderator_page.get_by_role("link", name="Inclusion champions in every secondary school").click()
    moderator_page.get_by_label("Publish").check()
    moderator_page.get_by_role("button", name="Save decision").click()
    expect(moderator_page.get_by_role("status")).to_contain_text("is published")
    moderator_page.get_by_role("link", name="Coverage").click()
    moderator_page.get_by_label("Call for practice").select_option(label="East London DCS meeting: exclusions")
    moderator_page.get_by_role("button", name="Apply filters").click()
    cell = moderator_page.get_by_role("link", name="1 Redbridge, School exclusions")
    expect(cell).to_be_visible()
    check_page("44-coverage", on=moderator_page)
    cell.click()
    expect(moderator_page.get_by_role("link", name="Inclusion champions in every secondary school")).to_be_visible()
