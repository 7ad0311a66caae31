"""
The lead's, the moderator's and the director's journeys with the keyboard alone: Tab, Shift+Tab,
Enter and Space, never the mouse. Every control on the way can be reached, shows where the
focus is (the yellow focus style), and lets the focus go on (no traps).
"""

import pytest
from playwright.sync_api import expect

from submissions.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

FOCUS_SHOWN = """el => {
    const style = getComputedStyle(el);
    return style.backgroundColor === 'rgb(255, 221, 0)' || style.outlineColor === 'rgb(255, 221, 0)';
}"""


def tab_to(page, target, most=120):
    """Press Tab until the target has the focus, checking the focus is visible when it arrives."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            page.wait_for_timeout(200)  # buttons fade into their focus colour
            assert target.evaluate(FOCUS_SHOWN), f"no visible focus on {target}"
            return
    raise AssertionError(f"{target} cannot be reached with Tab")


def test_skip_link_comes_first_and_moves_the_focus_to_the_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    assert skip.evaluate("el => el.getBoundingClientRect().left >= 0")  # shown when focused
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_a_lead_saves_a_draft_with_the_keyboard(page, live_server, sign_in):
    lola = factories.lead("Redbridge", email="lola@example.org")
    sign_in(lola)
    tab_to(page, page.get_by_role("link", name="Share practice").first)
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Name of the project or approach"))
    page.keyboard.type("Inclusion champions")
    tab_to(page, page.get_by_label("With partners"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Short summary"))
    page.keyboard.type("Champions review every exclusion.")
    tab_to(page, page.get_by_role("button", name="Save as draft"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Your draft ‘Inclusion champions’ was saved")
    practice = Practice.objects.get()
    assert [category.slug for category in practice.categories.all()] == ["with-partners"]


def test_a_moderator_publishes_with_the_keyboard(page, live_server, sign_in):
    factories.PracticeFactory(title="Governors and exclusions", status=Practice.Status.SUBMITTED)
    sign_in(factories.moderator(email="maya@example.org"))
    tab_to(page, page.get_by_role("link", name="Moderation"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Governors and exclusions"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Publish"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Save decision"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("is published")


def test_a_director_searches_filters_and_opens_an_entry_with_the_keyboard(page, live_server, sign_in):
    factories.PracticeFactory(title="Governors and exclusions", status=Practice.Status.PUBLISHED)
    sign_in(factories.dcs(email="dele@example.org"))
    tab_to(page, page.get_by_role("link", name="Browse practice"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Search published practice"))
    page.keyboard.type("exclusion")
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("checkbox", name="East London"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 result for ‘exclusion’")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Governors and exclusions"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Governors and exclusions")
    page.keyboard.press("Shift+Tab")  # the focus can go back as well as on
    assert page.evaluate("document.activeElement !== document.body")
