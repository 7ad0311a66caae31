"""A coordinator of one sub-region finds the call form set for their sub-region; one of two chooses."""

import pytest
from django.urls import reverse

from tests.plans import world

pytestmark = pytest.mark.django_db


def test_a_coordinator_of_one_sub_region_finds_it_chosen(client):
    client.force_login(world.coordinator("East London"))
    form = client.get(reverse("call_create")).context["form"]
    assert form["audience"].value() == "sub_region"
    assert form["sub_region"].value() == world.region("East London").pk


def test_a_coordinator_of_two_chooses_between_them(client):
    cora = world.coordinator("East London")
    world.with_role(cora, "North Central London", "coordinator")
    client.force_login(cora)
    assert client.get(reverse("call_create")).context["form"]["sub_region"].value() is None
