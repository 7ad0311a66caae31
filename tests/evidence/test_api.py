"""The evidence endpoints of the JSON API: the page's figures, small numbers hidden, in the OpenAPI description."""

import csv
import io

import pytest
from django.urls import reverse

from tests.evidence.factories import load_csv, youth_justice_world

pytestmark = pytest.mark.django_db


def test_measure_figures_hide_small_counts_and_say_why(client):
    youth_justice_world()
    data = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), {"area": "hackney"}).json()
    roma = next(f for f in data["figures"] if f["ethnic_group"] == "Roma" and f["stage"] == "Arrest")
    caribbean = next(f for f in data["figures"] if f["ethnic_group"] == "Black Caribbean" and f["stage"] == "Arrest")
    assert (data["area"], data["period"], data["comparison_group"]) == ("hackney", "2022/23", "white-british")
    assert (roma["count"], roma["count_note"], roma["rate_per_1000"], roma["rate_index"]) == (
        None,
        "hidden to protect small numbers",
        None,
        None,
    )
    assert (
        caribbean["count"] >= 5 and caribbean["rate_index"] > 1 and caribbean["reading"].startswith("Black Caribbean")
    )
    assert {dataset["title"] for dataset in data["datasets"]} == {"census_ts021.csv", "long_youth_justice.csv"}


def test_unknown_measure_is_a_404_with_a_message(client):
    response = client.get(reverse("evidence:api_measure_detail", args=["nothing"]))
    assert response.status_code == 404 and response.json() == {"error": "There is no measure with this slug."}


def test_datasets_and_measures_are_listed(client):
    youth_justice_world()
    datasets = client.get(reverse("evidence:api_dataset_list")).json()["results"]
    measures = client.get(reverse("evidence:api_measure_list")).json()["results"]
    assert {dataset["publisher"] for dataset in datasets} == {"Test publisher"}
    youth_justice = next(measure for measure in measures if measure["slug"] == "youth-justice")
    assert [stage["slug"] for stage in youth_justice["stages"]] == ["arrest", "caution-or-court", "custody"]


def test_the_openapi_description_includes_the_evidence_endpoints(client):
    paths = client.get(reverse("api_schema")).json()["paths"]
    assert {"/evidence/datasets/", "/evidence/measures/", "/evidence/measures/{slug}/"} <= set(paths)


@pytest.mark.parametrize(
    ("params", "status", "parameter"),
    [
        ({"area": "nope"}, 404, "area"),
        ({"period": "-1"}, 400, "period"),
        ({"period": "99999999999999999999"}, 400, "period"),
        ({"period": "2018"}, 400, "period"),
        ({"comparison": "nope"}, 400, "comparison"),
        ({"level": "xyz"}, 400, "level"),
        ({"level": "high", "comparison": "white-british"}, 400, "comparison"),
    ],
)
def test_parameters_not_understood_are_refused_with_a_message_not_replaced(client, params, status, parameter):
    youth_justice_world()
    response = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), params)
    assert response.status_code == status and response.json()["error"].startswith(f"{parameter}: ")
    download = client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params)
    assert download.status_code == status


def test_the_evidence_api_root_is_an_index_of_measures_areas_periods_and_links(client):
    youth_justice_world()
    response = client.get("/api/v1/evidence/")
    data = response.json()
    assert response.status_code == 200
    youth_justice = next(measure for measure in data["measures"] if measure["slug"] == "youth-justice")
    assert youth_justice["url"] == "http://testserver/api/v1/evidence/measures/youth-justice/"
    assert {"slug": "hackney", "name": "Hackney", "type": "local authority"} in data["areas"]
    assert {"slug": "london", "name": "London", "type": "london"} in data["areas"]
    assert {"year": 2022, "label": "2022/23"} in data["periods"]
    assert data["links"]["datasets"] == "http://testserver/api/v1/evidence/datasets/"
    assert "/evidence/" in client.get(reverse("api_schema")).json()["paths"]


def notes(client, level):
    params = {"area": "hackney", "period": "2023", "level": level}
    data = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), params).json()
    return {
        f["ethnic_group"]: f["count_note"] for f in data["figures"] if f["stage"] == "Arrest" and f["count"] is None
    }


def test_a_hidden_figure_says_it_is_hidden_and_one_with_a_part_missing_says_so(client):
    """The second tester's Hackney arrests: a total of 74 with three groups, Indian 3. Neither the 3 nor what is
    hidden beside it (the total, or a group) reads as 'too few' (a label telling them apart would say which is not
    small); the 5-group Black figure, its other parts missing, is not available. The CSV and the OpenAPI say so."""
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    for group, count in (("white-british", 30), ("black-caribbean", 41), ("indian", 3), ("Total", 74)):
        lines.append(f"E09000012,2023,youth-justice,arrest,{group},{count},")
    load_csv("\n".join(lines) + "\n")
    detailed, high = notes(client, "detailed"), notes(client, "high")
    assert detailed.pop("Indian") == "hidden to protect small numbers"
    assert set(detailed.values()) == {"no data", "hidden to protect small numbers"}
    assert high["Black"] == high["Asian"] == "not available: a part is missing"
    assert "too few to show" not in {*detailed.values(), *high.values()}
    params = {"area": "hackney", "period": "2023"}
    download = client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params).content.decode()
    assert "hidden to protect small numbers" in download and "too few to show" not in download
    schema = client.get(reverse("api_schema")).json()["components"]["schemas"]["EvidenceFigure"]
    assert {"hidden to protect small numbers", "not available: a part is missing"} <= set(
        schema["properties"]["count_note"]["enum"]
    )


def test_the_reading_agrees_with_the_interval_given_beside_it(client):
    """The second tester's Hackney arrests: Black African 95 of 6,844 against White British 183 of 16,917."""
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    for group, count, denominator in (("white-british", 183, 16917), ("black-african", 95, 6844)):
        lines.append(f"E09000012,2023,youth-justice,arrest,{group},{count},{denominator}")
    load_csv("\n".join(lines) + "\n")
    params = {"area": "hackney", "period": "2023"}
    data = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), params).json()
    african = next(f for f in data["figures"] if f["ethnic_group"] == "Black African" and f["stage"] == "Arrest")
    assert (african["index_low_95"], african["index_high_95"]) == (1.003, 1.641)
    assert "we can be confident this is not chance, if only just" in african["reading"]
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    assert "1.28 (1.003 to 1.64)" in page and "1.00 to" not in page


def test_a_comparison_group_whose_count_is_hidden_gets_no_index_in_the_api_the_csv_or_the_page(client):
    youth_justice_world()  # Hackney 2022/23: Roma's count at arrest is hidden
    params = {"area": "hackney", "comparison": "roma"}
    data = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), params).json()
    roma = next(f for f in data["figures"] if f["ethnic_group"] == "Roma" and f["stage"] == "Arrest")
    assert roma["rate_index"] is None and "too few to say" in roma["reading"]
    response = client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params)
    row = next(row for row in csv.DictReader(io.StringIO(response.content.decode())) if row["ethnic_group"] == "Roma")
    assert (row["rate_index"], row["reading"]) == ("", roma["reading"])
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    assert "1 (comparison)" not in page.split('id="stage-1"')[1].split("</table>")[0]
