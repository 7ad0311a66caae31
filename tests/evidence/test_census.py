"""The Census as the ONS publishes it: TS021's bulk file for England and Wales (London kept, the rest counted and
skipped) and an age-by-ethnic-group table, whose ages 0 to 17 are the children's population. TS021 counts all usual
residents of every age: loaded as the children's population only when the analyst confirms it.

census_ts021_england_wales.csv copies the layout of the ONS's Census 2021 bulk release of TS021 ("Ethnic group",
census2021-ts021-ltla.csv from nomis, 29 November 2022): its real column headers, one row per lower-tier local
authority, all 33 London boroughs (E09) and eight others (E06, E07, E08 and Welsh W06). Hackney's and Redbridge's
rows are the existing census_ts021.csv fixture's; every other count is invented (groups add up to their totals).
census_age_by_ethnic_group.csv is the same columns with an age band column, as an age-by-ethnic-group table (the
ONS's RM032 or a custom dataset from nomis) gives it; its counts are invented."""

import csv
import io
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from evidence.loading import Options, check, load_dataset
from evidence.models import Dataset, Observation
from tests.evidence.factories import FIXTURES, analyst, built

pytestmark = pytest.mark.django_db

TS021 = "census_ts021_england_wales.csv"
AGES = "census_age_by_ethnic_group.csv"
ALL_AGES = "These are all residents of every age, not children: rates per 1,000 residents, not per 1,000 children"
PROVENANCE = {"title": "Census 2021 TS021", "publisher": "Office for National Statistics"}


def fixture(name):
    return io.BytesIO((FIXTURES / name).read_bytes())


def rows_of(name):
    with open(FIXTURES / name, newline="") as file:
        return list(csv.DictReader(file))


def test_the_england_and_wales_file_keeps_londons_33_boroughs_and_skips_the_rest():
    report = check(fixture(TS021), Options(source="census", stage="population/all-residents"))
    outside = [row for row in rows_of(TS021) if not row["geography code"].startswith("E09")]
    assert report.can_load
    assert len(report.authorities) == 33
    assert report.rows == 33 * 25  # the total and 24 groups (5 high-level, 19 detailed) for each borough
    assert f"{len(outside)} areas outside London skipped" in report.summary()
    assert {kind for kind, count in report.problems.items()} == {"outside_area"}


def test_welsh_and_english_areas_outside_london_are_counted_not_refused():
    report = check(fixture(TS021), Options(source="census", stage="population/all-residents"))
    assert report.problems["outside_area"] == 8  # 3 Welsh (W06), 5 English (E06, E07, E08)
    assert "unknown" not in report.problems


def test_ts021_loaded_as_the_childrens_population_is_refused_unless_confirmed():
    report = check(fixture(TS021), Options(source="census", stage="population/children"))
    assert not report.can_load
    assert ALL_AGES in [description for _, description, _, _ in report.listed()]
    confirmed = check(fixture(TS021), Options(source="census", stage="population/children", confirm_all_ages=True))
    assert confirmed.can_load


def test_the_dataset_records_that_its_childrens_population_is_of_all_ages():
    options = Options(source="census", stage="population/children", confirm_all_ages=True)
    dataset = load_dataset(fixture(TS021), options, provenance=PROVENANCE)
    assert Dataset.objects.get(pk=dataset.pk).all_ages
    hackney = Observation.objects.get(local_authority__slug="hackney", ethnic_group=None)
    assert hackney.count == 259147


def test_the_command_refuses_ts021_as_children_without_confirm_all_ages():
    analyst(email="ana@example.org")
    arguments = [str(FIXTURES / TS021), "--source=census", "--publisher=ONS", "--by=ana@example.org"]
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("load_dataset", *arguments, stdout=out)
    assert ALL_AGES in out.getvalue() and "--confirm-all-ages" in out.getvalue()
    assert not Dataset.objects.exists()
    call_command("load_dataset", *arguments, "--confirm-all-ages", stdout=io.StringIO())
    assert Dataset.objects.get().all_ages


def test_the_preview_asks_for_the_confirmation_and_loads_once_it_is_given(client):
    client.force_login(analyst())
    data = {"file": io.BytesIO((FIXTURES / TS021).read_bytes()), "source": "census", "stage": "population/children"}
    data["file"].name = "ts021.csv"
    page = client.post(reverse("evidence:load"), data | PROVENANCE)
    assert ALL_AGES in page.content.decode()
    assert 'name="confirm_all_ages"' in page.content.decode()
    assert "Load 825 rows" not in page.content.decode()
    page = client.post(reverse("evidence:load_choices"), {"token": page.context["token"], "confirm_all_ages": "yes"})
    assert "Load 825 rows" in page.content.decode()
    client.post(reverse("evidence:load_confirm"), {"token": page.context["token"]})
    assert Dataset.objects.get().all_ages


def test_pages_name_an_all_ages_denominator_as_residents_of_all_ages(client):
    options = Options(source="census", stage="population/children", confirm_all_ages=True)
    load_dataset(fixture(TS021), options, provenance=PROVENANCE)
    text = "la_code,period,measure,stage,ethnic_group,count,denominator\n"
    text += "".join(f"E09000012,2021,youth-justice,arrest,{group},{count},\n" for group, count in
                    [("Total", 300), ("White British", 60), ("Black Caribbean", 40)])  # fmt: skip
    built(load_dataset(io.BytesIO(text.encode()), Options(source="long"), provenance=PROVENANCE))
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), {"area": "hackney", "period": "2021"})
    assert "per 1,000 residents of all ages" in page.content.decode()


CHILD_BANDS = {"Aged 4 years and under", "Aged 5 to 9 years", "Aged 10 to 15 years", "Aged 16 to 17 years"}
TOTAL = "Ethnic group: Total: All usual residents"
CARIBBEAN = "Ethnic group: Black, Black British, Black Welsh, Caribbean or African: Caribbean"


def children_by_area():
    """Each area's and group column's count of children aged 0 to 17, added up here from the file's bands."""
    children = defaultdict(int)
    for row in rows_of(AGES):
        if row["Age (6 categories)"] in CHILD_BANDS:
            for column in (TOTAL, CARIBBEAN):
                children[row["geography code"], column] += int(row[column])
    return children


def test_an_age_by_ethnic_group_table_loads_ages_0_to_17_as_children_without_confirmation():
    report = check(fixture(AGES), Options(source="census", stage="population/children"))
    assert report.can_load and "all_ages" not in report.problems
    dataset = load_dataset(fixture(AGES), Options(source="census", stage="population/children"), provenance=PROVENANCE)
    assert not dataset.all_ages
    expected = children_by_area()
    hackney = Observation.objects.filter(local_authority__slug="hackney", stage__slug="children")
    assert hackney.get(ethnic_group=None).count == expected["E09000012", TOTAL]
    assert hackney.get(ethnic_group__code="black-caribbean").count == expected["E09000012", CARIBBEAN]
    assert hackney.count() == 25


def test_an_age_band_across_17_and_18_is_refused_as_childrens():
    text = (FIXTURES / AGES).read_text().replace("Aged 16 to 17 years", "Aged 16 to 24 years")
    report = check(io.BytesIO(text.encode()), Options(source="census", stage="population/children"))
    assert not report.can_load
    assert report.examples["age_band"][0].detail.startswith("Aged 16 to 24 years")


def test_ages_0_to_17_not_all_given_are_refused_as_childrens():
    lines = [line for line in (FIXTURES / AGES).read_text().splitlines() if "Aged 5 to 9" not in line]
    report = check(io.BytesIO("\n".join(lines).encode()), Options(source="census", stage="population/children"))
    assert not report.can_load
    assert "5 to 9" in report.examples["age_gap"][0].detail


def test_a_symbol_in_a_childrens_age_band_makes_that_groups_sum_unknown_not_a_number():
    lines = (FIXTURES / AGES).read_text().splitlines()
    cells = next(csv.reader([lines[1]]))  # Hackney, aged 4 and under
    header = next(csv.reader([lines[0]]))
    cells[header.index(CARIBBEAN)] = "c"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    text = "\n".join([lines[0], buffer.getvalue().strip(), *lines[2:]]) + "\n"
    load_dataset(io.BytesIO(text.encode()), Options(source="census"), provenance=PROVENANCE)
    caribbean = Observation.objects.get(local_authority__slug="hackney", ethnic_group__code="black-caribbean")
    assert (caribbean.count, caribbean.symbol) == (None, "c")


def test_the_population_page_names_an_all_ages_population_as_residents_of_all_ages_in_every_output(client):
    options = Options(source="census", stage="population/children", confirm_all_ages=True)
    built(load_dataset(fixture(TS021), options, provenance=PROVENANCE))
    view = {"area": "hackney", "period": "2021"}
    page = client.get(reverse("evidence:measure", args=["population"]), view).content.decode()
    assert "Per 1,000 of residents of all ages" in page and "Per 1,000 of children aged 0 to 17" not in page
    response = client.get(reverse("evidence:measure_csv", args=["population"]), view)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    caribbean = next(row for row in rows if row["ethnic_group"] == "Black Caribbean" and row["count"])
    assert (caribbean["denominator"], caribbean["denominator_source"]) == (
        "259147",
        "population: residents of all ages",
    )
    api = client.get(reverse("evidence:api_measure_detail", args=["population"]), view).json()
    assert all(item["denominator_source"] for item in api["figures"] if item["denominator"])
