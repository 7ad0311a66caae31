"""The privacy notice and cookies page say what the portal really does, and every page links to them."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape

from privacy.notice import cookies
from tests.conftest import quick_settings
from tests.portal.test_url_access import GET_TABLE, POST_TABLE, ROLES, make_world, url_for

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_names_the_controller_and_lawful_basis_set_for_this_portal(client, settings):
    settings.PORTAL_PRIVACY_CONTROLLER = "Hackney Council"
    settings.PORTAL_PRIVACY_CONTACT_EMAIL = "dpo@hackney.example"
    settings.PORTAL_LAWFUL_BASIS = "public task (a test basis)"
    page = client.get(reverse("privacy"))
    assert "The data controller is Hackney Council." in page.text
    assert 'href="mailto:dpo@hackney.example"' in page.text
    assert "Our lawful basis for processing it is public task (a test basis)." in page.text


def test_the_privacy_notice_quotes_the_retention_periods_that_apply_retention_uses(client, settings):
    settings.PORTAL_RETENTION_DAYS = {**settings.PORTAL_RETENTION_DAYS, "sign_in_logs": 45, "closed_entries": 730}
    page = client.get(reverse("privacy"))
    assert "<td>The sign-in log (email address, IP address, browser)</td><td>45 days</td>" in page.text
    assert "<td>2 years after they were last changed</td>" in page.text


def test_the_cookies_page_lists_each_cookie_with_its_purpose_and_lifetime(client):
    page = client.get(reverse("cookies"))
    assert [cookie.name for cookie in cookies()] == ["sessionid", "csrftoken", "messages"]
    for cookie in cookies():
        assert (
            f"<td><code>{cookie.name}</code></td><td>{escape(cookie.purpose)}</td><td>{escape(cookie.expires)}</td>"
            in page.text
        )
    assert "8 hours, or when you sign out" in page.text


def responses_for_every_page(client, role, users, objects):
    """Each role's answers from every page of the URL-access table, and from every form it can send."""
    if users[role]:
        client.post(reverse("login"), {"username": users[role].email, "password": "a-long-test-password"})
    for entry in GET_TABLE:
        yield entry, client.get(url_for(entry, objects))
    for entry, (_, data, _) in POST_TABLE.items():
        yield entry, client.post(url_for(entry, objects, POST_TABLE), data)


@pytest.fixture(scope="module", params=ROLES)
def walk(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """One walk of every page and form as a role, after a failed sign-in, shared by the two tests below:
    (role, the client afterwards, [(entry, response)]). Its data is rolled back when the walk ends."""
    role, client = request.param, Client()
    quick = override_settings(**quick_settings(tmp_path_factory.mktemp("walk")))
    with quick, django_db_blocker.unblock(), transaction.atomic():
        users, objects = make_world()
        client.post(reverse("login"), {"username": "nobody@example.org", "password": "wrong"})
        responses = list(responses_for_every_page(client, role, users, objects))
        transaction.set_rollback(True)
    cache.clear()  # what the walk cached belongs to the rolled-back data
    return role, client, responses


def test_no_page_sets_a_cookie_that_the_cookies_page_does_not_list(walk):
    role, client, responses = walk
    listed = {cookie.name for cookie in cookies()}
    set_by = {}
    for entry, response in responses:
        for name in response.cookies:
            set_by.setdefault(name, entry)
    assert set(set_by) <= listed, f"unlisted cookies: { {n: e for n, e in set_by.items() if n not in listed} }"
    if role != "anonymous":
        assert "sessionid" in client.cookies  # the walk did sign in, so cookies were really set


def test_every_page_links_to_the_privacy_notice_and_cookies_page_in_its_footer(walk):
    _, _, responses = walk
    checked = []
    for entry, response in responses:
        # The embedded list is shown inside the LIIA website's page, under that site's own footer.
        page = response.status_code == 200 and response["Content-Type"].startswith("text/html")
        if page and "admin" not in entry and entry != "embed_practice":
            footer = response.text.partition('<footer class="site-footer">')[2]
            assert f'href="{reverse("privacy")}"' in footer and f'href="{reverse("cookies")}"' in footer, entry
            checked.append(entry)
    assert {"home", "privacy", "cookies", "practice_detail"} <= set(checked)


def test_without_a_contact_address_the_notice_still_reads_as_a_sentence(client, settings):
    settings.PORTAL_PRIVACY_CONTACT_EMAIL = ""
    page = " ".join(client.get(reverse("privacy")).content.decode().split())
    assert "(LIIA). Contact the London Innovation and Improvement Alliance (LIIA) with any question" in page
