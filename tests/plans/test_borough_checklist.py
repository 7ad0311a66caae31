"""Actions each borough does ("each LA's lead", "DCSs to identify a point of contact in their LA"): a checklist of the
sub-region's boroughs on the action, ticked by the plan's editors or each borough for itself, and in the reminders."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plans import services
from plans.models import Action, Owner
from tests import factories
from tests.plans import world

pytestmark = pytest.mark.django_db

NCL_BOROUGHS = ["Barnet", "Camden", "Enfield", "Haringey", "Islington"]


@pytest.fixture
def ncl():
    return world.north_central()


def point_of_contact(plan):
    """Action 1.1 of North Central London's: "DCSs to identify a point of contact in their LA …", owned by Ben."""
    return Action.objects.get(area__plan=plan, what__contains="DCSs to identify a point of contact in their LA")


def leads_action(plan, due_in_days=3):
    return services.add_action(
        area=plan.areas.first(),
        by=None,
        what="Name a lead for the youth justice work",
        owners=[services.OwnerChoice(Owner.Kind.LEADS, name="Each North Central London local authority's lead")],
        due_on=timezone.localdate() + timedelta(days=due_in_days),
    )


def tick(client, action, borough, done="yes"):
    url = reverse("plans:borough_check", args=[action.pk, factories.authority(borough).pk])
    return client.post(url, {"done": done})


def test_the_checklist_counts_the_sub_regions_five_boroughs_with_their_leads(ncl):
    factories.lead("Camden", first_name="Carmel", last_name="Reid")
    rows = point_of_contact(ncl).borough_checklist()
    assert [la.name for la, *_ in rows] == NCL_BOROUGHS
    assert [(leads, done) for la, leads, done, _, _ in rows if la.name == "Camden"] == [(["Carmel Reid"], False)]
    assert world.first_action(world.east()).borough_checklist() == []  # "Ben to bring back …": nobody's borough


def test_an_action_owned_by_each_las_lead_has_the_checklist_on_its_page(client, ncl):
    client.force_login(world.director())
    page = world.words_of(client.get(leads_action(ncl).get_absolute_url()))
    assert "None of the 5 boroughs has done this yet." in page
    assert "Mark as done" not in page  # a director with no borough ticks none


def test_a_coordinator_ticks_any_borough_and_who_and_when_are_kept(client, ncl):
    coordinator = world.coordinator(first_name="Cora", last_name="Lee")
    client.force_login(coordinator)
    action = point_of_contact(ncl)
    for borough in ("Barnet", "Enfield", "Haringey"):
        assert tick(client, action, borough).status_code == 302
    page = world.words_of(client.get(action.get_absolute_url()))
    assert "3 of 5 boroughs have done this; Camden and Islington have not." in page
    assert f"Done, ticked by Cora Lee on {timezone.localdate():%-d %B %Y}" in page
    assert tick(client, action, "Enfield", done="no").status_code == 302
    assert "2 of 5 boroughs have done this" in world.words_of(client.get(action.get_absolute_url()))
    assert tick(client, action, "Haringey", done="no").status_code == 302
    assert "1 of 5 boroughs has done this; Camden, Enfield, Haringey and Islington have not." in world.words_of(
        client.get(action.get_absolute_url())
    )
    for borough in ("Barnet", "Camden", "Enfield", "Haringey", "Islington"):
        tick(client, action, borough)
    assert "All 5 boroughs have done this." in world.words_of(client.get(action.get_absolute_url()))
    assert "Enfield has not done action 1.1" in [e.description for e in action.events.all()]


def test_a_borough_lead_ticks_their_own_borough_only(client, ncl):
    lead = factories.lead("Camden")
    client.force_login(lead)
    action = leads_action(ncl)
    assert tick(client, action, "Camden").status_code == 302
    assert tick(client, action, "Islington").status_code == 403
    assert [check.local_authority.name for check in action.borough_checks.all()] == ["Camden"]
    page = world.words_of(client.get(action.get_absolute_url()))
    assert page.count("Mark as done") == 0 and page.count("Not done after all") == 1


def test_another_sub_regions_people_cannot_tick_and_a_borough_outside_the_sub_region_is_not_found(client, ncl):
    action = leads_action(ncl)
    client.force_login(factories.lead("Hackney"))
    assert tick(client, action, "Hackney").status_code == 404  # the plan is not theirs to see
    client.force_login(world.coordinator("East London"))
    assert tick(client, action, "Camden").status_code == 404
    client.force_login(world.coordinator())
    assert tick(client, action, "Hackney").status_code == 404  # not one of North Central London's boroughs
    assert not action.borough_checks.exists()


@pytest.mark.parametrize("authority", ["99999999999999999999999", "0"])
def test_a_borough_number_that_is_none_is_not_found(client, ncl, authority):
    client.force_login(world.coordinator())
    url = f"/plans/actions/{point_of_contact(ncl).pk}/boroughs/{authority}/"
    assert client.post(url, {"done": "yes"}).status_code == 404


def test_an_action_that_no_borough_does_has_no_checklist_to_tick(client, ncl):
    client.force_login(world.coordinator())
    action = world.owned_action(ncl, factories.UserFactory())
    assert tick(client, action, "Camden").status_code == 404
    assert "boroughs have done this" not in world.words_of(client.get(action.get_absolute_url()))


def test_reminders_say_which_boroughs_have_not_done_it_and_go_only_to_their_leads(
    client, ncl, django_capture_on_commit_callbacks
):
    leads = {name: factories.lead(name, email=f"{name.lower()}@example.org") for name in NCL_BOROUGHS}
    action = leads_action(ncl)
    for borough in ("Barnet", "Enfield", "Haringey"):
        services.set_borough_done(
            action=action, local_authority=factories.authority(borough), done=True, by=leads[borough]
        )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_plan_reminders", stdout=io.StringIO())
    assert sorted(email.to[0] for email in mail.outbox) == ["camden@example.org", "islington@example.org"]
    assert "3 of 5 boroughs have done this; Camden and Islington have not." in mail.outbox[0].body


def test_once_every_borough_has_done_it_no_lead_is_reminded(ncl, django_capture_on_commit_callbacks):
    for name in NCL_BOROUGHS:
        factories.lead(name, email=f"{name.lower()}@example.org")
    action = leads_action(ncl)
    for name in NCL_BOROUGHS:
        services.set_borough_done(action=action, local_authority=factories.authority(name), done=True, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_plan_reminders", stdout=io.StringIO())
    assert mail.outbox == []
