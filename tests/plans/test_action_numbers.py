"""Actions are numbered within their area as 5.1, 5.2 (the documents number only the areas, and an area can hold
two actions), so no two read the same on the meeting page, in its error summary or in My actions. The North
Central London plan's area 5 gets its second action here (the document's forward plan line is a plan-level item)."""

import html
import re

import pytest

from plans import services
from plans.models import Action
from tests.plans import world
from tests.plans.test_meetings_and_pack import meeting_form

pytestmark = pytest.mark.django_db


def north_central():
    """The plan with a second action in area 5."""
    plan = world.north_central()
    area = plan.areas.get(number=5)
    services.add_action(area=area, by=None, what="A further themed discussion in September", owners=[])
    return plan


def test_two_actions_of_area_5_read_5_1_and_5_2_on_the_meeting_page(client):
    plan = north_central()
    meeting = world.meeting(plan, days_ahead=0)
    client.force_login(world.coordinator())
    page = html.unescape(client.get(meeting.get_absolute_url()).content.decode())
    legends = re.findall(r'<legend class="h5">([\d.]+) ', page)
    assert legends == ["1.1", "2.1", "3.1", "4.1", "5.1", "5.2"]


def test_the_error_summary_names_each_action_by_its_number(client):
    plan = north_central()
    meeting = world.meeting(plan, days_ahead=0)
    first, second = Action.objects.filter(area__plan=plan, area__number=5)
    client.force_login(world.coordinator())
    data = meeting_form(meeting, {first: ("", "blocked"), second: ("", "blocked")})
    summary = [message for _, message in client.post(meeting.get_absolute_url(), data).context["errors"]]
    assert [message.split(" ")[0] for message in summary] == ["5.1", "5.2"]


def test_an_action_added_to_an_area_takes_the_next_number(client):
    plan = world.north_central()
    action = world.owned_action(plan, world.director())
    assert action.number == "1.2"


def test_the_plan_page_numbers_its_actions_as_the_other_pages_do(client):
    plan = north_central()
    client.force_login(world.coordinator())
    page = html.unescape(client.get(plan.get_absolute_url()).content.decode())
    numbers = re.findall(
        r'<h3 class="plan-action__what">[^<]*<span class="visually-hidden">Action </span>([\d.]+) ', page
    )
    assert numbers == ["1.1", "2.1", "3.1", "4.1", "5.1", "5.2"]
