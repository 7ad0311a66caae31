"""The plans pages for the roles only plans have: sub-regions' coordinators and directors (the other roles
walk them in tests/test_url_access.py)."""

import pytest

from plans.models import PlanEvent, Update
from tests.plans.access_table import PLAN_GET_TABLE, PLAN_POST_TABLE, PLAN_ROLES, make_plan_users, make_plan_world
from tests.portal.test_url_access import url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_world():
    return make_plan_users(), make_plan_world()


@pytest.mark.parametrize("role", PLAN_ROLES)
def test_each_plans_role_gets_the_expected_answer_from_every_plans_page(client, plan_world, role):
    users, objects = plan_world
    client.force_login(users[role])
    answers = {entry: client.get(url_for(entry, objects, PLAN_GET_TABLE)).status_code for entry in PLAN_GET_TABLE}
    assert answers == {entry: table[role] for entry, (_, table) in PLAN_GET_TABLE.items()}


@pytest.mark.parametrize("role", PLAN_ROLES)
def test_each_plans_role_can_change_a_plan_only_where_the_table_allows(client, plan_world, role):
    users, objects = plan_world
    client.force_login(users[role])
    answers = {
        entry: client.post(url_for(entry, objects, PLAN_POST_TABLE), data).status_code
        for entry, (_, data, _) in PLAN_POST_TABLE.items()
    }
    assert answers == {entry: table[role] for entry, (_, _, table) in PLAN_POST_TABLE.items()}
    assert not Update.objects.filter(recorded_by=users[role]).exists()  # empty forms save no update


def test_a_lead_of_another_sub_region_changes_nothing_in_a_plan(client, plan_world, lead_a):
    _, objects = plan_world
    client.force_login(lead_a)
    before = PlanEvent.objects.count()
    for entry, (_, data, _) in PLAN_POST_TABLE.items():
        assert client.post(url_for(entry, objects, PLAN_POST_TABLE), data).status_code in (403, 404)
    assert PlanEvent.objects.count() == before
