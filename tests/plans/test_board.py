"""The London board: every action the reader may see, filtered by status, sub-region, owner, theme and due date."""

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import Action, Plan
from reference.models import Theme
from tests import factories
from tests.plans import world

pytestmark = pytest.mark.django_db


def text_of(response):
    return " ".join(response.content.decode().split())


@pytest.fixture
def plans():
    ncl, el = world.north_central(), world.east()
    Plan.objects.filter(pk=el.pk).update(shared_across_london=True)
    return ncl, el


def board(client, **params):
    return text_of(client.get(reverse("plans:board"), params))


def test_a_moderator_sees_every_action_with_counts_by_status_and_sub_region(client, plans):
    client.force_login(factories.moderator())
    page = board(client)
    assert "9 actions shown." in page
    assert "In progress (5)" in page and "Not started (4)" in page
    assert "North Central London (5)" in page and "East London (4)" in page


def test_filters_narrow_the_actions_and_the_other_filters_counts(client, plans):
    client.force_login(factories.moderator())
    page = board(client, status="in_progress")
    assert "5 actions shown." in page and "North Central London (5)" in page and "East London (0)" in page
    assert "1 action shown." in board(client, owner="tony")
    assert "1 action shown." in board(client, owner="East London DCSs")  # a named group, and the alliance, own
    assert "1 action shown." in board(client, owner="LIIA")  # one action together


def test_a_theme_and_a_due_date_filter_the_board(client, plans):
    ncl, _ = plans
    action = world.first_action(ncl)
    action.themes.add(Theme.objects.get(name="Youth justice"))
    Action.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    client.force_login(factories.moderator())
    assert "1 action shown." in board(client, theme="youth-justice")
    assert "1 action shown." in board(client, due="overdue")


def test_a_reader_sees_their_own_sub_regions_and_shared_plans_only(client, plans):
    client.force_login(factories.dcs())  # a director with no sub-region: only the shared East London plan
    page = board(client)
    assert "4 actions shown." in page and "bring together the YOS HoS" not in page


@pytest.mark.parametrize(
    "params",
    [{"status": "<script>"}, {"sub_region": "x" * 5000}, {"page": "٣"}, {"page": "99999999999"}, {"owner": "a" * 5000}],
)
def test_filters_that_are_not_choices_are_ignored_not_errors(client, plans, params):
    client.force_login(factories.moderator())
    assert client.get(reverse("plans:board"), params).status_code == 200


def test_the_board_asks_the_database_the_same_number_of_questions_for_more_plans(client, plans):
    client.force_login(factories.moderator())
    with CaptureQueriesContext(connection) as two_plans:
        client.get(reverse("plans:board"))
    world.north_central()
    world.east()
    with CaptureQueriesContext(connection) as four_plans:
        page = client.get(reverse("plans:board"))
    assert "18 actions shown." in text_of(page)
    assert len(four_plans) == len(two_plans)


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"status": "<script>"}, "Left out, as not one of the choices: the address's status."),
        ({"sub_region": "atlantis", "theme": "nope"}, "the address's sub-region and theme. The board shows actions of"),
        ({"due": "yesterday"}, "The board shows actions of any due."),
        ({"owner": "\x00"}, "the address's owner. The board shows actions of any owner."),  # nothing left to match
    ],
)
def test_filters_that_are_not_choices_are_said_to_be_left_out(client, plans, params, said):
    client.force_login(factories.moderator())
    page = html.unescape(board(client, **params))
    assert said in page and "9 actions shown." in page


@pytest.mark.parametrize("owner", ["\x00", "\u202e", "\x00\x00tony"])
def test_hidden_characters_in_the_owner_filter_match_nothing_extra(client, plans, owner):
    client.force_login(factories.moderator())
    expected = "1 action shown." if "tony" in owner else "9 actions shown."
    assert expected in board(client, owner=owner)


def test_a_reader_is_counted_only_the_sub_regions_they_can_read(client, plans):
    client.force_login(factories.dcs())  # only the shared East London plan
    page = board(client)
    assert "East London (4)" in page and "North Central London" not in page and "South West London" not in page
    assert "the address's sub-region." in html.unescape(board(client, sub_region="north-central-london"))
