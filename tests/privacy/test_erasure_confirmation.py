"""Erasure that cannot be done by accident: a page says what will change before anything does, entries show
‘a former contact’ unless the admin says the person worked for the entry's council, and mentions by surname or
initial and surname are listed to check rather than reported as "not found"."""

import pytest
from django.urls import reverse

from privacy import erasure, finding
from privacy.models import Erasure
from submissions.models import Contact, Event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(factories.admin(email="admin@example.org"))
    return client


@pytest.fixture
def officer():
    """A police officer named as the contact on Redbridge's entry, and mentioned by surname in comments."""
    practice = factories.PracticeFactory(
        local_authority=factories.authority("Redbridge"), title="Stop and search panel"
    )
    practice.contacts.all().delete()  # the factory's own
    Contact.objects.create(practice=practice, name="Sam Whitfield", role="Detective Inspector", email="sw@met.example")
    for comment in ["Ask Whitfield about the panel's data", "S. Whitfield sent the terms of reference"]:
        Event.objects.create(practice=practice, action=Event.Action.CHANGES_REQUESTED, comment=comment)
    return practice


def test_the_erase_button_leads_to_a_page_that_lists_what_will_change_and_erases_nothing(admin_client, officer):
    page = admin_client.post(reverse("person_erase"), {"q": "Sam Whitfield", "instead": "former"})

    assert page.status_code == 200
    assert "Are you sure you want to erase ‘Sam Whitfield’?" in page.text
    assert "<li>Sam Whitfield on ‘Stop and search panel’ (draft)</li>" in page.text
    assert "‘a former contact’" in page.text
    assert 'name="confirm" value="1"' in page.text and "Yes, erase them" in page.text
    assert officer.contacts.get().name == "Sam Whitfield"
    assert not Erasure.objects.exists()


def test_confirming_erases_with_plain_wording_by_default(admin_client, officer):
    admin_client.post(reverse("person_erase"), {"q": "Sam Whitfield", "instead": "former", "confirm": "1"})

    assert list(officer.contacts.values_list("name", "email")) == [("a former contact", "")]
    assert Erasure.objects.get().mode == Erasure.Mode.REPLACED


def test_the_council_is_named_only_when_the_admin_says_they_worked_for_it(admin_client, officer):
    answers = {"q": "sw@met.example", "instead": "at_council", "confirm": "1"}
    admin_client.post(reverse("person_erase"), answers)

    assert officer.contacts.get().name == "a former contact at Redbridge"
    assert Erasure.objects.get().mode == Erasure.Mode.AT_COUNCIL


def test_a_description_of_their_own_organisation_is_used_as_written(admin_client, officer):
    answers = {"q": "Sam Whitfield", "instead": "former", "replacement": "a former officer at the Met", "confirm": "1"}
    admin_client.post(reverse("person_erase"), answers)

    assert officer.contacts.get().name == "a former officer at the Met"


def test_without_a_choice_nothing_is_erased_and_the_page_says_what_to_do(admin_client, officer):
    response = admin_client.post(reverse("person_erase"), {"q": "Sam Whitfield", "confirm": "1"}, follow=True)

    assert "Select what entries should show instead of them" in response.text
    assert officer.contacts.get().name == "Sam Whitfield"


def test_mentions_by_surname_or_initial_are_listed_as_possible_not_reported_as_nowhere(admin_client, officer):
    page = admin_client.get(reverse("person"), {"q": "Sam Whitfield"})

    assert "Possible mentions to check" in page.text
    assert "Ask Whitfield about the panel" in page.text
    assert "S. Whitfield sent the terms of reference" in page.text
    not_found = page.text.split("Nothing in: ")[1].split("</p>")[0]
    assert "Entries' audit trail comments" not in not_found
    assert "Emails in the outbox" in not_found


def test_possible_mentions_are_left_as_they_are_by_the_erasure(officer):
    erasure.erase_person(term="Sam Whitfield", by=None)

    assert sorted(Event.objects.values_list("comment", flat=True)) == [
        "Ask Whitfield about the panel's data",
        "S. Whitfield sent the terms of reference",
    ]


def test_partial_forms_are_the_surname_and_initial_with_surname_never_an_email():
    person = finding.Person(
        term="Sam Whitfield", identifiers=["Sam Whitfield", "sw@met.example"], contacts=[], users=[]
    )
    assert finding.partial_forms(person) == ["S. Whitfield", "S Whitfield", "S.Whitfield", "Whitfield"]


def test_a_surname_inside_another_word_is_not_a_possible_mention(officer):
    Event.objects.create(practice=officer, action=Event.Action.CHANGES_REQUESTED, comment="Whitfields' report")
    places = {place.label: place.found for place in finding.possible_mentions(finding.identify("Sam Whitfield"))}
    assert all("Whitfields'" not in item for item in places["Entries' audit trail comments"])


def test_a_surname_alone_lists_the_contacts_called_it_as_possible_mentions_not_an_all_clear(admin_client, officer):
    page = admin_client.get(reverse("person"), {"q": "Whitfield"})

    possible = page.text.split("Possible mentions to check")[1]
    assert "Sam Whitfield on ‘Stop and search panel’ (draft)" in possible
    assert "Contacts on entries and changes in progress" not in page.text.split("Nothing in: ")[1].split("</p>")[0]


def test_a_short_surname_can_be_searched_alone(admin_client):
    practice = factories.PracticeFactory(local_authority=factories.authority("Hackney"), title="Young Black Men")
    Contact.objects.create(practice=practice, name="Sonia Khan")
    page = admin_client.get(reverse("person"), {"q": "Khan"})
    assert "There is a problem" not in page.text
    assert "Sonia Khan on ‘Young Black Men’" in page.text.split("Possible mentions to check")[1]
