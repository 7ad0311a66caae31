"""
Every page of the portal, as each kind of user sees it, checked by axe-core for WCAG 2.2 A and
AA: the URL table of tests/test_url_access.py walked in Chromium, one signed-in browser per role.
Files, feeds, JSON and the Django admin's own pages are left out; POST-only URLs have no page.
"""

import pytest

from tests.browser.conftest import WCAG_22_AA
from tests.test_url_access import GET_TABLE, make_world, url_for

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["anonymous", "lead_a", "dcs", "moderator"]
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


def test_every_page_as_every_role_has_no_axe_violations(browser, live_server, sign_in, axe):
    users, objects = make_world()
    checked, violations = [], {}
    for role in ROLES:
        page = browser.new_context().new_page()
        if users[role]:
            sign_in(users[role], on=page)
        for entry, (_, expected) in GET_TABLE.items():
            name = entry.split(" (")[0]
            if expected[role] != 200 or any(part in name for part in NOT_PAGES):
                continue
            response = page.goto(live_server.url + url_for(entry, objects))
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
            checked.append((role, entry))
            if results.violations_count:
                violations[(role, entry)] = results.generate_report()
        page.context.close()
    print(f"axe checked {len(checked)} pages as {len(ROLES)} roles")
    assert len(checked) > 60, checked
    assert violations == {}
