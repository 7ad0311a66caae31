"""Deleting an area asks first, saying how many actions and updates go with it; the other areas keep their numbers."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from plans import removals, services
from plans.models import Action, ActionResource, Area, Plan, PlanEvent
from tests.conftest import PDF_BYTES
from tests.plans import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def ncl():
    return world.north_central()


def test_deleting_an_area_asks_first_saying_what_goes_with_it(client, ncl):
    client.force_login(world.coordinator())
    area = ncl.areas.get(number=5)
    expected = f"with its {area.actions.count()} action, "
    page = world.words_of(client.get(reverse("plans:area_delete", args=[ncl.pk, 5])))
    assert "Are you sure you want to delete area 5?" in page and expected in page
    assert "The other areas keep their numbers" in page and "Cancel" in page
    assert Area.objects.filter(pk=area.pk).exists()


def test_the_delete_page_speaks_of_stored_files_only_when_the_area_has_some(client, ncl):
    client.force_login(world.coordinator())
    page = world.words_of(client.get(reverse("plans:area_delete", args=[ncl.pk, 3])))
    assert "file" not in page.split("This cannot be undone")[0]
    stored = default_storage.save("resources/terms.pdf", ContentFile(PDF_BYTES))
    action = ncl.areas.get(number=3).actions.get()
    ActionResource.objects.create(action=action, title="Terms", file=stored, content_type="application/pdf", size=9)
    page = world.words_of(client.get(reverse("plans:area_delete", args=[ncl.pk, 3])))
    assert "Its 1 uploaded file is deleted from storage too." in page


def test_a_deleted_area_goes_with_its_actions_and_files_and_the_others_keep_their_numbers(
    client, ncl, django_capture_on_commit_callbacks
):
    person = world.coordinator()
    client.force_login(person)
    action, version = ncl.areas.get(number=3).actions.get(), ncl.version
    stored = default_storage.save("resources/terms.pdf", ContentFile(PDF_BYTES))
    ActionResource.objects.create(action=action, title="Terms", file=stored, content_type="application/pdf", size=9)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:area_delete", args=[ncl.pk, 3]))
    assert response.status_code == 302 and response.url == ncl.get_absolute_url()
    assert list(ncl.areas.values_list("number", flat=True)) == [1, 2, 4, 5]
    assert not Action.objects.filter(pk=action.pk).exists() and not default_storage.exists(stored)
    event = PlanEvent.objects.filter(plan=ncl).first()
    assert event.actor == person and event.description.startswith(
        "Area 3 deleted with 1 action, 1 update and 1 document or link"
    )
    assert Plan.objects.get(pk=ncl.pk).version > version


def test_a_director_cannot_delete_an_area_nor_another_sub_region_see_it(client, ncl):
    client.force_login(world.director())
    assert client.post(reverse("plans:area_delete", args=[ncl.pk, 3])).status_code == 403
    client.force_login(world.coordinator("East London"))
    assert client.post(reverse("plans:area_delete", args=[ncl.pk, 3])).status_code == 404
    client.force_login(world.coordinator())
    assert client.post(reverse("plans:area_delete", args=[ncl.pk, 99])).status_code == 404
    assert ncl.areas.count() == 5


def test_a_new_area_never_takes_the_number_of_a_deleted_one(ncl):
    removals.delete_area(area=ncl.areas.get(number=5), by=world.coordinator())
    area = services.add_area(plan=Plan.objects.get(pk=ncl.pk), by=None, title="Housing")
    assert area.number == 6  # minutes and versions that quote "area 5" mean the deleted one
