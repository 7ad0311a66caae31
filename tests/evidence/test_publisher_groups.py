"""Publishers' own groups where they split differently from the Census, codes that are no authority's, files
that are not text: loaded or reported as what they are, never merged silently or echoed back."""

import io

import pytest
from django.urls import reverse

from evidence.loading import NOT_TEXT, Options, check, load_dataset
from tests.evidence.factories import built, load_fixture

pytestmark = pytest.mark.django_db

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
    "new_la_code,old_la_code,la_name,ethnicity_major,ethnicity_minor,perm_excl"
)
PLACE = "202223,Academic year,Local authority,E92000001,England,E13000001,Inner London,E09000012,204,Hackney"
EXCLUSIONS = Options(source="dfe", indicators={"perm_excl": "exclusions/permanent-exclusion"})
DFE_ROWS = [
    ("White", "White - White British", 40),
    ("White", "White - Gypsy/Roma", 30),
    ("White", "White - Traveller of Irish heritage", 10),
    ("Black", "Black - Black Caribbean", 50),
]


def dfe_file(rows=DFE_ROWS):
    lines = [HEADER, *(f"{PLACE},{major},{minor},{count}" for major, minor, count in rows)]
    return io.BytesIO(("\n".join(lines) + "\n").encode())


def test_the_dfes_gypsy_roma_and_irish_traveller_labels_load_as_their_own_groups():
    report = check(dfe_file(), EXCLUSIONS)
    assert report.problems == {}
    short = [("Gypsy/Roma", "Gypsy/Roma", 1), ("Traveller of Irish heritage", "Traveller of Irish heritage", 2)]
    assert check(dfe_file(short), EXCLUSIONS).problems == {}


def test_rates_for_groups_split_differently_are_given_for_the_groups_both_sides_add_up_to(client):
    load_fixture("census_ts021.csv", Options(source="census"))  # Hackney: Gypsy or Irish Traveller 472, Roma 1,781
    built(load_dataset(dfe_file(), EXCLUSIONS, provenance={"title": "DfE", "publisher": "DfE"}))
    page = client.get(reverse("evidence:measure", args=["exclusions"]), {"area": "hackney"}).content.decode()
    exclusions = page.split('id="stage-2"')[1]
    row = exclusions.split('<th scope="row">Gypsy/Roma</th>')[1].split("</tr>")[0]
    assert "30" in row
    combined = exclusions.split('<th scope="row">Gypsy, Roma or Irish Traveller</th>')[1].split("</tr>")[0]
    assert "40" in combined and "2,253" in combined and "17.8" in combined  # 40 per 2,253 (472 + 1,781)
    assert "the Census 2021 splits them as Gypsy or Irish Traveller and Roma" in page
    assert '<th scope="row">Roma</th>' not in exclusions  # the Census's split has no figures in this file


@pytest.mark.parametrize("code", ["E09999999", "E09000000"])
def test_a_london_looking_code_that_is_no_borough_is_an_unknown_code(code):
    text = (
        f"la_code,period,measure,stage,ethnic_group,count,denominator\n{code},2022/23,youth-justice,arrest,Total,5,\n"
    )
    assert check(io.BytesIO(text.encode()), Options(source="long")).problems == {"unknown": 1}


def test_a_file_that_is_not_text_is_said_to_be_so_and_never_echoed(client):
    junk = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfd,\x00\x01\n\xc3\x28\x9f"
    report = check(io.BytesIO(junk), Options(source="long"))
    assert report.problems == {"not_text": 1} and not report.can_load
    assert report.examples["not_text"][0].detail == NOT_TEXT


def test_a_high_level_group_adds_up_from_the_split_its_file_uses(client):
    rows = [("White", "White - Irish", 20), ("White", "White - Any other White background", 25), *DFE_ROWS]
    built(load_dataset(dfe_file(rows), EXCLUSIONS, provenance={"title": "DfE", "publisher": "DfE"}))
    params = {"area": "hackney", "level": "high", "comparison": "black"}
    page = client.get(reverse("evidence:measure", args=["exclusions"]), params).content.decode()
    white = page.split('id="stage-2"')[1].split('<th scope="row">White</th>')[1].split("</tr>")[0]
    assert "125" in white  # 40 + 20 + 30 + 10 + 25: the Census's Gypsy or Irish Traveller and Roma are not in it


def test_a_file_cannot_load_figures_into_the_combined_group():
    report = check(dfe_file([("White", '"Gypsy, Roma or Irish Traveller"', 12)]), EXCLUSIONS)
    assert report.problems == {"unmapped_group": 1}


def test_a_file_giving_both_publishers_splits_for_one_place_and_period_is_refused_as_counting_twice():
    both = [*DFE_ROWS, ("White", "White - Gypsy or Irish Traveller", 25), ("White", "White - Roma", 15)]
    report = check(dfe_file(both), EXCLUSIONS)
    assert report.problems == {"two_splits": 1} and not report.can_load
    assert "Hackney, 2022/23" in report.examples["two_splits"][0].detail
    one_each = check(
        dfe_file([("White", "White - Gypsy or Irish Traveller", 25), ("White", "White - Roma", 15)]), EXCLUSIONS
    )
    assert one_each.problems == {}


OTHER = ("Other", "Any other ethnic group", 56)  # the DfE's: Arab children and any other ethnic group, together


def test_the_dfes_any_other_ethnic_group_is_reported_as_left_out_of_the_detailed_view_when_loaded():
    report = check(dfe_file([*DFE_ROWS, OTHER]), EXCLUSIONS)
    assert report.can_load and report.problems == {"high_only": 1}
    assert "Hackney, 2022/23: Other ethnic group" in report.examples["high_only"][0].detail
    assert any("includes Arab children" in text for _, text, _, _ in report.listed())


def test_the_detailed_view_says_why_the_dfes_any_other_ethnic_group_is_not_in_it(client):
    built(load_dataset(dfe_file([*DFE_ROWS, OTHER]), EXCLUSIONS, provenance={"title": "DfE", "publisher": "DfE"}))
    page = client.get(reverse("evidence:measure", args=["exclusions"]), {"area": "hackney"}).content.decode()
    assert "leaves out Other ethnic group" in page and "includes Arab children" in page
    high = {"area": "hackney", "level": "high", "comparison": "black"}
    page = client.get(reverse("evidence:measure", args=["exclusions"]), high).content.decode()
    other = page.split('id="stage-2"')[1].split('<th scope="row">Other ethnic group</th>')[1].split("</tr>")[0]
    assert "56" in other and "leaves out Other ethnic group" not in page
