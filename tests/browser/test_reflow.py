"""
WCAG 1.4.10 reflow and 1.4.4 resize: every page as each role is usable at 320 CSS pixels wide
(400% zoom of a 1280-pixel window) and at 640 (200%), with no sideways scrolling of the page;
only wide data tables scroll, inside their own labelled region. Screenshots of each page at both
widths land in test-artifacts/screenshots/reflow/.
"""

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["anonymous", "lead_a", "moderator"]
WIDTHS = {"320px": 320, "200-percent": 640}
OVERFLOW = """() => {
    const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('main *')].filter(el =>
        el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.closest('.table-scroll'));
    return {page, wide: wide.slice(0, 3).map(el => el.tagName + '.' + el.className)};
}"""


def test_every_page_reflows_at_320_pixels_and_200_percent_zoom(portal_pages):
    folder = SCREENSHOTS / "reflow"
    folder.mkdir(parents=True, exist_ok=True)
    problems, checked = {}, 0
    for role, entry, page, url in portal_pages(ROLES):
        page.set_viewport_size({"width": WIDTHS["320px"], "height": 900})
        response = page.goto(url)
        if response.status != 200:  # the table says each role may open it: an error page is no page to check
            problems[(role, entry, "status")] = response.status
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        for label, width in WIDTHS.items():  # the page's own CSS reflows it as the window narrows or widens
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=folder / f"{role}-{entry.replace(' ', '_').replace(':', '_')}-{label}.png")
            overflow = page.evaluate(OVERFLOW)
            checked += 1
            if overflow["page"] > 0 or overflow["wide"]:
                problems[(role, entry, label)] = overflow
    assert checked > 100
    assert problems == {}, "\n".join(f"{key}: {value}" for key, value in problems.items())
