"""One kind of denominator per view: the data file's own, when every figure has one, or else the population
loaded (the Census); a file's headcount is never called a population, and the page says which it used."""

import csv
import io

import pytest
from django.urls import reverse

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


def test_a_view_where_some_rows_have_their_own_denominator_uses_the_census_for_all(client):
    table, rows = arrests(
        client,
        "E09000012,2022/23,youth-justice,arrest,white-british,30,300",
        "E09000012,2022/23,youth-justice,arrest,black-caribbean,40,",
    )
    assert "82,808" in row(table, "White British") and "300" not in row(table, "White British")
    assert "15,854" in row(table, "Black Caribbean")
    assert "Population (children aged 0 to 17)" in table
    british = next(item for item in rows if item["ethnic_group"] == "White British")
    assert (british["denominator"], british["denominator_source"]) == ("82808", "population: children aged 0 to 17")


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
