"""The groups a reader may compare with are those with figures in the view; a comparison with none says so."""

import pytest
from django.urls import reverse

from tests.evidence.factories import load_csv, youth_justice_world

pytestmark = pytest.mark.django_db

NO_BANGLADESHI = "There are no figures for Bangladeshi children here; choose another group to compare with."


@pytest.fixture
def world():
    return youth_justice_world()  # Hackney: White British, Black Caribbean, Black African, Indian, Pakistani, Roma


def page(client, **params):
    return client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()


def offered(text):
    select = text.split('name="comparison"')[1].split("</select>")[0]
    return [option.split('"')[0] for option in select.split('<option value="')[1:]]


def test_only_groups_with_figures_in_the_view_are_offered_to_compare_with(client, world):
    groups = offered(page(client, area="hackney"))
    assert set(groups) == {"white-british", "black-caribbean", "black-african", "indian", "pakistani", "roma"}


def test_a_comparison_without_figures_stays_chosen_and_says_to_choose_another(client, world):
    text = page(client, area="hackney", comparison="bangladeshi")
    assert "bangladeshi" in offered(text) and '<option value="bangladeshi" selected>' in text
    assert text.count(NO_BANGLADESHI) == 4  # beside the choices, and in place of each of the 3 stages' summaries
    assert "No group's rate is clearly different" not in text


def test_the_area_page_says_no_data_for_the_comparison_group_at_a_stage_it_has_none(client, world):
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    lines += [f"E09000012,2024/25,youth-justice,arrest,{group},40," for group in ("white-british", "black-caribbean")]
    load_csv("\n".join(lines))
    text = client.get(reverse("evidence:area", args=["hackney"])).content.decode()
    cells = text.split('<th scope="row">White British (comparison)</th>')[1].split("</tr>")[0].split("<td")[1:]
    assert [cell.split(">", 1)[1].split("</td>")[0] for cell in cells] == ["1", "no data", "no data"]
