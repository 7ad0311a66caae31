"""Plan titles, area titles and owner names are one-line text: no control or text-direction characters, as
everywhere else in the portal (inputs.text_fields.is_hidden). The forms refuse them; the importer leaves them
out of what it reads and says so."""

import pytest
from django.urls import reverse

from plans import importer
from plans.models import Area
from tests import factories
from tests.plans import world
from tests.plans.test_plan_pages import edit_form

RLO = "\u202e"  # right-to-left override: "Ben\u202eevil" shows as "Benlive"


def test_the_importer_leaves_hidden_characters_out_of_titles_and_owners_and_warns():
    text = f"Our {RLO}plan\n\n1. Data{RLO} and insight\nAction: analyse\nOwner: Ben{RLO}evil / Ann\u200b\n"
    parsed = importer.parse("plan.txt", text.encode())
    [area] = parsed.areas
    [action] = area.actions
    assert (parsed.title, area.title) == ("Our plan", "Data and insight")
    assert action.owners == [("named", "Benevil"), ("named", "Ann")] and action.owners_text == "Benevil / Ann"
    assert parsed.warnings == [
        "Line 1: hidden formatting characters were left out of the title",
        "Line 3: hidden formatting characters were left out of the area's title",
        "Line 5: hidden formatting characters were left out of the owners",
    ]


def test_joiners_that_scripts_need_are_kept():
    parsed = importer.parse("plan.txt", "Plan\n\n1. Data\nAction: analyse\nOwner: क्\u200dष\n".encode())
    assert parsed.areas[0].actions[0].owners == [("named", "क्\u200dष")] and parsed.warnings == []


@pytest.mark.django_db
def test_the_action_form_refuses_hidden_characters_in_owner_names(client):
    action = world.first_action(world.north_central())
    client.force_login(world.coordinator())
    response = client.post(reverse("plans:action_edit", args=[action.pk]), edit_form(action, owner_names=f"Ben{RLO}"))
    assert response.status_code == 200 and "Remove the line breaks or hidden formatting characters" in response.text
    assert not action.owners.filter(name__contains=RLO).exists()


@pytest.mark.django_db
def test_the_area_form_refuses_hidden_characters_in_its_title(client):
    plan = world.north_central()
    client.force_login(world.coordinator())
    response = client.post(reverse("plans:area_create", args=[plan.pk]), {"title": f"Work{RLO}force"})
    assert "Remove the line breaks or hidden formatting characters" in response.text
    assert not Area.objects.filter(title__contains=RLO).exists()


@pytest.mark.django_db
def test_the_admin_refuses_hidden_characters_in_a_plan_title(client):
    plan = world.north_central()
    client.force_login(factories.admin())
    data = {"title": f"Plan{RLO}", "sub_region": plan.sub_region_id, "shared_across_london": ""}
    data |= {"plan_events-TOTAL_FORMS": 0, "plan_events-INITIAL_FORMS": 0}
    response = client.post(reverse("admin:plans_plan_change", args=[plan.pk]), data)
    assert "Remove the line breaks or hidden formatting characters" in response.text
    plan.refresh_from_db()
    assert RLO not in plan.title
