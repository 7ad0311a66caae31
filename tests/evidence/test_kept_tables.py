"""The protected tables are built after a load, never while a visitor waits: by the analyst's load itself (for the
measures it touched), by load_dataset, or by the job run_scheduled runs. Until a measure's new table is built, its
pages read the last one built (protected, and all of one load) and say that newer figures are being prepared."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from evidence import protection
from evidence.loading import Options, load_dataset
from evidence.models import Dataset, KeptTable, Stage
from tests import factories
from tests.evidence.factories import analyst, load_csv, youth_justice_world

pytestmark = pytest.mark.django_db

PREPARING = "Newer figures are being prepared"
MEASURE = reverse("evidence:measure", args=["youth-justice"])
HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator\n"
HACKNEY_2022_ARREST = "E09000012,2022/23,youth-justice,arrest,black-caribbean,{count},\n"
EXCLUSIONS = "E09000012,2022/23,exclusions,suspension,black-caribbean,40,\n"


def long_file(*rows):
    text = "la_code,period,measure,stage,ethnic_group,count,denominator\n" + "".join(rows)
    return io.BytesIO(text.encode())


def loaded_without_building(*rows):
    """A load whose tables are not built yet: as if the job had not run since."""
    provenance = {"title": "New", "publisher": "P"}
    return load_dataset(long_file(*rows), Options(source="long"), provenance=provenance, replace=True)


def no_building(monkeypatch):
    """Any protected table built from here on fails the test."""

    def built_while_a_visitor_waits(*args):
        raise AssertionError("a page built the protected tables")

    monkeypatch.setattr(protection, "protect", built_while_a_visitor_waits)


def hackney_arrests_black_caribbean(client):
    response = client.get(MEASURE, {"area": "hackney", "period": "2022"})
    assert response.status_code == 200
    [stage] = [stage for stage in response.context["stages"] if stage.stage.slug == "arrest"]
    return next(figure.count for figure in stage.groups if figure.group.code == "black-caribbean"), response


def test_pages_after_a_load_read_the_last_tables_built_and_say_newer_ones_are_coming(client, monkeypatch):
    youth_justice_world()
    before, response = hackney_arrests_black_caribbean(client)
    assert PREPARING not in response.content.decode()
    loaded_without_building(HACKNEY_2022_ARREST.format(count=before + 100))
    protection._made.clear()  # another process: nothing in its memory
    with monkeypatch.context() as patched:
        no_building(patched)
        shown, response = hackney_arrests_black_caribbean(client)
        assert shown == before and PREPARING in response.content.decode()
        area = client.get(reverse("evidence:area", args=["hackney"]))
        assert area.status_code == 200 and PREPARING in area.content.decode()
    call_command("build_evidence_tables", stdout=io.StringIO())
    shown, response = hackney_arrests_black_caribbean(client)
    assert shown == before + 100 and PREPARING not in response.content.decode()


def test_a_measure_whose_table_was_never_built_shows_no_figures_and_builds_none(client, monkeypatch):
    no_building(monkeypatch)
    loaded_without_building(HACKNEY_2022_ARREST.format(count=60))
    response = client.get(MEASURE, {"area": "hackney"})
    assert response.status_code == 200
    text = response.content.decode()
    assert PREPARING in text and not response.context["stages"] and "No figures have been loaded" not in text


def test_the_job_rebuilds_only_the_measure_a_load_touched():
    youth_justice_world()
    load_csv("la_code,period,measure,stage,ethnic_group,count,denominator\n" + EXCLUSIONS)
    youth_justice = KeptTable.objects.get(key__contains=f"|{Stage.objects.get(slug='arrest').measure_id}|")
    loaded_without_building(EXCLUSIONS.replace("40", "45"))
    out = io.StringIO()
    call_command("build_evidence_tables", stdout=out)
    assert out.getvalue().startswith("Built 1 protected table")  # exclusions, not youth justice or population
    assert KeptTable.objects.filter(pk=youth_justice.pk, key=youth_justice.key).exists()
    call_command("build_evidence_tables", stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("Built 0 protected tables")


def test_the_analysts_load_builds_the_tables_of_the_measures_it_touched(client, monkeypatch):
    youth_justice_world()
    touched = []
    build = protection.build

    def recorded(measure):
        touched.append(measure.slug)
        return build(measure)

    monkeypatch.setattr(protection, "build", recorded)
    client.force_login(analyst())
    upload = SimpleUploadedFile("new.csv", long_file(HACKNEY_2022_ARREST.format(count=160)).read(), "text/csv")
    preview = client.post(
        reverse("evidence:load"), {"file": upload, "source": "long", "title": "T", "publisher": "P", "licence": "L"}
    )
    response = client.post(
        reverse("evidence:load_confirm"), {"token": preview.context["token"], "replace": "yes"}, follow=True
    )
    assert touched == ["youth-justice"]
    assert "The evidence pages show its figures now." in response.content.decode()
    client.logout()
    no_building(monkeypatch)
    shown, page = hackney_arrests_black_caribbean(client)
    assert shown == 160 and PREPARING not in page.content.decode()


def test_kept_tables_give_the_same_figures_as_building_them():
    youth_justice_world()
    stages = list(Stage.objects.filter(measure__slug="youth-justice"))
    built = protection.protected_cells(stages)
    protection._made.clear()
    assert protection.protected_cells(stages) == built
    protection._made.clear()
    first = protection.protected_cells(stages[:1])
    assert first[0] == {key: cell for key, cell in built[0].items() if key[0] == stages[0].pk}


def test_after_a_dataset_is_deleted_its_figures_go_with_the_next_build(client):
    world = youth_justice_world()
    Dataset.objects.get(pk=world.pk).delete()
    call_command("build_evidence_tables", stdout=io.StringIO())
    assert not KeptTable.objects.filter(key__contains=f"|{Stage.objects.get(slug='arrest').measure_id}|").exists()
    assert KeptTable.objects.count() == 1  # the population's
    assert not client.get(MEASURE, {"area": "hackney"}).context["stages"]


def test_a_dataset_deleted_in_the_admin_leaves_the_pages_at_once(client, django_capture_on_commit_callbacks):
    youth_justice_world()
    later = load_csv(HEADER + HACKNEY_2022_ARREST.format(count=70).replace("2022/23", "2023/24"))
    assert "2023/24" in client.get(MEASURE, {"area": "hackney"}).content.decode()
    client.force_login(factories.admin())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:evidence_dataset_delete", args=[later.pk]), {"post": "yes"})
    client.logout()
    text = client.get(MEASURE, {"area": "hackney"}).content.decode()
    assert "2023/24" not in text and PREPARING not in text
