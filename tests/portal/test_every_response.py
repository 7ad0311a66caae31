"""
What the middleware does on every response, it does once per process where it can, and not at all for a response
that does not need it: the policy header is built once, and a response that shows no page (a feed, a download)
loads no user, no session and no messages.
"""

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
