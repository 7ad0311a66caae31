"""The Content-Security-Policy breaks nothing: no page, the Django admin's included, has a script or style refused."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/practice/?q=exclusion",
    "/submissions/new/",
    "/coverage/",
    "/admin/",
    "/admin/reference/theme/",
    "/admin/reference/theme/add/",
    "/admin/auth/user/add/",
]


def test_no_page_has_anything_refused_by_the_policy(page, live_server, sign_in):
    admin = factories.admin(email="ade@example.org", is_superuser=True)
    factories.Membership.objects.create(user=admin, local_authority=factories.authority("Hackney"))
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    sign_in(admin)
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "Content-Security-Policy" in {name.title() for name in response.headers}
    assert refused == []
    # The check itself works: an inline script is refused, and the refusal is seen.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.ran=1\">')")
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert len(refused) == 1
