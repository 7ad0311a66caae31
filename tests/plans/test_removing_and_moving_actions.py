"""Deleting an action (asking first, saying what goes with it) and moving one to another area of its plan."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from plans import services
from plans.models import Action, ActionResource, Plan, PlanEvent, Update
from tests.conftest import PDF_BYTES
from tests.plans import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def ncl():
    return world.north_central()


def competence(plan):
    return plan.areas.get(number=3).actions.get()


def with_document(action):
    stored = default_storage.save("resources/terms.pdf", ContentFile(PDF_BYTES))
    ActionResource.objects.create(action=action, title="Terms", file=stored, content_type="application/pdf", size=9)
    return stored


def test_deleting_an_action_asks_first_saying_what_goes_with_it(client, ncl):
    client.force_login(world.coordinator())
    action = competence(ncl)
    services.add_update(action=action, by=None, seen_version=None, text="Agreed")  # with the one imported
    with_document(action)
    page = world.words_of(client.get(reverse("plans:action_delete", args=[action.pk])))
    assert "Are you sure you want to delete action 3.1?" in page
    assert "with its 2 updates and 1 document or link" in page and "Cancel" in page
    assert Action.objects.filter(pk=action.pk).exists()


def test_a_deleted_action_goes_with_its_updates_and_files_and_the_plan_audit_says_so(
    client, ncl, django_capture_on_commit_callbacks
):
    person = world.coordinator()
    client.force_login(person)
    action, version = competence(ncl), ncl.version
    services.add_update(action=action, by=None, seen_version=None, text="Agreed")
    stored = with_document(action)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:action_delete", args=[action.pk]))
    assert response.status_code == 302 and response.url == ncl.get_absolute_url()
    assert not Action.objects.filter(pk=action.pk).exists() and not Update.objects.filter(action_id=action.pk).exists()
    assert not default_storage.exists(stored)
    event = PlanEvent.objects.filter(plan=ncl).first()
    assert event.actor == person and event.description.startswith("Action 3.1 deleted with 2 updates and 1 document")
    assert Plan.objects.get(pk=ncl.pk).version > version


def test_a_director_cannot_delete_an_action_and_another_sub_region_sees_no_such_action(client, ncl):
    action = competence(ncl)
    client.force_login(world.director())
    assert client.post(reverse("plans:action_delete", args=[action.pk])).status_code == 403
    client.force_login(world.coordinator("East London"))
    assert client.post(reverse("plans:action_delete", args=[action.pk])).status_code == 404
    assert Action.objects.filter(pk=action.pk).exists()


def test_an_action_moved_to_another_area_goes_last_there_and_the_audit_says_so(client, ncl):
    client.force_login(world.coordinator())
    action, version = competence(ncl), ncl.version
    last = ncl.areas.get(number=5).actions.order_by("-position").first().position
    page = world.words_of(client.get(reverse("plans:action_move", args=[action.pk])))
    assert "Move action 3.1 to another area" in page and "5. " in page
    response = client.post(reverse("plans:action_move", args=[action.pk]), {"area": "5"})
    assert response.status_code == 302 and response.url == action.get_absolute_url()
    action.refresh_from_db()
    assert (action.area.number, action.position) == (5, last + 1)
    event = PlanEvent.objects.filter(plan=ncl).first()
    assert event.description.startswith(f"Action 3.1 moved to area 5 as 5.{last + 1}")
    assert Plan.objects.get(pk=ncl.pk).version > version


@pytest.mark.parametrize("area", ["", "3", "99", "٥", "5 ", "1" * 30])
def test_an_action_is_moved_only_to_another_area_of_its_own_plan(client, ncl, area):
    client.force_login(world.coordinator())
    action = competence(ncl)
    response = client.post(reverse("plans:action_move", args=[action.pk]), {"area": area})
    assert response.status_code == 200 and "There is a problem" in world.words_of(response)
    action.refresh_from_db()
    assert action.area.number == 3


def test_a_director_cannot_move_an_action(client, ncl):
    action = competence(ncl)
    client.force_login(world.director())
    assert client.post(reverse("plans:action_move", args=[action.pk]), {"area": "5"}).status_code == 403


def test_every_page_that_asks_before_deleting_offers_cancel(client, ncl):
    client.force_login(world.coordinator())
    meeting = services.record_meeting(plan=ncl, by=None, held_on=datetime.date(2026, 11, 18))
    for url in (reverse("plans:plan_delete", args=[ncl.pk]), reverse("plans:meeting_delete", args=[meeting.pk])):
        page = world.words_of(client.get(url))
        assert "Cancel" in page and "Keep it" not in page
