"""A lead and a moderator, each in their own browser, take an entry from submission to publication."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from submissions.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

COMMENT = "Please say what changed for children: give the re-offending figures."


def test_changes_requested_then_published(page, browser, live_server, sign_in, check_page):
    lola = factories.lead("Redbridge", email="lola@example.org")
    maya = factories.moderator(email="maya@example.org")
    practice = factories.PracticeFactory(
        local_authority=factories.authority("Redbridge"),
        title="Throwing a stone into youth justice",
        impact="Partnership commitment through the YOS board.",
    )
    moderator_page = browser.new_context().new_page()

    # The lead submits.
    sign_in(lola)
    page.goto(f"{live_server.url}/submissions/{practice.pk}/check/")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")

    # The moderator asks for changes, with a comment.
    sign_in(maya, on=moderator_page)
    moderator_page.get_by_role("link", name="Moderation").click()
    expect(moderator_page.get_by_role("row", name=re.compile("Throwing a stone"))).to_contain_text("Redbridge")
    check_page("20-moderation-queue", on=moderator_page)
    moderator_page.get_by_role("link", name="Throwing a stone into youth justice").click()
    check_page("21-review", on=moderator_page)
    moderator_page.get_by_role("button", name="Save decision").click()
    expect(moderator_page.get_by_role("link", name="Select your decision")).to_be_visible()
    check_page("22-review-error", on=moderator_page)
    moderator_page.get_by_label("Ask the lead for changes").check()
    moderator_page.get_by_label("Comment for the lead").fill(COMMENT)
    moderator_page.get_by_role("button", name="Save decision").click()
    expect(moderator_page.get_by_role("status")).to_contain_text("has gone back to its lead")

    # The lead sees the comment, edits and resubmits.
    page.get_by_role("link", name="My submissions").first.click()
    expect(page.get_by_role("row", name=re.compile("Throwing a stone"))).to_contain_text("Changes requested")
    page.get_by_role("link", name=re.compile("Edit.*Throwing a stone")).click()
    expect(page.get_by_text(COMMENT)).to_be_visible()
    check_page("23-proforma-changes-requested")
    page.get_by_label("Impact").fill("Re-offending by Black boys fell from 41% to 29% in two years.")
    page.get_by_role("button", name="Save and check your answers").click()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")

    # The moderator sees what changed, highlighted, and publishes.
    moderator_page.get_by_role("link", name="Moderation").click()
    moderator_page.get_by_role("link", name="Throwing a stone into youth justice").click()
    expect(moderator_page.locator(".diff ins")).to_contain_text("Re-offending by Black boys fell")
    expect(moderator_page.locator(".diff del")).to_contain_text("Partnership commitment")
    check_page("24-review-with-changes", on=moderator_page)
    moderator_page.get_by_label("Publish").check()
    moderator_page.get_by_role("button", name="Save decision").click()
    expect(moderator_page.get_by_role("status")).to_contain_text("is published")

    # The entry is public.
    public = browser.new_context().new_page()
    public.goto(f"{live_server.url}/practice/{practice.pk}/")
    expect(public.get_by_role("heading", level=1)).to_have_text("Throwing a stone into youth justice")
    expect(public.get_by_text("Re-offending by Black boys fell from 41% to 29%")).to_be_visible()
    assert Practice.objects.get().status == Practice.Status.PUBLISHED

    # Each person heard what they needed to, and the comment went to the lead.
    sent = [(m.to[0], m.subject.split(":")[0].split(" ‘")[0]) for m in mail.outbox]
    assert sent == [
        ("maya@example.org", "New practice to review"),
        ("lola@example.org", "We have received"),
        ("lola@example.org", "Changes requested"),
        ("maya@example.org", "New practice to review"),
        ("lola@example.org", "We have received"),
        ("lola@example.org", "Published"),
    ]
    assert [COMMENT in m.body for m in mail.outbox] == [False, False, True, False, False, False]
