"""The measure, area, index and dataset pages: what a reader sees, chooses in the URL, and downloads."""

import csv
import io

import pytest
from django.urls import reverse

from evidence import protection
from evidence.loading import Options, load_dataset
from evidence.models import Dataset
from tests import factories
from tests.evidence.factories import built, youth_justice_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return youth_justice_world()


def measure_page(client, **params):
    return client.get(reverse("evidence:measure", args=["youth-justice"]), params)


def test_measure_page_shows_each_stage_as_chart_table_and_summary(client, world):
    page = measure_page(client, area="hackney", period="2022")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Youth justice by ethnic group: Hackney, 2022/23" in text
    assert "Arrest → Caution or court → Custody" in text
    assert text.count('role="img"') == 6  # three stages' bar charts and their line charts over time
    assert '<title id="bar-0-title">Youth justice: arrest per 1,000, by ethnic group, Hackney, 2022/23</title>' in text
    assert (
        "Black Caribbean children were" in text and "times as likely as White British children to be arrested" in text
    )


def test_counts_under_five_are_never_shown_and_their_rates_are_too_few_to_say(client, world):
    text = measure_page(client, area="hackney", period="2022").content.decode()
    roma_row = text.split('<th scope="row">Roma</th>')[1].split("</tr>")[0]  # Roma: 2 arrests
    assert "hidden to protect small numbers" in roma_row and "too few to say" in roma_row
    assert "2" not in roma_row.replace("95%", "")


def test_the_comparison_group_comes_from_the_url(client, world):
    text = measure_page(client, area="hackney", comparison="black-african").content.decode()
    assert "Rate index against Black African" in text
    assert "Black African (comparison)" in text


def test_high_level_groups_when_asked(client, world):
    text = measure_page(client, area="hackney", level="high", comparison="white").content.decode()
    assert '<th scope="row">Black</th>' in text
    assert "Black Caribbean" not in text.split('<h2 id="trend-heading-')[0].split("Compared with")[1]


@pytest.mark.parametrize(
    "params",
    [
        {"period": "٢٠٢٢"},
        {"period": "99999999999999999999999"},
        {"area": "atlantis"},
        {"level": "galaxy"},
        {"comparison": "x" * 5000},
        {"period": "2022\x00"},
    ],
)
def test_a_hand_edited_url_falls_back_to_the_defaults(client, world, params):
    text = measure_page(client, **params).content.decode()
    assert "Youth justice by ethnic group: London, 2022/23" in text
    assert '<option value="detailed" selected>' in text
    assert '<option value="white-british" selected>' in text


def test_practice_on_the_theme_and_from_the_borough_is_listed(client, world):
    factories.published("Reducing custody remands", "Hackney", "youth-justice")
    factories.published("Stop and search review", "Camden", "youth-justice")
    text = measure_page(client, area="hackney").content.decode()
    assert "Reducing custody remands" in text and "Stop and search review" in text
    assert "From Hackney" in text


def test_every_page_names_its_sources_and_illustrative_data_is_bannered(client, world):
    Dataset.objects.filter(pk=world.pk).update(is_illustrative=True, publisher="LIIA demo")
    protection.build_all()  # as after marking it so in the admin: its cells know they are illustrative
    for url in [
        reverse("evidence:measure", args=["youth-justice"]) + "?area=hackney",  # London's rates have no population
        reverse("evidence:area", args=["hackney"]),
        reverse("evidence:index"),
        reverse("evidence:datasets"),
    ]:
        text = client.get(url).content.decode()
        assert "Illustrative data, not official statistics." in text, url
        assert "LIIA demo" in text and "census_ts021.csv" in text, url


def test_area_page_shows_each_measure_with_an_index_for_each_group_at_each_stage(client, world):
    text = client.get(reverse("evidence:area", args=["hackney"])).content.decode()
    assert "Youth justice, 2022/23" in text
    assert '<th scope="col" class="text-end">Custody</th>' in text
    assert "White British (comparison)" in text
    bangladeshi = text.split('<th scope="row">Bangladeshi</th>')[1].split("</tr>")[0]  # no youth justice rows
    assert bangladeshi.count("no data") == 3


def test_csv_download_has_the_page_figures_and_hides_small_counts(client, world):
    response = client.get(
        reverse("evidence:measure_csv", args=["youth-justice"]), {"area": "hackney", "period": "2022"}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"] == 'attachment; filename="youth-justice-hackney-2022.csv"'
    roma = next(row for row in rows if row["ethnic_group"] == "Roma" and row["stage"] == "Arrest")
    assert (roma["count"], roma["count_note"], roma["rate_per_1000"]) == ("", "hidden to protect small numbers", "")
    assert all(not row["count"] or int(row["count"]) >= 5 or int(row["count"]) == 0 for row in rows)


def test_chart_downloads_as_svg_and_png(client, world):
    svg = client.get(reverse("evidence:measure_chart", args=["youth-justice", "arrest", "svg"]), {"area": "hackney"})
    png = client.get(reverse("evidence:measure_chart", args=["youth-justice", "arrest", "png"]), {"area": "hackney"})
    assert svg["Content-Type"] == "image/svg+xml" and b'<title id="chart-title">' in svg.content
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert client.get(reverse("evidence:measure_chart", args=["youth-justice", "arrest", "gif"])).status_code == 404
    assert client.get(reverse("evidence:measure_chart", args=["youth-justice", "no-stage", "svg"])).status_code == 404


def test_demo_figures_say_they_are_illustrative_in_headlines_and_every_download(client, world):
    Dataset.objects.update(is_illustrative=True)
    protection.build_all()  # as after marking them so in the admin
    theme = client.get(reverse("theme_detail", args=["youth-justice"])).content.decode()
    hackney = client.get(reverse("local_authority_detail", args=["hackney"])).content.decode()
    assert (
        "Illustrative data, not official statistics." in theme
        and "Illustrative data, not official statistics." in hackney
    )
    params = {"area": "hackney", "period": "2022"}
    rows = csv.DictReader(
        io.StringIO(client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params).content.decode())
    )
    assert {row["data_status"] for row in rows} == {"Illustrative data, not official statistics"}
    svg = client.get(
        reverse("evidence:measure_chart", args=["youth-justice", "arrest", "svg"]), params
    ).content.decode()
    heading = svg.split('<svg y="')[0]
    assert "Youth justice: arrest per 1,000, by ethnic group, Hackney," in heading and "2022/23" in heading
    assert "Illustrative data, not official statistics" in heading and "Rate per 1,000" in heading
    trend = client.get(reverse("evidence:measure_trend", args=["youth-justice", "svg"]), params).content.decode()
    assert "Illustrative data, not official statistics" in trend.split('<svg y="')[0]
    png = client.get(reverse("evidence:measure_chart", args=["youth-justice", "arrest", "png"]), params).content
    assert png.startswith(b"\x89PNG")


def test_official_figures_carry_no_illustrative_notice(client, world):
    params = {"area": "hackney", "period": "2022"}
    hackney = client.get(reverse("local_authority_detail", args=["hackney"])).content.decode()
    svg = client.get(
        reverse("evidence:measure_chart", args=["youth-justice", "arrest", "svg"]), params
    ).content.decode()
    assert "Illustrative data" not in hackney and "Illustrative data" not in svg and "Source: Test publisher" in svg


def test_pages_say_what_they_show_instead_of_a_choice_not_understood(client, world):
    assert "There is no such area; showing London." in measure_page(client, area="nope").content.decode()
    text = measure_page(client, area="hackney", period="2018", level="high", comparison="nobody").content
    assert "There are no figures for that period; showing 2022/23." in text.decode()
    assert "That comparison group is not one of these groups; comparing with White." in text.decode()
    area = client.get(reverse("evidence:area", args=["hackney"]), {"period": "1999"}).content.decode()
    assert "There are no figures for that period; showing 2022/23." in area
    assert "There is no such area" not in measure_page(client, area="hackney").content.decode()


def test_the_default_period_is_the_latest_with_complete_figures_for_the_area_in_view(client, world):
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    lines += [f"E09000012,2024/25,youth-justice,arrest,{group},40," for group in ("white-british", "black-caribbean")]
    built(
        load_dataset(
            io.BytesIO("\n".join(lines).encode()), Options(source="long"), provenance={"title": "t", "publisher": "p"}
        )
    )
    hackney = measure_page(client, area="hackney").content.decode()
    assert "Youth justice by ethnic group: Hackney, 2022/23" in hackney  # its 2024/25 has 2 of its 6 groups
    more = ["white-british", "black-caribbean", "black-african", "indian", "pakistani", "roma"]
    more = [f"E09000012,2024/25,youth-justice,arrest,{group},40," for group in more]
    built(
        load_dataset(
            io.BytesIO("\n".join([lines[0], *more]).encode()),
            Options(source="long"),
            provenance={"title": "every group", "publisher": "p"},
            replace=True,
        )
    )
    assert "Youth justice by ethnic group: Hackney, 2024/25" in measure_page(client, area="hackney").content.decode()
    redbridge = measure_page(client, area="redbridge").content.decode()  # London: incomplete in this fixture
    assert "Youth justice by ethnic group: Redbridge, 2022/23" in redbridge
    assert "children'" not in redbridge


def test_a_stage_without_figures_says_so_rather_than_that_no_difference_is_clear(client, world):
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    lines += [f"E09000012,2024/25,youth-justice,arrest,{group},40," for group in ("white-british", "black-caribbean")]
    built(
        load_dataset(
            io.BytesIO("\n".join(lines).encode()), Options(source="long"), provenance={"title": "t", "publisher": "p"}
        )
    )
    text = measure_page(client, area="hackney", period="2024/25").content.decode()
    assert "There are no figures to compare for Hackney in 2024/25 at this stage." in text  # custody: none loaded


def test_pages_without_data_say_so(client):
    assert "No figures have been loaded for this measure yet." in measure_page(client).content.decode()
    assert "No figures have been loaded yet." in client.get(reverse("evidence:area", args=["hackney"])).content.decode()


def test_unknown_area_is_not_found(client, world):
    assert client.get(reverse("evidence:area", args=["atlantis"])).status_code == 404


def test_theme_and_local_authority_pages_show_their_key_measures(client, world):
    theme = client.get(reverse("theme_detail", args=["youth-justice"])).content.decode()
    hackney = client.get(reverse("local_authority_detail", args=["hackney"])).content.decode()
    assert "Youth justice by ethnic group, London" in theme
    assert "Youth justice by ethnic group, Hackney, 2022/23</a>: Black Caribbean children were" in hackney
    assert reverse("evidence:area", args=["hackney"]) in hackney


def test_a_theme_without_measures_shows_no_evidence_section(client, world):
    assert "Evidence:" not in client.get(reverse("theme_detail", args=["send"])).content.decode()


def test_a_population_measure_shows_each_groups_share_not_a_rate_of_itself_or_too_few(client, world):
    page = client.get(reverse("evidence:measure", args=["population"]), {"area": "hackney"}).content.decode()
    text = page.split("Counts from 1 to")[0]  # the sources' general note on small numbers below
    assert "too few" not in text and "Rate index" not in text and "rate per 1,000" not in text.lower()
    assert "Per 1,000 of residents of all ages" in text  # the world's TS021, confirmed as the children's population
    white_british = text.split('<th scope="row">White British</th>')[1].split("</tr>")[0]
    assert "82,808" in white_british and "319.5" in white_british  # 82,808 of 259,147


def test_a_population_measure_offers_no_comparison_group_as_it_shows_no_indices(client, world):
    page = client.get(reverse("evidence:measure", args=["population"]), {"area": "hackney"}).content.decode()
    assert 'name="comparison"' not in page and "Compared with" not in page
    assert 'name="level"' in page  # the other choices stay
