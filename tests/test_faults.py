"""Faults: the database going away gives a friendly 503 and the portal recovers by itself when it is back."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_a_lost_database_gives_a_friendly_503_then_the_portal_recovers(monkeypatch):
    PracticeFactory(status="published", title="Mentoring")
    browser = Client(raise_request_exception=False)

    def unreachable(*args, **kwargs):
        raise OperationalError('connection to server at "db", port 5432 failed: Connection refused')

    with monkeypatch.context() as down:
        down.setattr(connection, "cursor", unreachable)
        response = browser.get(reverse("practice_list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert "Traceback" not in page and "Connection refused" not in page

    assert "Mentoring" in browser.get(reverse("practice_list")).content.decode()  # back by itself


def test_other_errors_are_a_plain_500_with_no_details(monkeypatch):
    browser = Client(raise_request_exception=False)
    monkeypatch.setattr("submissions.views.search.run", lambda *args, **kwargs: 1 / 0)
    response = browser.get(reverse("home"))
    assert response.status_code == 500
    assert "ZeroDivisionError" not in response.content.decode()
    assert "Sorry, there is a problem with the service" in response.content.decode()
