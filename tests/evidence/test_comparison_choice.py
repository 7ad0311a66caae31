"""The groups a reader may compare with are those with figures in the view; a comparison with none says so."""

import pytest
from django.urls import reverse

from evidence.loading import Options, load_dataset
from tests.evidence.factories import built, load_csv, load_fixture, youth_justice_world

pytestmark = pytest.mark.django_db

NO_BANGLADESHI = "There is no rate for Bangladeshi children here to compare with; choose another group to compare with."
COMBINED = "gypsy-roma-irish-traveller"


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
    # 2024/25 has 2 of Hackney's 6 groups: the page opens on 2022/23 unless asked for it
    text = client.get(reverse("evidence:area", args=["hackney"]), {"period": "2024/25"}).content.decode()
    cells = text.split('<th scope="row">White British (comparison)</th>')[1].split("</tr>")[0].split("<td")[1:]
    assert [cell.split(">", 1)[1].split("</td>")[0] for cell in cells] == ["1", "no data", "no data"]


@pytest.fixture
def dfe_world():
    """Hackney 2022/23 from a DfE file: its own Gypsy/Roma and Traveller of Irish heritage, which have no population
    of their own; the group both add up to has one (the Census's Gypsy or Irish Traveller and Roma)."""
    from tests.evidence.test_publisher_groups import EXCLUSIONS, dfe_file

    load_fixture("census_ts021.csv", Options(source="census"))
    built(load_dataset(dfe_file(), EXCLUSIONS, provenance={"title": "DfE", "publisher": "DfE"}))


def exclusions(client, **params):
    return client.get(reverse("evidence:measure", args=["exclusions"]), {"area": "hackney", **params}).content.decode()


def test_a_publishers_split_group_without_a_population_is_not_offered_and_the_combined_group_is(client, dfe_world):
    groups = offered(exclusions(client))
    assert "gypsy-roma" not in groups and "irish-traveller-heritage" not in groups
    assert {"white-british", "black-caribbean", COMBINED} <= set(groups)


def test_a_comparison_without_a_rate_never_reads_as_no_clear_difference(client, dfe_world):
    text = exclusions(client, comparison="gypsy-roma")
    assert "No group's rate is clearly different" not in text
    assert "There is no rate for Gypsy/Roma pupils here to compare with" in text


def test_the_combined_group_is_accepted_as_the_comparison_on_the_page_and_in_the_api(client, dfe_world):
    text = exclusions(client, comparison=COMBINED)
    assert "not one of these groups" not in text and f'<option value="{COMBINED}" selected>' in text
    response = client.get(
        reverse("evidence:api_measure_detail", args=["exclusions"]), {"area": "hackney", "comparison": COMBINED}
    )
    assert response.status_code == 200 and response.json()["comparison_group"] == COMBINED
    figures = response.json()["figures"]
    caribbean = next(
        f for f in figures if f["ethnic_group"] == "Black Caribbean" and f["stage"] == "Permanent exclusion"
    )
    assert caribbean["rate_index"] is not None


def test_switching_to_five_groups_compares_with_the_high_level_group_of_the_one_chosen_in_the_same_submit(
    client, world
):
    text = page(client, area="hackney", level="high", comparison="black-caribbean")
    assert '<option value="black" selected>' in text and "not one of these groups" not in text
    assert set(offered(text)) <= {"white", "black", "asian", "mixed", "other"}


def test_switching_back_to_nineteen_groups_compares_with_white_british_without_a_complaint(client, world):
    for high_level_group in ("white", "black"):
        text = page(client, area="hackney", level="detailed", comparison=high_level_group)
        assert '<option value="white-british" selected>' in text and "not one of these groups" not in text
