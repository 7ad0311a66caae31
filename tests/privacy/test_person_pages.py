"""The admins' page for a person's data: find them, see where they are held, erase them."""

import pytest
from django.urls import reverse

from accounts.models import DeletionRequest
from privacy.models import Erasure
from tests import factories
from tests.planted import EMAIL, NAME, plant_everywhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(factories.admin(email="admin@example.org"))
    return client


def test_an_admin_finds_a_person_and_sees_each_place_they_are_held(admin_client, django_capture_on_commit_callbacks):
    plant_everywhere(django_capture_on_commit_callbacks)
    page = admin_client.get(reverse("person"), {"q": EMAIL})
    assert '<h2 class="mt-4">Where ‘d.achterberg@hackney.example’ is held</h2>' in page.text
    assert '<h3 class="h5">Contacts on entries and changes in progress (2)</h3>' in page.text
    assert f"<li>{NAME} on ‘Youth panels’ (draft)</li>" in page.text
    assert "Continue" in page.text and "Download everything held about them (zip)" in page.text


def test_erasing_from_the_page_replaces_them_with_the_description_given(
    admin_client, django_capture_on_commit_callbacks
):
    planted = plant_everywhere(django_capture_on_commit_callbacks)
    answers = {"q": EMAIL, "instead": "former", "replacement": "a former youth worker"}
    confirming = admin_client.post(reverse("person_erase"), answers)
    assert "Are you sure you want to erase ‘d.achterberg@hackney.example’?" in confirming.text
    assert list(planted["live"].contacts.values_list("name", flat=True)) == [NAME]  # nothing erased yet
    response = admin_client.post(reverse("person_erase"), answers | {"confirm": "1"})
    assert response.status_code == 302
    assert list(planted["live"].contacts.values_list("name", flat=True)) == ["a former youth worker"]
    page = admin_client.get(response["Location"])
    assert "The erasure is recorded in the audit trail." in page.text
    assert Erasure.objects.get().by.email == "admin@example.org"


def test_a_name_found_nowhere_is_said_so_and_nothing_is_erased(admin_client):
    page = admin_client.get(reverse("person"), {"q": "Nobody Here"})
    assert "Nothing on the portal matches ‘Nobody Here’ exactly." in page.text
    answers = {"q": "Nobody Here", "instead": "former", "confirm": "1"}
    response = admin_client.post(reverse("person_erase"), answers, follow=True)
    assert "Nothing was found for that name or email address, so nothing was erased." in response.text
    assert not Erasure.objects.exists()


@pytest.mark.parametrize("q", ["ab", "x" * 300, "a\x00b"])
def test_a_search_too_short_or_too_long_says_what_to_enter(admin_client, q):
    page = admin_client.get(reverse("person"), {"q": q})
    assert page.status_code == 200 and "There is a problem" in page.text


def test_requests_to_be_deleted_wait_on_the_page_with_a_link_to_find_the_person(admin_client):
    lead = factories.lead("Hackney", email="leaving@example.org", first_name="Ade", last_name="Bello")
    DeletionRequest.objects.create(user=lead, reason="I have left")
    page = admin_client.get(reverse("person"))
    assert '<a href="/people/?q=leaving%40example.org">Ade Bello</a> asked on' in page.text
