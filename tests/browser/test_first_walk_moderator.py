"""A moderator's first walk (issue 15): what waits on their home page, the review page with the theme decision,
the conversation with the lead, the published link, and a call from its form to reminders."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from submissions.models import Practice, ThemeSuggestion
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

JARGON = re.compile(r"daily job|Django admin", re.I)


def test_a_moderator_reviews_talks_with_the_lead_publishes_and_runs_a_call(
    page, browser, live_server, sign_in, check_page
):
    lola = factories.lead("Redbridge", email="lola@example.org")
    factories.lead("Newham", email="nia@example.org")
    maya = factories.moderator(email="maya@example.org", first_name="Maya", last_name="Okafor")
    practice = factories.PracticeFactory(
        local_authority=factories.authority("Redbridge"), title="Black leadership group", status="submitted"
    )
    Practice.objects.filter(pk=practice.pk).update(submitted_at=timezone.now() - timedelta(days=3))
    ThemeSuggestion.objects.create(practice=practice, name="Staff networks", suggested_by=lola)
    moderator = browser.new_context().new_page()

    # 12. Home says what waits.
    sign_in(maya, on=moderator)
    expect(moderator.get_by_role("link", name="1 submission waiting for review")).to_be_visible()
    expect(moderator.get_by_text("the oldest was submitted 3 days ago")).to_be_visible()
    expect(moderator.get_by_role("link", name="1 theme suggestion")).to_be_visible()
    check_page("60-moderator-home", on=moderator)

    # 13. The entry first, then the decision with the theme in it; ask for changes.
    moderator.get_by_role("link", name="Moderation").click()
    moderator.get_by_role("link", name="Black leadership group").click()
    expect(moderator.get_by_label(re.compile("The lead suggests a new theme, ‘Staff networks’"))).to_be_visible()
    check_page("61-moderator-review", on=moderator)
    moderator.get_by_label("Ask the lead for changes").check()
    moderator.get_by_label("Comment for the lead").fill("Please add when the group started.")
    moderator.get_by_role("button", name="Save decision").click()
    expect(moderator.get_by_role("status")).to_contain_text("has gone back to its lead")
    assert ThemeSuggestion.objects.get().status == ThemeSuggestion.Status.PENDING

    # 14. The lead replies when resubmitting.
    sign_in(lola)
    page.goto(f"{live_server.url}/submissions/{practice.pk}/check/")
    expect(page.get_by_text("Please add when the group started.")).to_be_visible()
    page.get_by_label("Your reply to the moderator (optional)").fill("It started in May 2023; I added that.")
    check_page("62-lead-reply", on=page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")

    # 14, 13, 12. The moderator sees the thread in order, publishes with the theme, and follows the link.
    moderator.get_by_role("link", name="Moderation").click()
    moderator.get_by_role("link", name="Black leadership group").click()
    thread = moderator.locator(".conversation")
    expect(thread.locator("li").nth(0)).to_contain_text("Please add when the group started.")
    expect(thread.locator("li").nth(1)).to_contain_text("It started in May 2023")
    check_page("63-moderator-review-thread", on=moderator)
    moderator.get_by_role("radio", name="Publish").check()
    moderator.get_by_role("button", name="Save decision").click()
    expect(moderator.get_by_role("status")).to_contain_text("is published")
    moderator.get_by_role("status").get_by_role("link", name="see it as readers do").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Black leadership group")
    expect(moderator.get_by_role("link", name="Staff networks")).to_be_visible()

    # 10, 11. A call: the form reveals only the chosen audience's fields; dates are three boxes.
    moderator.get_by_role("link", name="Calls for practice").click()
    moderator.get_by_role("link", name="Make a call for practice").click()
    expect(moderator.get_by_label("Sub-region", exact=True)).to_be_hidden()
    moderator.get_by_role("button", name="Save the call").click()
    expect(moderator).to_have_title(re.compile(r"^Error: Make a call"))  # waits for the page with errors
    assert moderator.title().count("Error:") == 1
    moderator.get_by_label("Title of the call").fill("East London DCS meeting")
    moderator.get_by_label("Message to the leads").fill("Please share your anti-racist practice.")
    moderator.get_by_label("The boroughs of a sub-region").check()
    expect(moderator.get_by_role("group", name="Local authorities")).to_be_hidden()
    moderator.get_by_label("Sub-region", exact=True).select_option(label="East London")
    check_page("64-call-form-revealed", on=moderator)
    return_by = timezone.localdate() + timedelta(days=14)
    dates = moderator.get_by_role("group", name="Return-by date")
    for part, value in (("Day", return_by.day), ("Month", return_by.month), ("Year", return_by.year)):
        dates.get_by_label(part).fill(str(value))
    moderator.get_by_role("button", name="Save the call").click()
    assert not JARGON.search(moderator.content())

    # 8. Opening says exactly whom it emailed and which authorities have no lead.
    moderator.get_by_role("button", name=re.compile("Open the call and email the leads")).click()
    expect(moderator.get_by_role("status")).to_contain_text(
        "Emailed 2 leads in 2 local authorities; 6 local authorities have no lead account: Barking and Dagenham"
    )
    expect(moderator.get_by_text("8 of the 8 local authorities have not submitted a return")).to_be_visible()

    # 9. After reminding, the button is disabled with the reason.
    moderator.get_by_role("button", name="Remind 2 local authorities now").click()
    expect(moderator.get_by_role("status")).to_contain_text("Reminded the leads of 2 local authorities")
    expect(moderator.get_by_role("button", name=re.compile("Remind"))).to_be_disabled()
    expect(moderator.get_by_text("You can remind them again tomorrow.")).to_be_visible()
    check_page("65-call-returns-reminded", on=moderator)
    assert not JARGON.search(moderator.content())
