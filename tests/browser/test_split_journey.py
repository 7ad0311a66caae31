"""
Redbridge's 'Various' return, imported and submitted by its lead with nothing typed, is split by a moderator into
three entries without JavaScript-only controls, each then published and showing the return it was split from
(issue 28, item 2). Each page is checked with axe on the way.
"""

import re

import pytest
from playwright.sync_api import expect

from submissions.models import Practice
from tests import factories
from tests.browser.test_real_returns_journey import REDBRIDGE_TITLE, import_return, publish
from tests.submissions.test_importers import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)

# Each new entry: its name, its theme, and the opening of the paragraph that goes to it.
PARTS = [
    ("A moral purpose held by Heads of Service", "Training and cultural competence", "Redbridge disproportionality"),
    ("Youth justice as the lens on disproportionality", "Youth justice", "Recognising the longstanding"),
    ("Anti-racist practice with schools and the youth council", "Attainment and curriculum", "Alongside this youth"),
]


def test_a_moderator_splits_redbridges_various_return_into_three_entries_each_published(
    page, browser, live_server, sign_in, check_page
):
    sign_in(factories.lead("Redbridge", email="lola@example.org"))
    import_return(page, FIXTURES / "redbridge.txt")
    page.get_by_label("Within your organisation").check()
    page.get_by_label("Youth justice").check()
    page.get_by_role("button", name="Save and check your answers").click()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")

    moderator = browser.new_context().new_page()
    sign_in(factories.moderator(email="maya@example.org"), on=moderator)
    moderator.get_by_role("link", name="Moderation").click()
    moderator.get_by_role("link", name=REDBRIDGE_TITLE).click()
    moderator.get_by_role("link", name="Split this return into separate entries").click()
    expect(moderator.get_by_role("heading", level=1)).to_contain_text("into separate entries")
    check_page("150-split-how-many", on=moderator)
    moderator.get_by_label("How many new entries do you want to make from this return?").fill("3")
    moderator.get_by_role("button", name="Continue").click()

    # A name left out comes back in the error summary, with every other choice kept.
    for number, (title, theme, opening) in enumerate(PARTS, 1):
        entry = moderator.get_by_role("group", name=f"New entry {number}", exact=True)
        if number != 2:
            entry.get_by_label("Name of the new entry").fill(title)
        entry.get_by_role("group", name="Themes").get_by_label(theme, exact=True).check()
        entry.get_by_label(re.compile(f"^{opening}")).check()
    moderator.get_by_role("button", name="Split the return").click()
    expect(moderator.get_by_role("alert")).to_contain_text("Enter a name for new entry 2")
    second = moderator.get_by_role("group", name="New entry 2", exact=True)
    expect(second.get_by_label(re.compile(f"^{PARTS[1][2]}"))).to_be_checked()
    check_page("151-split-choose-pieces-error", on=moderator)
    second.get_by_label("Name of the new entry").fill(PARTS[1][0])
    moderator.get_by_role("button", name="Split the return").click()
    expect(moderator.get_by_role("status")).to_contain_text("are waiting for review")

    original = Practice.objects.get(title=REDBRIDGE_TITLE)
    assert original.status == Practice.Status.WITHDRAWN
    reader = browser.new_context().new_page()
    for number, (title, theme, opening) in enumerate(PARTS, 1):
        publish(moderator, title, check_page, f"15{number + 1}-split-review-{number}")
        entry = Practice.objects.get(title=title)
        assert entry.split_from == original and entry.status == Practice.Status.PUBLISHED
        reader.goto(f"{live_server.url}{entry.get_absolute_url()}")
        expect(reader.get_by_text(f"Split from Redbridge’s return ‘{REDBRIDGE_TITLE}’.")).to_be_visible()
        expect(reader.get_by_text(re.compile(f"^{opening}"))).to_be_visible()
        expect(reader.get_by_role("link", name=theme)).to_be_visible()
    check_page("155-split-entry", on=reader)
