"""The protected tables are built when data is loaded and kept in the database: no visitor waits for them,
in this process or another (a page never builds them after a load)."""

import pytest
from django.urls import reverse

from evidence import protection
from evidence.models import Stage
from tests.evidence.factories import youth_justice_world

pytestmark = pytest.mark.django_db


def test_a_page_after_a_load_reads_tables_built_by_the_load(client, monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        youth_justice_world()
    protection._made.clear()  # another process: nothing built in its memory

    def built_while_a_visitor_waits(*args):
        raise AssertionError("a page built the protected tables")

    monkeypatch.setattr(protection, "protect", built_while_a_visitor_waits)
    for params in ({"area": "hackney"}, {"area": "redbridge", "period": "2021"}, {"level": "high"}):
        assert client.get(reverse("evidence:measure", args=["youth-justice"]), params).status_code == 200
    assert client.get(reverse("evidence:area", args=["hackney"])).status_code == 200


def test_kept_tables_give_the_same_figures_as_building_them():
    youth_justice_world()
    stages = list(Stage.objects.filter(measure__slug="youth-justice"))
    built = protection.protected_cells(stages)
    protection._made.clear()
    kept = protection.protected_cells(stages)
    assert kept == built


def test_deleting_a_dataset_rebuilds_the_tables_for_the_data_left(django_capture_on_commit_callbacks):
    from evidence.models import Dataset, KeptTable

    world = youth_justice_world()
    with django_capture_on_commit_callbacks(execute=True):
        Dataset.objects.get(pk=world.pk).delete()
    version = protection.data_version()
    assert KeptTable.objects.exists() and all(
        key.startswith(f"{version}|") for key in KeptTable.objects.values_list("key", flat=True)
    )
