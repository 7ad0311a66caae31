"""Items that stand at plan level in a document (a forward plan line, a "Forward plan" heading's actions, an action
above the first area) are read as plan-level items, with a warning naming them, not as an action of the last area."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import importer
from plans.models import Action, Plan
from tests.plans import world
from tests.plans.test_import_bad_files import docx_of
from tests.plans.test_import_context_plans import NORTH_CENTRAL

FORWARD_PLAN = (
    "Agreement to put a further themed discussion about disproportionality and anti-racism on the forward plan "
    "for September."
)


@pytest.mark.parametrize("name", ["plan.txt", "plan.docx"])
def test_the_north_central_forward_plan_line_is_a_plan_level_item_not_action_5_2(name):
    text = NORTH_CENTRAL.read_text()
    content = docx_of(text.splitlines()) if name.endswith(".docx") else text.encode()
    parsed = importer.parse(name, content)
    assert [len(area.actions) for area in parsed.areas] == [1, 1, 1, 1, 1]
    [item] = parsed.forward_items
    assert (item.what, item.activity, item.owners_text, item.owners, item.updates) == (FORWARD_PLAN, "", "", [], [])
    assert parsed.areas[4].actions[0].what == (
        "actively seek to draw from pan-London priority work to inform work in NCL on disproportionality"
    )
    [warning] = [warning for warning in parsed.warnings if "plan-level" in warning]
    assert warning.startswith("1 plan-level item was read, and kept out of the areas:")
    assert f"‘{FORWARD_PLAN}’ (line 51)" in warning


PLAN = """Plan

Action: agree the terms of reference
Owner: Ben

1. Data
Action: analyse the data
Owner: Ann
16/07/20: started

Forward plan

Action: a session on the forward plan's themes
Owner: Tony

Action: the sub-region's practice pack
Owners: Ben and Ann
16/07/20: first returns in

2. Practice
Action: share the practice
"""


def test_actions_above_the_first_area_and_under_a_forward_plan_heading_are_plan_level():
    parsed = importer.parse("plan.txt", PLAN.encode())
    assert parsed.errors == []
    assert parsed.introduction == ""
    assert [[action.what for action in area.actions] for area in parsed.areas] == [
        ["analyse the data"],
        ["share the practice"],
    ]
    terms, session, pack = parsed.forward_items
    assert (terms.what, terms.owners_text, terms.owners) == ("agree the terms of reference", "Ben", [("named", "Ben")])
    assert (session.what, session.owners) == ("a session on the forward plan's themes", [("named", "Tony")])
    assert (pack.owners, len(pack.updates)) == ([("named", "Ben"), ("named", "Ann")], 1)
    assert parsed.counts() == {"areas": 2, "actions": 2, "updates": 1, "owners": 1, "plan-level items": 3}
    [warning] = [warning for warning in parsed.warnings if "plan-level" in warning]
    assert warning.startswith("3 plan-level items were read, and kept out of the areas:")
    assert "‘agree the terms of reference’ (line 3)" in warning and "(line 13)" in warning


@pytest.mark.django_db
def test_imported_the_forward_plan_line_is_not_an_action_of_area_5_and_the_page_names_it(client):
    client.force_login(world.coordinator())
    page = world.words_of(upload(client))
    plan_actions = Action.objects.filter(area__plan__sub_region__name="North Central London")
    assert [action.number for action in plan_actions] == ["1.1", "2.1", "3.1", "4.1", "5.1"]
    assert not plan_actions.filter(what__startswith="Agreement to put").exists()
    assert "1 plan-level item was read, and kept out of the areas:" in page
    assert FORWARD_PLAN[:60] in page
    assert "They are saved as the plan's forward plan" in page


@pytest.mark.django_db
def test_the_plan_level_item_becomes_the_plans_forward_plan_once_however_often_it_is_imported(client):
    client.force_login(world.coordinator())
    upload(client)
    plan = Plan.objects.get(sub_region__name="North Central London")
    [item] = plan.forward_plan.all()
    assert item.title.startswith(FORWARD_PLAN[:60])
    assert FORWARD_PLAN[:60] in world.words_of(client.get(plan.get_absolute_url()))
    upload(client)
    client.post(reverse("plans:plan_import"), {"choice": f"plan-{plan.pk}"}, follow=True)  # as its next version
    assert plan.forward_plan.count() == 1


def upload(client):
    file = SimpleUploadedFile("ncl-v2.txt", NORTH_CENTRAL.read_bytes(), content_type="text/plain")
    region = world.region("North Central London").pk
    return client.post(reverse("plans:plan_import"), {"file": file, "sub_region": region}, follow=True)
