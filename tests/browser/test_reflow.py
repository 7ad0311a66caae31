"""
WCAG 1.4.10 reflow and 1.4.4 resize: every page as each role is usable at 320 CSS pixels wide
(400% zoom of a 1280-pixel window) and at 640 (200%), with no sideways scrolling of the page;
only wide data tables scroll, inside their own labelled region. Screenshots of each page at both
widths land in test-artifacts/screenshots/reflow/.
"""

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.test_url_access import GET_TABLE, make_world, url_for

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["anonymous", "lead_a", "moderator"]
NOT_PAGES = (
    "admin:",
    "api_",
    "feed",
    "sitemap",
    "resource_download",
    "practice_export",
    "call_returns_csv",
    "call_pack",
)
WIDTHS = {"320px": 320, "200-percent": 640}
OVERFLOW = """() => {
    const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('main *')].filter(el =>
        el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.closest('.table-scroll'));
    return {page, wide: wide.slice(0, 3).map(el => el.tagName + '.' + el.className)};
}"""


def test_every_page_reflows_at_320_pixels_and_200_percent_zoom(browser, live_server, sign_in):
    users, objects = make_world()
    folder = SCREENSHOTS / "reflow"
    folder.mkdir(parents=True, exist_ok=True)
    problems, checked = {}, 0
    for role in ROLES:
        context = browser.new_context()
        page = context.new_page()
        if users[role]:
            sign_in(users[role], on=page)
        for entry, (_, expected) in GET_TABLE.items():
            if expected[role] != 200 or any(part in entry for part in NOT_PAGES):
                continue
            for label, width in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": 900})
                response = page.goto(live_server.url + url_for(entry, objects))
                if "text/html" not in response.headers.get("content-type", ""):
                    break
                page.screenshot(path=folder / f"{role}-{entry.replace(' ', '_').replace(':', '_')}-{label}.png")
                overflow = page.evaluate(OVERFLOW)
                checked += 1
                if overflow["page"] > 0 or overflow["wide"]:
                    problems[(role, entry, label)] = overflow
        context.close()
    assert checked > 100
    assert problems == {}, "\n".join(f"{key}: {value}" for key, value in problems.items())
