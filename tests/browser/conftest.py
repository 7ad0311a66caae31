"""
Real-browser tests: Playwright driving Debian's Chromium against pytest-django's
live server. Without Chromium they skip with a message saying how to enable
them, except where PORTAL_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.path)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if CHROMIUM.exists():
        return
    if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"PORTAL_REQUIRE_BROWSER=1 but {CHROMIUM} is missing: apt-get install chromium")
    skip = pytest.mark.skip(reason=f"browser tests need {CHROMIUM}: run `apt-get install chromium` to enable them")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def _committed_reference_data(reference_data):
    """The live server sees only committed data: every browser test runs in real transactions."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def check_page(page, axe):
    """Screenshot the page (test-artifacts/screenshots/NAME.png) and assert axe finds no WCAG 2.2 A/AA violations."""

    def check(name, on=None):
        target = on or page
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
        results = axe.run(target, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        assert results.violations_count == 0, f"{name}: {results.generate_report()}"

    return check


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the form, on the test's page or another one (another person's browser)."""

    def sign_in_as(user, on=None, password="a-long-test-password"):
        target = on or page
        target.goto(f"{live_server.url}/accounts/login/")
        target.get_by_label("Email address").fill(user.email)
        target.get_by_label("Password").fill(password)
        target.get_by_role("button", name="Sign in").click()
        return target

    return sign_in_as


@pytest.fixture
def portal_pages(browser, live_server, sign_in):
    """Every page of the portal's URL access table that each role may open, in a browser signed in as
    that role: walk(roles) yields (role, table entry, page, URL) for the test to open and check."""
    from tests.portal.test_url_access import GET_TABLE, NOT_PAGES, make_world, url_for

    def walk(roles):
        users, objects = make_world()
        for role in roles:
            context = browser.new_context()
            page = context.new_page()
            if users[role]:
                sign_in(users[role], on=page)
            for entry, (_, expected) in GET_TABLE.items():
                if expected[role] == 200 and not any(part in entry for part in NOT_PAGES):
                    yield role, entry, page, live_server.url + url_for(entry, objects)
            context.close()

    return walk
