"""Due dates and meeting dates within the plans' years (from 2020, when they began, to a few years ahead), and an
action due either by a date or by a meeting, not both."""

import html
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plans import importer
from plans.models import Action
from tests.plans import world
from tests.plans.test_meetings_and_pack import meeting_form
from tests.plans.test_plan_pages import edit_form

pytestmark = pytest.mark.django_db


def typed(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.mark.parametrize(
    ("due", "message"),
    [
        (date(1900, 1, 1), "The due date must be the same as or after 1 January 2020"),
        (date(2999, 1, 1), "The due date must be the same as or before "),
    ],
)
def test_an_action_due_long_ago_or_far_ahead_is_refused(client, due, message):
    action = world.first_action(world.north_central())
    client.force_login(world.coordinator())
    response = client.post(reverse("plans:action_edit", args=[action.pk]), edit_form(action, **typed("due_on", due)))
    assert response.status_code == 200 and message in response.text
    assert Action.objects.get(pk=action.pk).due_on == action.due_on  # as imported ("in September"): unchanged


def test_a_due_date_and_a_meeting_it_is_due_by_together_are_refused(client):
    action = world.first_action(world.north_central())
    client.force_login(world.coordinator())
    due = typed("due_on", timezone.localdate() + timedelta(days=30))
    response = client.post(
        reverse("plans:action_edit", args=[action.pk]), edit_form(action, due_by_meeting="September", **due)
    )
    assert "Give a due date or the meeting it is due by, not both" in response.text
    unchanged = (action.due_on, action.due_by_meeting)
    action.refresh_from_db()
    assert (action.due_on, action.due_by_meeting) == unchanged


def test_a_due_date_within_the_years_is_saved(client):
    action = world.first_action(world.north_central())
    client.force_login(world.coordinator())
    due = timezone.localdate() + timedelta(days=365 * 9)
    response = client.post(reverse("plans:action_edit", args=[action.pk]), edit_form(action, **typed("due_on", due)))
    assert response.status_code == 302 and Action.objects.get(pk=action.pk).due_on == due


@pytest.mark.parametrize(
    ("held", "message"),
    [
        (date(1900, 1, 1), "The meeting's date must be the same as or after 1 January 2020"),
        (date(2999, 1, 1), "The meeting's date must be the same as or before "),
    ],
)
def test_a_meeting_long_ago_or_far_ahead_is_refused(client, held, message):
    plan = world.north_central()
    client.force_login(world.coordinator())
    response = client.post(reverse("plans:meeting_create", args=[plan.pk]), typed("held_on", held))
    assert response.status_code == 200 and message in html.unescape(response.text)
    assert not plan.meetings.exists()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("01/01/1900", "Line 7: ‘01/01/1900’ is before 1 January 2000"),
        ("01/01/2999", "Line 7: ‘01/01/2999’ is after today"),
    ],
)
def test_an_imported_update_dated_long_ago_or_in_the_future_is_refused(written, message):
    text = f"Our plan\n\n1. Data\n\nAction: Share the data\n\n{written}: shared\n"
    parsed = importer.parse("plan.txt", text.encode())
    assert any(error.startswith(message) for error in parsed.errors), parsed.errors


def test_an_imported_update_dated_today_is_read():
    today = timezone.localdate()
    text = f"Our plan\n\n1. Data\n\nAction: Share the data\n\n{today:%d/%m/%Y}: shared\n"
    parsed = importer.parse("plan.txt", text.encode())
    assert parsed.errors == [] and parsed.areas[0].actions[0].updates == [[today, "shared"]]


def test_updates_cannot_be_saved_for_a_meeting_that_has_not_happened_yet(client):
    plan = world.north_central()
    meeting = world.meeting(plan, days_ahead=7)
    action = Action.objects.filter(area__plan=plan).open().first()
    client.force_login(world.coordinator())
    data = meeting_form(meeting, {action: ("Agreed", action.status)})
    page = html.unescape(client.post(meeting.get_absolute_url(), data).content.decode())
    assert f"The meeting is on {meeting.held_on:%-d %B %Y}: its updates can be saved from that day" in page
    assert "Agreed" in page and not meeting.updates.exists()
