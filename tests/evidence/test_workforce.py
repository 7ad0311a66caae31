"""The workforce by grade against the population served: each grade's share of staff from each group, beside
that group's share of the children in the area."""

import pytest
from django.urls import reverse

from evidence.loading import Options
from tests.evidence.factories import load_csv, load_fixture

pytestmark = pytest.mark.django_db

HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator"


def test_each_grades_share_from_each_group_is_shown_beside_the_groups_share_of_children(client):
    load_fixture("census_ts021.csv", Options(source="census"))  # Hackney children: 259,147; White British 82,808
    rows = [
        ("social-worker", "white-british", 60),
        ("social-worker", "black-african", 40),
        ("social-worker", "Total", 200),
        ("senior-manager", "white-british", 16),
        ("senior-manager", "black-african", 3),
        ("senior-manager", "Total", 20),
    ]
    load_csv("\n".join([HEADER, *(f"E09000012,2022/23,social-care-workforce,{s},{g},{c}," for s, g, c in rows)]))
    page = client.get(reverse("evidence:measure", args=["social-care-workforce"]), {"area": "hackney"}).content
    text = page.decode()
    shares = text.split('id="shares-caption"')[1].split("</table>")[0]
    assert "Share of each grade from each ethnic group, beside its share of children served" in shares
    british = shares.split('<th scope="row">White British</th>')[1].split("</tr>")[0]
    assert "32.0%" in british and "30.0%" in british  # 82,808 of 259,147; 60 of 200
    african = shares.split('<th scope="row">Black African</th>')[1].split("</tr>")[0]
    assert "11.3%" in african and "20.0%" in african and "15.0%" not in african  # 3 of 20 is hidden
