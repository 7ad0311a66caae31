"""`make run`'s demo plans: both context plans through the importer, a coordinator for each sub-region, a meeting."""

import io

import pytest
from django.core.management import call_command

from plans.models import Plan, SubRegionRole, Update


@pytest.mark.django_db
def test_the_demo_loads_both_plans_and_a_coordinator_each_and_runs_again_without_duplicates(settings):
    settings.DEBUG = True
    for _ in range(2):
        call_command("load_demo", stdout=io.StringIO())
        call_command("load_demo_plans", stdout=io.StringIO())
    assert sorted(Plan.objects.values_list("sub_region__name", flat=True)) == ["East London", "North Central London"]
    coordinators = SubRegionRole.objects.filter(role="coordinator").values_list("user__email", "sub_region__name")
    assert sorted(coordinators) == [
        ("coordinator.east@example.org", "East London"),
        ("coordinator.ncl@example.org", "North Central London"),
    ]
    assert Update.objects.exclude(meeting=None).count() == 3
    assert SubRegionRole.objects.filter(user__email="dcs@example.org", role="director").exists()
