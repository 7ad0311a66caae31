"""A rate is its own dataset's count over the denominator chosen for that dataset when it was loaded: each row's own
from the file, or the population loaded (the Census); never one chosen by what else is in the view. A file's headcount
is never called a population, the page says which each stage used, and groups are compared only like with like."""

import csv
import io

import pytest
from django.urls import reverse

from evidence.cube import MIXED, Cell, added_up
from evidence.figures import GroupFigure, same_kind
from evidence.loading import Options
from tests.evidence.factories import load_csv, load_fixture

pytestmark = pytest.mark.django_db

HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator"


def arrests(client, *rows):
    load_fixture("census_ts021.csv", Options(source="census"))  # Hackney: White British 82,808, Black Caribbean 15,854
    load_csv("\n".join([HEADER, *rows]) + "\n")
    params = {"area": "hackney", "period": "2022"}
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    download = client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params).content.decode()
    return page.split('id="stage-1"')[1].split("</table>")[0], list(csv.DictReader(io.StringIO(download)))


def row(table, group):
    return table.split(f'<th scope="row">{group}')[1].split("</tr>")[0]


def test_a_file_with_some_rows_own_denominators_has_its_rates_of_the_census_unless_chosen_otherwise(client):
    table, rows = arrests(
        client,
        "E09000012,2022/23,youth-justice,arrest,white-british,30,300",
        "E09000012,2022/23,youth-justice,arrest,black-caribbean,40,",
    )
    assert "82,808" in row(table, "White British") and "300" not in row(table, "White British")
    assert "15,854" in row(table, "Black Caribbean")
    assert "Population (residents of all ages)" in table
    british = next(item for item in rows if item["ethnic_group"] == "White British")
    assert (british["denominator"], british["denominator_source"]) == ("82808", "population: residents of all ages")


def test_a_view_where_every_row_has_its_denominator_uses_the_files_and_never_calls_it_population(client):
    table, rows = arrests(
        client,
        "E09000012,2022/23,youth-justice,arrest,white-british,30,3000",
        "E09000012,2022/23,youth-justice,arrest,black-caribbean,40,1000",
    )
    assert "3,000" in row(table, "White British") and "82,808" not in table
    assert "Population" not in table and "Denominator (from the data file)" in table
    assert "40.0" in row(table, "Black Caribbean")  # 40 per 1,000
    assert {item["denominator_source"] for item in rows if item["denominator"]} == {"data file"}


def test_each_stage_uses_its_own_datasets_denominator_whatever_the_other_stages_have(client):
    load_fixture("census_ts021.csv", Options(source="census"))
    load_csv(
        HEADER + "\nE09000012,2022/23,youth-justice,arrest,white-british,30,3000\n"
        "E09000012,2022/23,youth-justice,arrest,black-caribbean,40,1000\n",
        title="Arrests with headcounts",
    )
    load_csv(
        HEADER + "\nE09000012,2022/23,youth-justice,caution-or-court,white-british,10,\n"
        "E09000012,2022/23,youth-justice,caution-or-court,black-caribbean,20,\n",
        title="Cautions",
    )
    params = {"area": "hackney", "period": "2022"}
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    arrest, caution = (page.split(f'id="stage-{n}"')[1].split("</table>")[0] for n in (1, 2))
    assert "Denominator (from the data file)" in arrest and "40.0" in row(arrest, "Black Caribbean")
    assert "Population (residents of all ages)" in caution and "15,854" in row(caution, "Black Caribbean")
    download = client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params).content.decode()
    rows = {(item["stage"], item["ethnic_group"]): item for item in csv.DictReader(io.StringIO(download))}
    assert rows[("Arrest", "Black Caribbean")]["denominator_source"] == "data file"
    assert rows[("Caution or court", "Black Caribbean")]["denominator_source"] == "population: residents of all ages"
    assert float(rows[("Caution or court", "Black Caribbean")]["index_from_stage_before"]) == pytest.approx(
        (20 / 40) / (10 / 30), abs=0.0005
    )


def test_a_sum_of_figures_with_different_kinds_of_denominator_has_none_and_is_compared_with_nothing():
    file, population = Cell(30, denominator=300, basis="file"), Cell(20, basis="population")
    assert added_up([file, population]).basis == MIXED
    assert added_up([file, Cell(5, denominator=50, basis="file")]).denominator == 350
    assert added_up([file, Cell(5, basis="file", illustrative=True)]).illustrative is None
    figures = [GroupFigure(None, 30, "", 300, basis="file"), GroupFigure(None, 20, "", 2000, basis="population")]
    assert not same_kind(*figures) and same_kind(*figures, basis=False)
    assert not same_kind(
        GroupFigure(None, 3, "", 30, basis="file"), GroupFigure(None, 3, "", 30, basis="file", illustrative=True)
    )
