"""The template asks for an impact and a contact but requires neither: a return without them is complete."""

import pytest
from django.urls import reverse

from submissions import services
from submissions.models import Practice
from tests.factories import PracticeFactory, lead
from tests.submissions.test_importers import parse

pytestmark = pytest.mark.django_db


def without_impact_or_contact():
    practice = PracticeFactory(impact="")
    practice.contacts.all().delete()
    return practice


def test_an_entry_with_no_impact_and_no_contact_can_be_submitted():
    practice = without_impact_or_contact()

    services.submit_practice(practice=practice, by=lead("Hackney"))

    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED


def test_check_your_answers_offers_submit_and_says_where_enquiries_go_without_a_contact(client, settings):
    settings.PORTAL_ENQUIRIES_EMAIL = "practice@liia.example"
    practice = without_impact_or_contact()
    client.force_login(lead("Hackney"))

    page = client.get(reverse("practice_check", args=[practice.pk])).content.decode()

    assert ">Submit</button>" in page
    assert "Describe the impact" not in page
    assert "No contact named: people who want to find out more are asked to write to practice@liia.example" in page


def test_the_form_says_impact_may_be_left_blank(client):
    client.force_login(lead("Hackney"))

    page = client.get(reverse("practice_create")).content.decode()

    assert "Impact (optional)" in page
    assert "Leave blank if it is too early to say." in page
    assert "If you name no one, people who want to find out more are asked to write to the alliance." in page


def test_a_return_with_no_impact_or_contact_is_not_asked_to_invent_them():
    parsed = parse("redbridge.txt")

    assert parsed.impact == ""
    assert "impact" not in parsed.warnings
    assert parsed.warnings["contacts"] == [
        "We found no contact. Add one if the proforma names someone; without one, people are asked to write to "
        "the alliance."
    ]
