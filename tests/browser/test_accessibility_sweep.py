"""
Every page of the portal, as each kind of user sees it, checked by axe-core for WCAG 2.2 A and
AA: the URL table of tests/portal/test_url_access.py walked in Chromium, one signed-in browser per role.
Files, feeds, JSON and the Django admin's own pages are left out; POST-only URLs have no page.
"""

import pytest

from tests.browser.conftest import WCAG_22_AA

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["anonymous", "lead_a", "dcs", "moderator"]


def test_every_page_as_every_role_has_no_axe_violations(portal_pages, axe):
    checked, violations = [], {}
    for role, entry, page, url in portal_pages(ROLES):
        response = page.goto(url)
        if response.status != 200:  # the table says each role may open it: an error page is no page to check
            violations[(role, entry)] = f"answered {response.status}"
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        checked.append((role, entry))
        if results.violations_count:
            violations[(role, entry)] = results.generate_report()
    print(f"axe checked {len(checked)} pages as {len(ROLES)} roles")
    assert len(checked) > 60, checked
    assert violations == {}
