"""A view names only the datasets whose rows are in it (its area, periods, stages and denominators), and says
its figures are illustrative only when generated figures are among them."""

import csv
import io
import re

import pytest
from django.urls import reverse

from evidence import protection
from evidence.models import Dataset
from tests.evidence.factories import analyst, load_csv, youth_justice_world
from tests.factories import dcs

pytestmark = pytest.mark.django_db

GENERATED = "LIIA portal (generated)"


@pytest.fixture
def world():
    """Hackney and Redbridge from the fixture (2021/22, 2022/23), and generated figures for Hackney in 2023/24."""
    youth_justice_world()
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    lines += [f"E09000012,2023/24,youth-justice,arrest,{group},40," for group in ("white-british", "black-caribbean")]
    generated = load_csv("\n".join(lines), title="Generated Hackney", publisher=GENERATED)
    Dataset.objects.filter(pk=generated.pk).update(is_illustrative=True)
    protection.build_all()  # as after marking it so in the admin: its cells know they are illustrative
    return generated


def api(client, **params):
    return client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), params).json()


def chart(client, **params):
    """The downloaded chart's heading, as read (its lines joined)."""
    url = reverse("evidence:measure_chart", args=["youth-justice", "arrest", "svg"])
    heading = client.get(url, params).content.decode().split('role="img"')[0]
    return " ".join(re.findall(r">([^<]*)</text>", heading))


def test_the_api_names_only_the_datasets_with_rows_in_the_view(client, world):
    official = api(client, area="hackney", period="2022")
    generated = api(client, area="hackney", period="2023")
    assert {dataset["title"] for dataset in official["datasets"]} == {"census_ts021.csv", "long_youth_justice.csv"}
    assert {dataset["title"] for dataset in generated["datasets"]} == {"census_ts021.csv", "Generated Hackney"}


def test_another_boroughs_figures_do_not_name_a_dataset_it_is_not_in(client, world):
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), {"area": "redbridge"}).content.decode()
    area = client.get(reverse("evidence:area", args=["redbridge"])).content.decode()
    assert "long_youth_justice.csv" in page and "Generated Hackney" not in page
    assert "long_youth_justice.csv" in area and "Generated Hackney" not in area


def test_a_chart_of_generated_figures_names_no_other_publisher_than_theirs_and_the_population(client, world):
    official = chart(client, area="hackney", period="2022")
    generated = chart(client, area="hackney", period="2023")
    assert "Source: Test publisher" in official and GENERATED not in official
    assert GENERATED in generated and "Test publisher" in generated  # the Census population the rates are of
    Dataset.objects.filter(title="census_ts021.csv").update(publisher="Office for National Statistics")
    assert "Test publisher" not in chart(client, area="hackney", period="2023")


def test_the_sub_region_and_london_name_the_datasets_of_their_boroughs(client, world):
    london = api(client, area="london", period="2023", level="high", comparison="white")
    # Only two boroughs' population is loaded: London's has parts missing, so its figures name no population.
    assert {dataset["title"] for dataset in london["datasets"]} == {"Generated Hackney"}


def test_the_banner_and_flags_follow_the_figures_shown(client, world):
    assert api(client, area="hackney", period="2022")["illustrative"] is False
    assert api(client, area="hackney", period="2023")["illustrative"] is True
    redbridge = client.get(reverse("evidence:measure", args=["youth-justice"]), {"area": "redbridge"})
    assert "Illustrative data" not in redbridge.content.decode()
    hackney = client.get(reverse("evidence:measure", args=["youth-justice"]), {"area": "hackney", "period": "2023"})
    assert "Illustrative data, not official statistics." in hackney.content.decode()
    csv_url = reverse("evidence:measure_csv", args=["youth-justice"])
    official = csv.DictReader(io.StringIO(client.get(csv_url, {"area": "hackney", "period": "2022"}).content.decode()))
    assert {row["data_status"] for row in official} == {"loaded data, published by Test publisher"}
    assert "Illustrative data" not in client.get(reverse("evidence:area", args=["redbridge"])).content.decode()
    assert "Illustrative data" not in client.get(reverse("local_authority_detail", args=["redbridge"])).content.decode()


def csv_statuses(client, **params):
    response = client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params)
    return {row["data_status"] for row in csv.DictReader(io.StringIO(response.content.decode()))}


def test_loaded_figures_are_never_called_official_statistics_only_said_who_published_them(client, world):
    Dataset.objects.filter(title="census_ts021.csv").update(publisher="Office for National Statistics")
    Dataset.objects.filter(title="long_youth_justice.csv").update(publisher="Hackney Council")
    assert csv_statuses(client, area="hackney", period="2022") == {
        "loaded data, published by Hackney Council; Office for National Statistics"
    }
    assert csv_statuses(client, area="hackney", period="2023") == {"Illustrative data, not official statistics"}


def test_who_loaded_the_figures_is_shown_to_signed_in_readers_and_never_to_the_public_or_the_api(client, world):
    loader = analyst(first_name="Ana", last_name="Costa")
    Dataset.objects.update(loaded_by=loader)
    measure_page = reverse("evidence:measure", args=["youth-justice"])
    pages = [(measure_page, {"area": "hackney", "period": "2022"}), (reverse("evidence:datasets"), {})]
    for url, params in pages:
        assert "by Ana Costa" not in client.get(url, params).content.decode(), url
    api_datasets = client.get(reverse("evidence:api_dataset_list")).content.decode()
    assert "Costa" not in api_datasets and "Costa" not in str(api(client, area="hackney", period="2022"))
    client.force_login(dcs())
    for url, params in pages:
        assert "by Ana Costa" in client.get(url, params).content.decode(), url
