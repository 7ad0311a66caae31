"""Deleting a plan (the account audit keeps who and when) and correcting or deleting a meeting (updates stay)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountEvent
from plans import services
from plans.models import Action, Plan, Update
from tests import factories
from tests.plans import world
from tests.plans.test_dates import typed

pytestmark = pytest.mark.django_db


@pytest.fixture
def ncl():
    return world.north_central()


def test_deleting_a_plan_asks_first_saying_what_goes_with_it(client, ncl):
    client.force_login(world.coordinator())
    world.meeting(ncl)
    page = world.html_of(client.get(reverse("plans:plan_delete", args=[ncl.pk])))
    assert "Are you sure you want to delete this plan?" in page
    assert "5 areas, 5 actions, 5 updates and 1 meeting" in page
    assert Plan.objects.filter(pk=ncl.pk).exists()


def test_a_deleted_plan_is_gone_and_the_account_audit_says_who_deleted_it(client, ncl):
    person = world.coordinator(first_name="Carla", last_name="Jones")
    client.force_login(person)
    response = client.post(reverse("plans:plan_delete", args=[ncl.pk]))
    assert response.status_code == 302 and not Plan.objects.exists() and not Action.objects.exists()
    event = AccountEvent.objects.get(description__startswith="Plan ‘")
    assert event.actor == person and "(North Central London) deleted with 5 areas" in event.description


def test_a_director_cannot_delete_the_plan(client, ncl):
    client.force_login(world.director())
    assert client.post(reverse("plans:plan_delete", args=[ncl.pk])).status_code == 403
    assert Plan.objects.exists()


def test_a_meeting_date_and_attendees_are_corrected_and_its_updates_move_with_it(client, ncl):
    client.force_login(world.coordinator())
    meeting = world.meeting(ncl)
    action = world.first_action(ncl)
    services.add_update(
        action=action, by=None, seen_version=None, text="Agreed", meeting=meeting, written_on=meeting.held_on
    )
    new_date = timezone.localdate() + timedelta(days=9)
    response = client.post(
        reverse("plans:meeting_edit", args=[meeting.pk]),
        {**typed("held_on", new_date), "other_attendees": "Ben\nAnne"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.held_on == new_date and meeting.other_attendees == "Ben\nAnne"
    assert Update.objects.get(text="Agreed").written_on == new_date


def test_a_meeting_dated_outside_the_plans_years_cannot_be_corrected_to_it(client, ncl):
    client.force_login(world.coordinator())
    meeting = world.meeting(ncl)
    page = world.html_of(
        client.post(
            reverse("plans:meeting_edit", args=[meeting.pk]),
            {"held_on_day": 1, "held_on_month": 1, "held_on_year": 2999},
        )
    )
    assert "There is a problem" in page and "The meeting's date must be the same as or before" in page
    meeting.refresh_from_db()
    assert meeting.held_on.year != 2999


def test_deleting_a_meeting_keeps_its_updates_which_say_so(client, ncl):
    client.force_login(world.coordinator())
    meeting = world.meeting(ncl)
    name = str(meeting)
    action = world.first_action(ncl)
    services.add_update(
        action=action, by=None, seen_version=None, text="Agreed", meeting=meeting, written_on=meeting.held_on
    )
    assert "The 1 update recorded at it stay" in world.html_of(
        client.get(reverse("plans:meeting_delete", args=[meeting.pk]))
    )
    response = client.post(reverse("plans:meeting_delete", args=[meeting.pk]))
    assert response.status_code == 302 and not ncl.meetings.exists()
    update = Update.objects.get(text="Agreed")
    assert update.meeting is None and update.former_meeting == name
    assert f"Recorded at the {name}, a meeting since deleted." in world.html_of(client.get(action.get_absolute_url()))


def test_my_actions_names_each_plan_beside_its_sub_region(client, ncl):
    second = world.north_central()
    director = world.director()
    for plan in (ncl, second):
        world.owned_action(plan, director, what="Bring the data back")
    client.force_login(director)
    page = world.html_of(client.get(reverse("plans:my_actions")))
    assert page.count("Bring the data back") == 2
    assert f"‘{ncl.title[:40]}" in page and "(North Central London), action 1.2" in page


def test_an_action_owned_twice_over_is_listed_once(client, ncl):
    director = world.director()
    action = world.owned_action(ncl, director, what="Share the research")
    services.edit_action(
        action=action,
        by=None,
        seen_version=None,
        owners=[
            services.OwnerChoice("person", user=director),
            services.OwnerChoice("directors", name="All North Central London DCSs"),
        ],
    )
    client.force_login(director)
    assert world.html_of(client.get(reverse("plans:my_actions"))).count("Share the research") == 1


def test_the_add_to_pack_button_names_the_plan_as_well_as_the_meeting(client, ncl):
    world.meeting(ncl)
    practice = factories.published("Mentoring", "Camden", "youth-justice")
    client.force_login(world.coordinator())
    page = world.html_of(client.get(reverse("practice_detail", args=[practice.pk])))
    assert "Add to the pack for the North Central London meeting, " in page and f"(‘{ncl.title[:40]}" in page
