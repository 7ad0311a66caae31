"""A moderator's home page says what waits for them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from submissions.models import ThemeSuggestion
from tests import factories
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client):
    client.force_login(factories.moderator())
    return client


def test_the_home_page_counts_submissions_suggestions_and_returns_due_this_week(moderator_client):
    oldest = PracticeFactory(status="submitted", submitted_at=timezone.now() - timedelta(days=9))
    PracticeFactory(status="submitted", submitted_at=timezone.now() - timedelta(days=2))
    ThemeSuggestion.objects.create(practice=oldest, name="Housing")
    factories.lead("Redbridge")
    due = factories.call(["Hackney", "Redbridge"], return_in_days=3, title="Exclusions round")
    factories.call(["Hackney"], return_in_days=20, title="Later round")

    page = moderator_client.get(reverse("home")).content.decode()

    assert "2 submissions waiting for review</a>: the oldest was submitted 9 days ago." in page
    assert "1 theme suggestion</a> to decide" in page
    assert (
        f'<a href="{reverse("call_returns", args=[due.pk])}">Exclusions round</a>, 2 local authorities yet to return.'
        in page
    )
    assert "Later round" not in page


def test_a_moderator_with_nothing_waiting_is_told_so(moderator_client):
    assert "Nothing is waiting" in moderator_client.get(reverse("home")).content.decode()


def test_other_people_do_not_see_the_moderators_figures(client):
    PracticeFactory(status="submitted", submitted_at=timezone.now())
    client.force_login(factories.dcs())
    assert "Waiting for you" not in client.get(reverse("home")).content.decode()
