"""Reminders through the outbox: a week before an action is due, a weekly overdue list, before each meeting; once."""

import io
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from plans.models import Action, ReminderSetting
from tests import factories
from tests.plans import world

pytestmark = pytest.mark.django_db


def run_twice(django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_plan_reminders", stdout=io.StringIO())


@pytest.fixture
def ncl():
    return world.north_central()


def test_an_owner_is_reminded_once_a_week_before_an_action_is_due(ncl, django_capture_on_commit_callbacks):
    director = world.director(email="dami@example.org")
    action = world.owned_action(ncl, director, due_in_days=7, what="Share the terms of reference")
    run_twice(django_capture_on_commit_callbacks)
    [email] = mail.outbox
    assert email.to == ["dami@example.org"]
    assert email.subject == f"Due {action.due_text}: Share the terms of reference"
    assert "Share the terms of reference" in email.body and f"/plans/actions/{action.pk}/" in email.body
    assert email.extra_headers["List-Unsubscribe"].startswith("<http")
    assert OutgoingEmail.objects.filter(sent_at__isnull=False).count() == 1


def test_owners_by_group_get_the_reminder_too(ncl, django_capture_on_commit_callbacks):
    directors = [world.director(email=f"d{n}@example.org") for n in range(2)]
    world.director("East London", email="other@example.org")
    competence = ncl.areas.get(number=3).actions.get()  # owned by "All North Central London DCSs"
    Action.objects.filter(pk=competence.pk).update(due_on=timezone.localdate() + timedelta(days=2))
    run_twice(django_capture_on_commit_callbacks)
    assert sorted(email.to[0] for email in mail.outbox) == [user.email for user in directors]


def test_an_owner_gets_one_list_of_their_overdue_actions_a_week(ncl, django_capture_on_commit_callbacks):
    owner = world.director(email="dami@example.org")
    for days in (3, 10):
        world.owned_action(ncl, owner, due_in_days=-days, what=f"Late by {days} days")
    world.owned_action(ncl, factories.UserFactory(email="someone@example.org"), due_in_days=-1, what="Not theirs")
    run_twice(django_capture_on_commit_callbacks)
    [email] = [email for email in mail.outbox if email.to == ["dami@example.org"]]
    assert email.subject == "2 overdue actions in the sub-regional plans"
    assert email.body.index("Late by 10 days") < email.body.index("Late by 3 days") and "Not theirs" not in email.body


def test_a_coordinator_gets_the_overdue_list_before_each_meeting_once(ncl, django_capture_on_commit_callbacks):
    coordinator = world.coordinator(email="cora@example.org")
    world.coordinator("East London", email="elle@example.org")
    world.owned_action(ncl, factories.UserFactory(), due_in_days=-5, what="Late action")
    meeting = world.meeting(ncl, days_ahead=3)
    run_twice(django_capture_on_commit_callbacks)
    [email] = [email for email in mail.outbox if email.to == [coordinator.email]]
    # and 1.1, due "in September" as the v.2 document says: 30 September 2020
    assert email.subject == f"Before the {meeting}: 2 overdue actions"
    assert "Late action" in email.body and "Commission LIIA data analysis" in email.body
    assert f"/plans/meetings/{meeting.pk}/" in email.body


def test_done_actions_and_unsubscribed_owners_get_nothing(client, ncl, django_capture_on_commit_callbacks):
    owner = world.director(email="dami@example.org")
    done = world.owned_action(ncl, owner, due_in_days=2, what="Finished")
    Action.objects.filter(pk=done.pk).update(status="done")
    world.owned_action(ncl, owner, due_in_days=-2, what="Late")
    run_twice(django_capture_on_commit_callbacks)
    [overdue] = mail.outbox
    unsubscribe = urlsplit(overdue.extra_headers["List-Unsubscribe"].strip("<>")).path
    assert "Stop the reminder emails" in client.get(unsubscribe).content.decode()
    assert "You will not get plan reminders" in client.post(unsubscribe).content.decode()
    world.owned_action(ncl, owner, due_in_days=4, what="New one")
    mail.outbox.clear()
    run_twice(django_capture_on_commit_callbacks)
    assert mail.outbox == []


@pytest.mark.parametrize("token", ["abc", "x" * 300, "%00"])
def test_an_unsubscribe_link_no_reminder_held_is_not_valid_and_changes_nothing(client, token):
    setting = ReminderSetting.objects.create(user=world.director())
    url = reverse("plans:reminders_unsubscribe", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert "This link is not valid" in response.text and "You will not get plan reminders" not in response.text
    setting.refresh_from_db()
    assert setting.unsubscribed_at is None


def test_a_used_unsubscribe_link_says_the_reminders_are_off(client):
    setting = ReminderSetting.objects.create(user=world.director())
    url = reverse("plans:reminders_unsubscribe", args=[setting.token])
    assert "Stop the reminder emails" in client.get(url).text
    assert "You will not get plan reminders" in client.post(url).text
    assert "This link has been used already" in client.get(url).text
    assert ReminderSetting.objects.get().unsubscribed_at is not None


def test_a_long_action_makes_a_short_subject_and_is_cut_at_a_word_in_the_body(ncl, django_capture_on_commit_callbacks):
    director = world.director(email="dami@example.org")
    what = "Share the terms of reference " + "with every youth offending service in the sub-region " * 20
    world.owned_action(ncl, director, due_in_days=7, what=what.strip())
    run_twice(django_capture_on_commit_callbacks)
    [email] = mail.outbox
    subject = email.subject.split(": ", 1)[1]
    assert len(subject) <= 80 and subject.endswith("…") and what.startswith(subject[:-1] + " ")
    [body_line] = [line for line in email.body.splitlines() if line.startswith("Share the terms")]
    assert body_line.endswith("…") and what.startswith(body_line[:-1] + " ")
