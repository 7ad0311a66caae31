"""A lead sees the theme they suggested, and what a moderator made of it, wherever they look at their entry."""

import pytest
from django.urls import reverse

from reference.models import Theme
from submissions import services
from submissions.models import ThemeSuggestion
from tests import factories
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_lead(client, lead_a):
    client.force_login(lead_a)
    return client


def pages(client, practice):
    return {
        name: client.get(reverse(name, args=[practice.pk])).content.decode()
        for name in ["practice_edit", "submission_detail", "practice_check"]
    }


def test_a_waiting_suggestion_is_shown_on_the_form_the_entry_and_check_your_answers(signed_in_lead, lead_a):
    practice = PracticeFactory()
    ThemeSuggestion.objects.create(practice=practice, name="Housing", suggested_by=lead_a)
    form, entry, check = pages(signed_in_lead, practice).values()
    assert 'name="suggested_theme" value="Housing"' in form
    assert "Your suggestion is waiting for a moderator." in form
    assert "Housing (waiting for a moderator)" in entry
    assert "Housing (waiting for a moderator)" in check


def test_a_decided_suggestion_says_what_the_moderator_did(signed_in_lead, lead_a):
    practice = PracticeFactory()
    added = ThemeSuggestion.objects.create(practice=practice, name="Housing", suggested_by=lead_a)
    matched = ThemeSuggestion.objects.create(practice=practice, name="Exclusion", suggested_by=lead_a)
    moderator = factories.moderator()
    services.decide_theme_suggestion(suggestion=added, by=moderator)
    services.decide_theme_suggestion(
        suggestion=matched, by=moderator, theme=Theme.objects.get(slug="school-exclusions")
    )
    form, entry, _ = pages(signed_in_lead, practice).values()
    assert "Housing (added as a new theme)" in entry
    assert "Exclusion (not added: matched to the existing theme ‘School exclusions’)" in entry
    assert "‘Housing’: added as a new theme" in form
    assert 'name="suggested_theme" value=' not in form


def test_a_suggested_name_is_shown_as_text(signed_in_lead, lead_a):
    practice = PracticeFactory()
    suggestion = ThemeSuggestion.objects.create(practice=practice, name="<b>Housing</b>", suggested_by=lead_a)
    services.decide_theme_suggestion(suggestion=suggestion, by=factories.moderator())
    for page in pages(signed_in_lead, practice).values():
        assert "<b>Housing</b>" not in page
