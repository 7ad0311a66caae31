"""The protected tables are built by the scheduled job soon after a load (not while the analyst's load waits)
and kept in the database: once it has run, no visitor waits for them, in this process or another."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from evidence import protection
from evidence.models import Dataset, KeptTable, Stage
from tests.evidence.factories import youth_justice_world

pytestmark = pytest.mark.django_db


def test_loading_builds_no_table_and_the_job_builds_each_once():
    youth_justice_world()
    assert not KeptTable.objects.exists()  # the analyst's load did not wait for them
    out = io.StringIO()
    call_command("build_evidence_tables", stdout=out)
    assert KeptTable.objects.exists() and out.getvalue().startswith(f"Built {KeptTable.objects.count()} protected")
    call_command("build_evidence_tables", stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("Built 0 protected tables")


def test_a_page_after_the_job_has_run_reads_the_tables_it_kept(client, monkeypatch):
    youth_justice_world()
    call_command("build_evidence_tables", stdout=io.StringIO())
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


def test_after_a_dataset_is_deleted_the_job_keeps_only_the_tables_of_the_data_left():
    world = youth_justice_world()
    call_command("build_evidence_tables", stdout=io.StringIO())
    Dataset.objects.get(pk=world.pk).delete()
    call_command("build_evidence_tables", stdout=io.StringIO())
    version = protection.data_version()
    assert KeptTable.objects.exists() and all(
        key.startswith(f"{version}|") for key in KeptTable.objects.values_list("key", flat=True)
    )
