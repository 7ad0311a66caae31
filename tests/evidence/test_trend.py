"""The "over time" part of a measure page: a line never joins points that are not comparable (another dataset,
another kind of denominator, periods missing between them), the table says which periods come from where,
periods sit on the axis by time with labels that never overlap, and every stage with figures has its trend."""

import re

import pytest
from django.urls import reverse

from evidence import charts
from tests.evidence.factories import load_csv, youth_justice_world

pytestmark = pytest.mark.django_db
HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator"
GROUPS = {"white-british": (40, 4000), "black-caribbean": (30, 1000)}


@pytest.fixture
def world():
    """Hackney's arrests: 2018/19 from an old file (rates of the population), 2021/22 and 2022/23 from the
    fixture (the population too), 2023/24 from a file with its own denominators; 2019/20 and 2020/21 missing."""
    youth_justice_world()
    old = [f"E09000012,2018/19,youth-justice,arrest,{group},{count}," for group, (count, _) in GROUPS.items()]
    load_csv("\n".join([HEADER, *old]), title="Old file")
    own = [f"E09000012,2023/24,youth-justice,arrest,{group},{c},{d}" for group, (c, d) in GROUPS.items()]
    load_csv("\n".join([HEADER, *own]), title="Headcount file")


def page(client, **params):
    return client.get(
        reverse("evidence:measure", args=["youth-justice"]), {"area": "hackney", **params}
    ).content.decode()


def trend_section(text, stage="arrest"):
    return text.split(f'<h2 id="trend-heading-{stage}">')[1].split("</section>")[0]


def first_line(section):
    """The polylines and marks of the first group's line (the comparison group, White British)."""
    line = section.split('<g class="chart__line">')[1].split("</g>")[0]
    polylines = [points.split() for points in re.findall(r'<polyline points="([^"]*)"', line)]
    marks = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', line)]
    return polylines, marks


def test_the_line_is_broken_where_the_dataset_or_the_denominator_changes_and_where_periods_are_missing(client, world):
    polylines, marks = first_line(trend_section(page(client, period="2023")))
    assert len(marks) == 4  # 2018/19, 2021/22, 2022/23, 2023/24: each a point
    assert len(polylines) == 1  # only 2021/22 to 2022/23 are joined
    assert [float(point.split(",")[0]) for point in polylines[0]] == [marks[1], marks[2]]


def test_periods_are_spaced_on_the_axis_by_time(client, world):
    _, marks = first_line(trend_section(page(client, period="2023")))
    year = marks[2] - marks[1]
    assert marks[1] - marks[0] == pytest.approx(3 * year, abs=0.2)  # three years from 2018/19 to 2021/22
    assert marks[3] - marks[2] == pytest.approx(year, abs=0.2)


def test_the_table_says_which_periods_come_from_which_source_and_denominator(client, world):
    section = trend_section(page(client, period="2023"))
    note = section.split('class="evidence-note evidence-trend-sources"')[1].split("</div>")[0]
    assert "2018/19: Old file, per 1,000 of the group&#x27;s population" in note
    assert "2021/22 to 2022/23: long_youth_justice.csv, per 1,000 of the group&#x27;s population" in note
    assert "2023/24: Headcount file, per 1,000 of the data file&#x27;s own denominators" in note
    assert "not comparable" in note and "missing" in note


def test_x_axis_labels_never_overlap_and_stay_inside_the_chart():
    years = list(range(2000, 2015)) + list(range(2019, 2025))
    labels = {year: f"{year}/{(year + 1) % 100:02d}" for year in years}
    chart = charts.line_chart({"group": dict.fromkeys(years, 10.0)}, labels, [years[:15], years[15:]])
    shown = [(float(period["x"]), period["label"]) for period in chart["periods"] if period["label"]]
    assert shown[0][1] == "2000/01" and shown[-1][1] == "2024/25"
    for (x1, a), (x2, b) in zip(shown, shown[1:], strict=False):
        assert x2 - x1 >= (charts.label_width(a) + charts.label_width(b)) / 2
    assert all(x - charts.label_width(label) / 2 >= 0 for x, label in shown)
    assert all(x + charts.label_width(label) / 2 <= charts.WIDTH for x, label in shown)
    assert len(chart["periods"]) == len(years)  # a tick for every period, labelled or not


def test_every_stage_with_figures_has_its_trend_even_when_the_period_has_only_a_later_stage(client, world):
    custody = [f"E09000012,2024/25,youth-justice,custody,{group},{count}," for group, (count, _) in GROUPS.items()]
    load_csv("\n".join([HEADER, *custody]), title="Custody only")
    text = page(client, period="2024")
    section = trend_section(text, "custody")
    assert "Custody over time" in section and '<th scope="col" class="text-end">2024/25</th>' in section
    assert '<h2 id="trend-heading-arrest">' in text and '<h2 id="trend-heading-caution-or-court">' in text


def test_each_stages_trend_downloads_as_its_own_chart(client, world):
    url = reverse("evidence:measure_stage_trend", args=["youth-justice", "custody", "svg"])
    response = client.get(url, {"area": "hackney"})
    assert response.status_code == 200 and b"custody per 1,000 over time, Hackney" in response.content
    missing = reverse("evidence:measure_stage_trend", args=["youth-justice", "no-such-stage", "svg"])
    assert client.get(missing, {"area": "hackney"}).status_code == 404
