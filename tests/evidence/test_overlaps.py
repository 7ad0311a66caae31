"""A file with figures for a stage, area and period already loaded never merges into them: the preview names them
and the dataset they come from, and loading replaces them only when the analyst chooses to."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from evidence.loading import LoadRefused, Options, check, load_dataset
from evidence.models import Dataset, Observation
from tests.evidence.factories import analyst, load_csv

pytestmark = pytest.mark.django_db

HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator"
OLD = "\n".join(
    [
        HEADER,
        "E09000012,2022/23,exclusions,suspension,Indian,30,",
        "E09000012,2022/23,exclusions,suspension,Pakistani,40,",
        "E09000012,2022/23,exclusions,suspension,Total,70,",
        "E09000012,2021/22,exclusions,suspension,Indian,20,",
        "E09000026,2022/23,exclusions,suspension,Indian,11,",
    ]
)
NEW = "\n".join(
    [HEADER, "E09000012,2022/23,exclusions,suspension,Indian,33,", "E09000012,2022/23,exclusions,suspension,Total,90,"]
)
OVERLAP = (
    "Hackney 2022/23, Suspensions and permanent exclusions: Suspension: "
    "3 figures already loaded from ‘Illustrative demo data’"
)


def old_dataset():
    return load_csv(OLD + "\n", title="Illustrative demo data")


def new_file():
    return io.BytesIO(NEW.encode())


def test_the_check_lists_figures_already_loaded_for_the_same_stage_area_and_period():
    old_dataset()
    report = check(new_file(), Options(source="long"))
    assert [str(overlap) for overlap in report.overlaps] == [OVERLAP]


def test_loading_over_figures_already_loaded_is_refused_and_changes_nothing():
    old = old_dataset()
    with pytest.raises(LoadRefused) as refused:
        load_dataset(new_file(), Options(source="long"), provenance={"title": "New", "publisher": "DfE"})
    assert refused.value.report.overlaps
    assert list(Dataset.objects.all()) == [old]
    assert Observation.objects.filter(dataset=old).count() == 5


def test_replacing_deletes_every_figure_of_the_overlapping_slice_and_keeps_the_rest():
    old = old_dataset()
    new = load_dataset(
        new_file(), Options(source="long"), provenance={"title": "New", "publisher": "DfE"}, replace=True
    )
    hackney_2022 = Observation.objects.filter(local_authority__slug="hackney", year=2022)
    assert set(hackney_2022.values_list("dataset", "count")) == {(new.pk, 33), (new.pk, 90)}  # Pakistani 40 went too
    old.refresh_from_db()
    assert (old.row_count, old.replaced_by) == (2, new)  # Hackney 2021/22 and Redbridge 2022/23 stay
    assert [str(overlap) for overlap in new.replaced] == [OVERLAP]


def test_a_dataset_whose_every_figure_was_replaced_says_so_on_the_datasets_page(client):
    load_csv(HEADER + "\nE09000012,2022/23,exclusions,suspension,Indian,30,\n", title="Illustrative demo data")
    load_dataset(new_file(), Options(source="long"), provenance={"title": "New", "publisher": "DfE"}, replace=True)
    text = client.get(reverse("evidence:datasets")).content.decode()
    assert "All its figures were replaced by “New”" in text


def test_a_partly_replaced_dataset_is_said_so_on_the_datasets_page_only_not_on_the_views_it_still_gives(client):
    old_dataset()
    load_dataset(new_file(), Options(source="long"), provenance={"title": "New", "publisher": "DfE"}, replace=True)
    note = "Some of its figures were replaced by “New”"
    assert note in client.get(reverse("evidence:datasets")).content.decode()
    redbridge = client.get(reverse("evidence:measure", args=["exclusions"]), {"area": "redbridge", "period": "2022"})
    assert "Illustrative demo data" in redbridge.content.decode()  # its figures, still shown there
    for page in (
        redbridge,
        client.get(reverse("evidence:index")),
        client.get(reverse("evidence:area", args=["redbridge"])),
    ):
        assert note not in page.content.decode()


def upload(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "file": SimpleUploadedFile("new.csv", NEW.encode()),
        "source": "long",
        "title": "New",
        "publisher": "DfE",
        "licence": "OGL",
    }
    return client.post(reverse("evidence:load"), data)


def test_the_browser_preview_shows_the_overlap_and_confirming_without_choosing_to_replace_is_refused(client):
    old_dataset()
    client.force_login(analyst())
    preview = upload(client)
    text = preview.content.decode()
    assert OVERLAP in text
    assert 'name="replace"' in text
    refused = client.post(reverse("evidence:load_confirm"), {"token": preview.context["token"]})
    text = refused.content.decode()
    assert 'class="error-summary"' in text and "Choose to replace the figures already loaded" in text
    assert Dataset.objects.count() == 1 and Observation.objects.count() == 5


def test_the_browser_replaces_the_figures_when_the_analyst_chooses_to(client):
    old_dataset()
    client.force_login(analyst())
    preview = upload(client)
    response = client.post(
        reverse("evidence:load_confirm"), {"token": preview.context["token"], "replace": "yes"}, follow=True
    )
    assert "Replaced 3 figures" in response.content.decode()
    assert sorted(
        Observation.objects.filter(year=2022, local_authority__slug="hackney").values_list("count", flat=True)
    ) == [
        33,
        90,
    ]


def test_the_command_lists_the_overlap_refuses_without_replace_and_replaces_with_it(tmp_path):
    old_dataset()
    analyst(email="ana@example.org")
    analyst(email="ana@example.org")
    path = tmp_path / "new.csv"
    path.write_text(NEW + "\n")
    out = io.StringIO()
    call_command("load_dataset", str(path), "--source=long", "--publisher=DfE", "--check-only", stdout=out)
    assert "3 figures already loaded from ‘Illustrative demo data’" in out.getvalue()
    with pytest.raises(CommandError, match="--replace"):
        call_command(
            "load_dataset", str(path), "--source=long", "--publisher=DfE", "--by=ana@example.org", stdout=io.StringIO()
        )
    assert Observation.objects.count() == 5
    out = io.StringIO()
    call_command(
        "load_dataset", str(path), "--source=long", "--publisher=DfE", "--by=ana@example.org", "--replace", stdout=out
    )
    assert (
        "Replaced 3 figures already loaded: Hackney 2022/23, Suspensions and permanent exclusions: Suspension"
        in out.getvalue()
    )
    assert Observation.objects.count() == 4


def test_the_demo_never_replaces_figures_loaded_from_a_real_file_nor_loads_beside_them():
    real = load_csv(HEADER + "\nE09000012,2022/23,exclusions,suspension,Indian,30,\n", title="DfE")
    call_command("load_demo_evidence", stdout=io.StringIO())
    exclusions = Observation.objects.filter(stage__measure__slug="exclusions")
    assert set(exclusions.values_list("dataset", flat=True)) == {real.pk}  # none of the demo's, anywhere
    assert Observation.objects.filter(dataset__is_illustrative=True, stage__measure__slug="youth-justice").exists()
