"""Loading the three formats: what is loaded, what is reported, and that a file with problems loads nothing."""

import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from evidence.loading import LoadRefused, Options, check, load_dataset
from evidence.models import Dataset, EthnicGroup, EthnicGroupLabel, Observation
from tests.evidence.factories import analyst

FIXTURES = Path(__file__).parent / "fixtures"
LONG_HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator"
PROVENANCE = {"title": "Test", "publisher": "DfE"}
EXCLUSIONS = Options(
    source="dfe",
    indicators={"perm_excl": "exclusions/permanent-exclusion", "susp": "exclusions/suspension"},
    denominator="headcount",
)

NOTES = Counter({"some_denominators": 1})  # some rows give a denominator and some do not: said, not a problem

pytestmark = pytest.mark.django_db


def fixture(name):
    return io.BytesIO((FIXTURES / name).read_bytes())


def csv_file(text):
    return io.BytesIO(text.encode())


def loaded(options, name):
    load_dataset(fixture(name), options, provenance=PROVENANCE)
    return Observation.objects.select_related("stage", "ethnic_group", "local_authority")


def test_dfe_symbols_are_kept_as_what_they_mean_never_as_zero():
    rows = loaded(EXCLUSIONS, "dfe_exclusions.csv").filter(stage__slug="permanent-exclusion")
    by_group = {
        row.ethnic_group.code if row.ethnic_group else "total": row for row in rows.exclude(local_authority=None)
    }
    assert (by_group["indian"].count, by_group["indian"].symbol) == (None, "c")
    assert (by_group["chinese"].count, by_group["chinese"].symbol) == (None, "x")
    assert (by_group["arab"].count, by_group["arab"].symbol) == (None, "z")
    assert (by_group["black-caribbean"].count, by_group["black-caribbean"].denominator) == (12, 2500)
    suspensions = loaded_suspensions()
    assert (suspensions["chinese"].count, suspensions["chinese"].symbol) == (None, "low")
    assert (suspensions["arab"].count, suspensions["arab"].symbol) == (None, "u")


def loaded_suspensions():
    rows = Observation.objects.filter(
        stage__slug="suspension", local_authority__slug="hackney", ethnic_group__isnull=False
    )
    return {row.ethnic_group.code: row for row in rows.select_related("ethnic_group")}


def test_dfe_file_loads_england_and_london_rows_and_reports_the_rest():
    report = check(fixture("dfe_exclusions.csv"), EXCLUSIONS)
    problems = {description: count for _, description, count, _ in report.listed()}
    assert report.can_load
    # 7 Hackney rows (Gypsy/Roma as the DfE's own group), England's and London's own (its Regional row), for two
    # indicators
    assert report.rows == 18
    assert problems == {
        "Rows for local authorities outside London: not loaded": 1,
        "Rows broken down by something else as well (school type, sex): not loaded, by the choice of value below": 1,
    }
    assert report.periods == {"2022/23"}


def test_england_rows_have_no_local_authority_and_londons_own_are_londons():
    rows = loaded(EXCLUSIONS, "dfe_exclusions.csv").filter(local_authority=None, stage__slug="suspension")
    assert [(row.count, row.denominator) for row in rows.filter(london=False)] == [(786961, 8000000)]
    assert [(row.count, row.denominator) for row in rows.filter(london=True)] == [(80000, 1200000)]  # its Regional row


def test_census_wide_file_loads_every_group_at_both_levels_and_the_total():
    rows = loaded(Options(source="census", confirm_all_ages=True), "census_ts021.csv").filter(
        local_authority__slug="hackney"
    )
    assert rows.count() == 25
    assert rows.get(ethnic_group=None).count == 259147
    assert rows.get(ethnic_group__code="black-caribbean").count == 15854
    assert rows.get(ethnic_group__code="black").count == 54034
    assert {row.period for row in rows} == {"2021"}


def test_long_file_loads_every_symbol_and_counts_england_separately():
    rows = loaded(Options(source="long"), "long_social_care.csv")
    assert rows.count() == 10
    assert sorted(rows.exclude(symbol="").values_list("symbol", flat=True)) == ["c", "low", "u", "x", "z"]
    assert rows.get(local_authority=None).denominator == 12000000


def test_a_wrong_header_loads_nothing_and_says_which_columns_are_missing():
    with pytest.raises(LoadRefused) as refused:
        load_dataset(fixture("census_ts021.csv"), Options(source="long"), provenance=PROVENANCE)
    (blocks, _, _, examples), *_ = refused.value.report.listed()
    assert blocks and "la_code" in examples[0].detail
    assert not Dataset.objects.exists()


def test_a_dfe_file_without_the_chosen_indicator_is_refused():
    options = Options(source="dfe", indicators={"pupil_count": "exclusions/suspension"})
    report = check(fixture("dfe_exclusions.csv"), options)
    assert not report.can_load
    assert "pupil_count" in report.listed()[0][3][0].detail


def test_one_bad_row_loads_nothing_from_the_whole_file():
    text = (
        FIXTURES / "long_social_care.csv"
    ).read_text() + "E09000012,2022/23,youth-justice,arrest,white-british,12.5,\n"
    with pytest.raises(LoadRefused) as refused:
        load_dataset(csv_file(text), Options(source="long"), provenance=PROVENANCE)
    assert refused.value.report.problems - NOTES == {"not_a_number": 1}
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    "code, kind",
    [
        ("E08000025", "outside London"),
        ("E0900001", "unknown"),
        ("W06000015", "outside London"),
        ("W0600001", "unknown"),
    ],
)
def test_a_code_outside_london_is_skipped_and_one_of_no_authority_is_an_error(code, kind):
    text = (
        f"la_code,period,measure,stage,ethnic_group,count,denominator\n{code},2022/23,youth-justice,arrest,Total,5,\n"
    )
    report = check(csv_file(text), Options(source="long"))
    assert report.problems == {kind: 1}


@pytest.mark.parametrize("number", ["1,000", "-3", "٣", "1e3", "", "12 children"])
def test_anything_but_ascii_digits_or_a_symbol_is_not_a_number(number):
    text = f'{LONG_HEADER}\nE09000012,2022,youth-justice,arrest,Total,"{number}",\n'
    assert check(csv_file(text), Options(source="long")).problems == {"not_a_number": 1}


def test_groups_adding_up_to_more_than_their_total_stop_the_load():
    text = (
        "la_code,period,measure,stage,ethnic_group,count,denominator\n"
        "E09000012,2022,youth-justice,arrest,Total,10,\n"
        "E09000012,2022,youth-justice,arrest,Indian,8,\n"
        "E09000012,2022,youth-justice,arrest,Pakistani,8,\n"
    )
    report = check(csv_file(text), Options(source="long"))
    assert not report.can_load
    assert report.examples["totals"][0].detail == "Hackney, 2022: total 10, its 2 detailed groups add up to 16"


def test_groups_off_their_total_by_no_more_than_the_publishers_rounding_load():
    lines = [LONG_HEADER, "E09000012,2022,youth-justice,arrest,Total,100,"]
    lines += ["E09000012,2022,youth-justice,arrest,Indian,55,", "E09000012,2022,youth-justice,arrest,Pakistani,50,"]
    report = check(csv_file("\n".join(lines) + "\n"), Options(source="long"))
    assert report.can_load and report.problems == {}  # rounded to 5 each: 105 may be 100


@pytest.mark.parametrize(
    ("rows", "kind"),
    [
        (
            ["E09000012,2022,youth-justice,arrest,Indian,8,", "E09000012,2022/23,youth-justice,arrest,Indian,9,"],
            "duplicate",
        ),
        (
            ["E09000012,2022,youth-justice,arrest,Total,20,", "E09000012,2022,youth-justice,arrest,Total,20,"],
            "duplicate",
        ),
        (["E09000012,2022,youth-justice,arrest,Indian,500,100"], "above_denominator"),
        (["E09000012,2030/31,youth-justice,arrest,Indian,8,"], "future_period"),
    ],
)
def test_repeated_rows_counts_above_their_denominator_and_future_periods_stop_the_load(rows, kind):
    text = "\n".join([LONG_HEADER, "E09000012,2022,youth-justice,arrest,Pakistani,8,", *rows]) + "\n"
    report = check(csv_file(text), Options(source="long"))
    assert (report.problems - NOTES, report.can_load) == ({kind: 1}, False)
    with pytest.raises(LoadRefused):
        load_dataset(csv_file(text), Options(source="long"), provenance=PROVENANCE)
    assert not Observation.objects.exists()


def test_command_loads_a_file_with_its_provenance(tmp_path):
    analyst(email="ana@example.org")
    out = io.StringIO()
    call_command(
        "load_dataset",
        str(FIXTURES / "census_ts021.csv"),
        "--source=census",
        "--confirm-all-ages",
        "--publisher=Office for National Statistics",
        "--by=ana@example.org",
        "--url=https://www.nomisweb.co.uk/sources/census_2021_bulk",
        stdout=out,
    )
    dataset = Dataset.objects.get()
    assert (dataset.publisher, dataset.row_count, dataset.file_name) == (
        "Office for National Statistics",
        50,
        "census_ts021.csv",
    )
    assert "Loaded 50 rows" in out.getvalue()


def test_command_refuses_a_file_with_problems_and_lists_them():
    analyst(email="ana@example.org")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "load_dataset",
            str(FIXTURES / "dfe_exclusions.csv"),
            "--source=long",
            "--publisher=DfE",
            "--by=ana@example.org",
            stdout=out,
        )
    assert "PROBLEM: The file is not in the format chosen" in out.getvalue()
    assert not Dataset.objects.exists()


def test_a_label_an_admin_maps_is_loaded_as_that_group():
    text = f"{LONG_HEADER}\nE09000012,2022,youth-justice,arrest,Black - Somali,12,\n"
    assert check(csv_file(text), Options(source="long")).problems == {"unmapped_group": 1}
    EthnicGroupLabel.objects.create(
        publisher="any", label="Black - Somali", group=EthnicGroup.objects.get(code="black-african")
    )
    load_dataset(csv_file(text), Options(source="long"), provenance=PROVENANCE)
    assert Observation.objects.get().ethnic_group.short_name == "Black African"


def test_check_only_exits_with_an_error_when_the_file_could_not_be_loaded(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(f"{LONG_HEADER}\nE09000012,2030/31,youth-justice,arrest,Indian,8,\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_dataset", str(path), "--source", "long", "--check-only", stdout=out)
    assert "PROBLEM: Periods after the current year: 1" in out.getvalue()


def test_a_file_with_only_a_header_is_a_problem_not_a_clean_report():
    report = check(csv_file(LONG_HEADER + "\n"), Options(source="long"))
    assert (report.problems, report.can_load) == ({"empty": 1}, False)
