"""
What the middleware does on every response, it does once per process where it can, and not at all for a response
that does not need it: the policy header is built once, and a response that shows no page (a feed, a download)
loads no user, no session and no messages.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from csp.utils import build_policy
from django.utils.functional import empty

from portal import middleware

pytestmark = pytest.mark.django_db


def test_the_content_security_policy_is_django_csps_own_built_once(client, monkeypatch):
    built = []
    monkeypatch.setattr(middleware, "build_policy", lambda **parts: built.append(parts) or build_policy(**parts))
    middleware._built.clear()

    policies = {client.get(path)["Content-Security-Policy"] for path in ("/", "/practice/", "/accessibility/")}

    assert policies == {build_policy()}
    assert len(built) == 1


def test_a_change_to_the_policy_in_the_settings_is_followed(client, settings):
    client.get("/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'"]}}
    policy = client.get("/")["Content-Security-Policy"]
    assert sorted(policy.split("; ")) == ["default-src 'self'", "img-src 'self'"]


def test_a_feed_loads_no_user_session_or_messages_and_does_not_vary_on_cookies(client):
    response = client.get("/feeds/practice/")

    assert response.status_code == 200
    assert response.wsgi_request.user._wrapped is empty
    assert response.wsgi_request._messages._wrapped is empty
    assert not response.wsgi_request.session.accessed
    assert "Cookie" not in response.get("Vary", "")
    assert "Permissions-Policy" in response and "Content-Security-Policy" in response


def test_the_portals_own_jobs_take_three_layers_of_the_middleware(settings):
    """Each layer costs every response a few microseconds, a hello-world's whole answer about fifty (issue 31): the
    health probes and the request log are one layer, the security headers one, messages and the account audit one."""
    ours = [path for path in settings.MIDDLEWARE if not path.startswith(("django.", "whitenoise.", "axes."))]
    assert ours == [
        "operations.middleware.OperationsMiddleware",
        "portal.middleware.SecurityHeadersMiddleware",
        "portal.middleware.MessagesAndAuditMiddleware",
    ]


def test_the_nonce_cannot_be_read_once_the_policy_is_written(client):
    from csp.exceptions import CSPNonceError

    for _ in range(2):
        request = client.get("/accessibility/").wsgi_request
        with pytest.raises(CSPNonceError):
            str(request.csp_nonce)


@pytest.mark.django_db(transaction=True)
def test_pages_are_served_under_asgi_as_under_wsgi():
    from asgiref.sync import async_to_sync
    from django.test import AsyncClient

    # In a thread of its own: a browser test's Playwright may have left an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        response = thread.submit(async_to_sync(AsyncClient().get), "/accessibility/").result()
    assert response.status_code == 200
    assert "camera=()" in response["Permissions-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert len(response["X-Request-ID"]) == 32
