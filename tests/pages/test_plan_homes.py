"""A coordinator's home points to their plans, each plan's next meeting, the overdue actions and the calls they run;
a director's to their sub-region's plan and next meeting; anyone who owns actions sees how many wait."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plans import services
from plans.models import Action
from tests import factories
from tests.plans import world
from tests.plans.world import html_of, words_of

pytestmark = pytest.mark.django_db


def overdue_action(plan, user, days_late=3, what="Bring the data back"):
    action = world.owned_action(plan, user, what=what)
    action.due_on = timezone.localdate() - timedelta(days=days_late)
    action.save()
    return action


def overdue_in(plan):
    """Actions overdue in the plan as imported: the v.2 document's "in September" reads as 30 September 2020."""
    return Action.objects.filter(area__plan=plan).overdue(timezone.localdate()).count()


def test_a_coordinators_home_links_their_plan_its_next_meeting_and_the_overdue_actions(client):
    cora = world.coordinator("North Central London")
    plan = world.north_central()
    world.meeting(plan, days_ahead=30)
    soonest = world.meeting(plan, days_ahead=9)
    overdue_action(plan, cora)
    overdue_action(plan, cora, what="Share the terms of reference")
    client.force_login(cora)

    response = client.get(reverse("home"))

    page = html_of(response)
    assert (
        f'<h2>North Central London\'s plan</h2> <ul class="waiting-list"> <li><a href="{plan.get_absolute_url()}">'
        in page
    )
    meeting_url = reverse("plans:meeting_detail", args=[soonest.pk])
    assert f'next meeting <a href="{meeting_url}">{soonest.held_on:%A %-d %B %Y}</a>.' in page
    board = reverse("plans:board") + "?sub_region=north-central-london&due=overdue"
    expected = overdue_in(plan)
    assert expected == 3  # the two above and the document's own 1.1, due "in September" 2020
    assert f'<a href="{board}">{expected} overdue actions in North Central London</a>' in page


def test_a_coordinator_with_no_meeting_arranged_is_offered_to_record_one_and_without_a_plan_to_import_one(client):
    cora = world.coordinator("North Central London")
    world.with_role(cora, "East London", "coordinator")
    plan = world.north_central()
    Action.objects.filter(area__plan=plan).update(due_on=None)  # nothing overdue, not even the document's own
    client.force_login(cora)

    text = words_of(client.get(reverse("home")))

    assert f"{plan.title}: no meeting is arranged. Record a meeting of ‘{plan.title}’." in text
    assert "No action in North Central London's plans is overdue." in text
    assert "East London has no plan on the portal yet. Import a plan or start an empty plan." in text


def test_a_coordinator_sees_the_calls_they_run_and_not_another_sub_regions(client):
    cora = world.coordinator("East London")
    factories.lead("Redbridge")
    theirs = factories.call(["Redbridge", "Newham"], return_in_days=8, title="East London exclusions round")
    factories.call(["Newham"], opened=False, return_in_days=20, title="East London SEND round")
    factories.call(["Camden"], return_in_days=8, title="North Central London round")
    factories.call(["Newham"], return_in_days=-2, title="Closed round")
    client.force_login(cora)

    response = client.get(reverse("home"))

    text = words_of(response)
    assert (
        f"Calls for practice you run East London exclusions round: returns by {theirs.return_by:%-d %B %Y}, "
        "2 local authorities yet to return." in text
    )
    assert "East London SEND round: not open yet" in text
    assert "North Central London round" not in text and "Closed round" not in text
    assert f'<a href="{reverse("call_returns", args=[theirs.pk])}">East London exclusions round</a>' in html_of(
        response
    )


def test_a_directors_home_shows_their_sub_regions_plan_and_their_actions(client):
    dami = world.director("North Central London")
    plan = world.north_central()
    as_directors = Action.objects.filter(area__plan=plan, owners__kind="directors", due_on=None).open().count()
    meeting = world.meeting(plan, days_ahead=5)
    overdue_action(plan, dami)
    world.owned_action(plan, dami, due_in_days=4, what="Due soon")
    world.owned_action(plan, dami, due_in_days=60, what="Due later")
    client.force_login(dami)

    response = client.get(reverse("home"))

    text = words_of(response)
    assert f"North Central London's plan {plan.title}: next meeting {meeting.held_on:%A %-d %B %Y}." in text
    mine = as_directors + 3
    assert f"Your actions {mine} open actions in the plans: 1 overdue, 1 due in the next two weeks." in text
    assert "Record a meeting" not in text and "Calls for practice you run" not in text
    assert f'<a href="{reverse("plans:my_actions")}">{mine} open actions' in html_of(response)


def test_people_without_a_plan_role_or_actions_see_none_of_it(client):
    world.north_central()
    client.force_login(factories.lead("Camden"))
    text = words_of(client.get(reverse("home")))
    assert "North Central London's plan" not in text and "Your actions" not in text


def test_a_coordinators_home_takes_no_more_queries_for_three_plans_than_for_one(client, django_assert_max_num_queries):
    cora = world.coordinator("North Central London")
    client.force_login(cora)
    factories.call(["Camden"], return_in_days=8)

    def plan_with_meeting_and_late_action():
        plan = world.north_central()
        world.meeting(plan, days_ahead=7)
        overdue_action(plan, cora)
        services.record_meeting(plan=plan, by=None, held_on=timezone.localdate() + timedelta(days=40))

    plan_with_meeting_and_late_action()
    with django_assert_max_num_queries(100) as few:
        client.get(reverse("home"))
    plan_with_meeting_and_late_action()
    plan_with_meeting_and_late_action()
    with django_assert_max_num_queries(len(few)):
        text = words_of(client.get(reverse("home")))
    overdue = Action.objects.filter(area__plan__sub_region__name="North Central London").overdue(timezone.localdate())
    assert "North Central London's plans" in text and f"{overdue.count()} overdue actions in North Central" in text
