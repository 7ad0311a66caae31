"""The bar chart's geometry, read from the SVG as drawn: each value is written clear of its bar and its whisker."""

import struct
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from evidence.models import EthnicGroup
from tests.evidence.factories import load_csv, youth_justice_world

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def chart_url(file_format):
    return reverse("evidence:measure_chart", args=["youth-justice", "arrest", file_format])


def drawn(client, **params):
    """The bar chart inside the downloaded SVG, its width as drawn, and its rows with a bar."""
    chart = next(ET.fromstring(client.get(chart_url("svg"), params).content).iter(f"{SVG}svg"))
    rows = [row for row in chart.iter(f"{SVG}g") if row.find(f"{SVG}rect") is not None]
    return float(chart.get("viewBox").split()[2]), rows


def test_a_bars_value_sits_beyond_its_whisker_and_its_bar(client):
    youth_justice_world()
    width, rows = drawn(client, area="hackney", period="2022")
    assert len(rows) >= 3
    for row in rows:
        bar = row.find(f"{SVG}rect")
        value = [text for text in row.iter(f"{SVG}text") if text.get("class") == "chart__text"][-1]
        whiskers = [float(line.get(end)) for line in row.iter(f"{SVG}line") for end in ("x1", "x2")]
        right = max([float(bar.get("x")) + float(bar.get("width")), *whiskers])
        assert float(value.get("x")) >= right + 3, (value.text, value.get("x"), right)
        assert float(value.get("x")) + 7 * len(value.text) <= width  # and within the drawing


def test_a_stages_png_for_19_groups_is_about_as_tall_as_it_is_wide(client):
    groups = EthnicGroup.objects.filter(level="detailed").exclude(split="dfe").values_list("code", flat=True)
    rows = [f"E09000012,2022/23,youth-justice,arrest,{code},{10 + number}," for number, code in enumerate(groups)]
    load_csv("la_code,period,measure,stage,ethnic_group,count,denominator\n" + "\n".join(rows) + "\n")
    png = client.get(chart_url("png"), {"area": "hackney"}).content
    width, height = struct.unpack(">II", png[16:24])  # the PNG's header
    assert width == 1200 and height <= 1.2 * width, (width, height)
