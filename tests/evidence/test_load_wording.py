"""What the loader says: what is wrong and that nothing was loaded, numbers as people write them, encodings Excel
saves in, and labels that could mean more than one group named as such."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from evidence.forms import LoadForm
from evidence.loading import Options, check
from evidence.models import Observation
from tests.evidence.factories import FIXTURES, analyst

pytestmark = pytest.mark.django_db

HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator"
GOOD = "E09000012,2022/23,exclusions,suspension,Indian,30,"


def long_file(*rows, encoding="utf-8"):
    return io.BytesIO("\r\n".join([HEADER, *rows, ""]).encode(encoding))


def command(path, *arguments):
    out = io.StringIO()
    try:
        call_command("load_dataset", str(path), "--source=long", "--check-only", *arguments, stdout=out)
    except CommandError as error:
        return out.getvalue() + str(error)
    return out.getvalue()


def test_a_file_with_problems_says_what_is_wrong_and_that_nothing_was_loaded(tmp_path, client):
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([HEADER, GOOD, "E09000012,2030/31,exclusions,suspension,Indian,8,", ""]))
    said = command(path)
    assert "can be loaded" not in said and "could not be loaded" not in said
    assert "2 rows read well, but nothing was loaded: correct the problems below" in said
    client.force_login(analyst())
    page = client.post(
        reverse("evidence:load"),
        {"file": io.BytesIO(path.read_bytes()), "source": "long", "title": "T", "publisher": "P"},
    )
    text = page.content.decode()
    assert "can be loaded" not in text and "cannot be loaded" not in text
    assert "The file has problems: nothing was loaded" in text


def test_the_command_says_1_period_and_never_line_0(tmp_path):
    path = tmp_path / "totals.csv"
    path.write_text("\n".join([HEADER, GOOD, "E09000012,2022/23,exclusions,suspension,Total,10,", ""]))
    said = command(path)
    assert "line 0" not in said
    assert "  the totals: Hackney, 2022/23: total 10, its 1 detailed group adds up to 30" in said
    path.write_text("\n".join([HEADER, GOOD, ""]))
    assert "1 row can be loaded, for 1 period." in command(path)


def test_numbers_have_thousands_separators_on_the_preview(client):
    rows = [
        f"E090000{borough:02},{year}/{(year + 1) % 100:02},exclusions,{stage},Indian,30,"
        for borough in range(1, 34)
        for year in range(2000, 2024)
        for stage in ("suspension", "permanent-exclusion")
    ]
    client.force_login(analyst())
    page = client.post(
        reverse("evidence:load"),
        {"file": long_file(*rows), "source": "long", "title": "T", "publisher": "P"},
    )
    assert "Load 1,584 rows" in page.content.decode()


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_files_saved_by_excel_in_windows_1252_or_utf_16_are_read(encoding):
    text = long_file("E09000012,2022/23,exclusions,suspension,Indian,30,", encoding=encoding).getvalue()
    report = check(io.BytesIO(text), Options(source="long"))
    assert (report.rows, dict(report.problems)) == (1, {})


def test_a_file_in_no_encoding_the_portal_reads_is_told_to_save_as_csv_utf_8():
    report = check(io.BytesIO(b"\x00\x01PK\x03\x04binary"), Options(source="long"))
    [(_, description, _, _)] = report.listed()
    assert "CSV UTF-8" in description


def test_a_well_formed_period_before_1990_is_too_early_not_not_a_year():
    report = check(long_file("E09000012,1960/61,exclusions,suspension,Indian,30,"), Options(source="long"))
    assert dict(report.problems) == {"early_period": 1}
    [(_, description, _, _)] = report.listed()
    assert "too early (before 1990)" in description


def test_a_dfe_file_without_indicators_names_the_columns_it_found(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "load_dataset", str(FIXTURES / "dfe_exclusions.csv"), "--source=dfe", "--check-only", stdout=io.StringIO()
        )
    report = check(io.BytesIO((FIXTURES / "dfe_exclusions.csv").read_bytes()), Options(source="dfe"))
    [example] = report.examples["wrong_header"]
    assert "(not )" not in example.detail
    assert "headcount, perm_excl, perm_excl_rate, susp, susp_rate" in example.detail and "--indicator" in example.detail


def test_the_file_field_hint_states_the_size_limit(settings):
    settings.PORTAL_EVIDENCE_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
    assert "Up to 50 MB" in LoadForm().fields["file"].help_text


def test_an_unknown_census_stage_lists_the_accepted_ones():
    report = check(io.BytesIO((FIXTURES / "census_ts021.csv").read_bytes()), Options("census", stage="children"))
    [example] = report.examples["wrong_header"]
    assert "population/children" in example.detail and "population/all-residents" in example.detail


def test_irish_traveller_and_traveller_in_a_dfe_file_are_the_dfes_traveller_of_irish_heritage():
    from evidence.loading import load_dataset

    rows = (FIXTURES / "dfe_exclusions.csv").read_text().replace("White - Gypsy/Roma", "Traveller")
    options = Options("dfe", {"perm_excl": "exclusions/permanent-exclusion"}, "headcount")
    load_dataset(io.BytesIO(rows.encode()), options, provenance={"title": "T", "publisher": "DfE"})
    assert Observation.objects.filter(ethnic_group__code="irish-traveller-heritage").exists()


@pytest.mark.parametrize("label", ["Gypsy", "Irish Traveller", "Traveller"])
def test_a_label_that_could_mean_more_than_one_group_is_a_problem_saying_what_to_do(label):
    report = check(long_file(f"E09000012,2022/23,exclusions,suspension,{label},30,"), Options(source="long"))
    assert dict(report.problems) == {"ambiguous_group": 1}
    [(blocks, description, _, _)] = report.listed()
    assert blocks and "could mean more than one group" in description


def test_the_source_link_reads_the_same_with_or_without_styles(client):
    from tests.evidence.factories import load_csv

    load_csv(f"{HEADER}\n{GOOD}\n", title="DfE GRT test", url="https://example.org/grt")
    text = client.get(reverse("evidence:datasets")).content.decode()
    assert 'Published at <a href="https://example.org/grt">https://example.org/grt</a>.' in text
    assert 'visually-hidden">: DfE GRT test' not in text
