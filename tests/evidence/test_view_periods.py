"""Periods as a view reads and shows them: a period the area has no figures for is "no data" (or left out),
never "too few to say"; the API refuses every such period alike; a period may be named as readers see it."""

import pytest
from django.urls import reverse

from tests.evidence.factories import load_csv, youth_justice_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Hackney and Redbridge in 2021/22 and 2022/23; Hackney alone in 2023/24, for two groups."""
    youth_justice_world()
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    lines += [f"E09000012,2023/24,youth-justice,arrest,{group},40," for group in ("white-british", "black-caribbean")]
    load_csv("\n".join(lines), title="Hackney 2023/24")


def trend_table(client, **params):
    text = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    return text.split('<caption id="trend-caption-arrest">')[1].split("</table>")[0]


def row(table, group):
    return table.split(f'<th scope="row">{group}</th>')[1].split("</tr>")[0]


def test_the_trend_says_no_data_where_the_group_has_none_and_too_few_only_for_small_numbers(client, world):
    table = trend_table(client, area="hackney", period="2023", focus="roma")
    assert row(table, "Roma").count("too few to say") == 2 and row(table, "Roma").count("no data") == 1


def test_the_trend_leaves_out_periods_the_area_has_no_figures_for(client, world):
    redbridge = trend_table(client, area="redbridge")
    assert "2022/23" in redbridge and "2023/24" not in redbridge
    assert "2023/24" in trend_table(client, area="hackney")


@pytest.mark.parametrize("period", ["2023", "2018"])
def test_the_api_refuses_every_period_without_figures_for_the_area_alike(client, world, period):
    response = client.get(
        reverse("evidence:api_measure_detail", args=["youth-justice"]), {"area": "redbridge", "period": period}
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("period: There are no figures for")


def test_a_page_asked_for_a_period_the_area_has_no_figures_for_says_so(client, world):
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), {"area": "redbridge", "period": "2023"})
    text = page.content.decode()
    assert "There are no figures for Redbridge in 2023/24; showing 2022/23." in text
    assert '<option value="2023"' not in text  # the period list offers the area's periods


@pytest.mark.parametrize("period", ["2022/23", "2022"])
def test_a_period_is_read_as_readers_see_it_or_as_its_year(client, world, period):
    params = {"area": "hackney", "period": period}
    api = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), params)
    chart = client.get(reverse("evidence:measure_chart", args=["youth-justice", "arrest", "svg"]), params)
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    assert api.status_code == 200 and api.json()["period"] == "2022/23"
    assert chart.status_code == 200 and b"Hackney, 2022/23" in chart.content
    assert "Youth justice by ethnic group: Hackney, 2022/23" in page and "; showing" not in page


def test_the_trend_follows_the_group_chosen_to_follow_once_the_page_is_cached(client, world):
    trend_table(client, area="hackney", period="2023")  # kept, without a group to follow
    assert '<th scope="row">Roma</th>' in trend_table(client, area="hackney", period="2023", focus="roma")


def test_the_trend_download_follows_the_same_group_as_the_page(client, world):
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), {"area": "hackney", "focus": "roma"})
    link = page.content.decode().split('href="/evidence/measures/youth-justice/arrest/trend.svg?')[1].split('"')[0]
    assert "focus=roma" in link.replace("&amp;", "&")


def test_a_period_whose_every_count_is_hidden_has_figures_too_small_to_show_not_none(client, world):
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    lines += [f"E09000026,2023/24,youth-justice,arrest,{group},2," for group in ("white-british", "black-caribbean")]
    load_csv("\n".join(lines), title="Redbridge 2023/24, small")
    params = {"area": "redbridge", "period": "2023/24"}
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    assert "There are no figures for Redbridge" not in page and "hidden to protect small numbers" in page
    api = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), params)
    assert api.status_code == 200


def test_a_comparison_group_without_figures_reads_no_data_in_the_table_not_1(client, world):
    params = {"area": "hackney", "period": "2023", "comparison": "black-african"}
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    table = page.split('id="stage-1"')[1].split("</table>")[0]
    comparison = row(table, "Black African (comparison)")
    assert "1 (comparison)" not in comparison and comparison.count("no data") == 3  # number, rate, index
    assert "no Black African figures to compare with" in row(table, "Black Caribbean")
