"""What pages, downloads and the API say about figures from real-format files where the figures cannot say it all
themselves (issue 27's independent check, findings 3 to 8): an index over residents of all ages, rates with no
population, a publisher's "c", a stage with no data, a denominator named in a footnote, figures hidden or missing.

Fixtures whose name starts real_check_ are illustrative test data derived from the publisher's layout (the DfE's
EES tidy files and the ONS's TS021 bulk file), cut down from the files the independent analyst made: their counts
are invented."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from evidence.loading import Options, check, load_dataset
from evidence.lookups import LEAVE_OUT
from tests.evidence.factories import FIXTURES, built

pytestmark = pytest.mark.django_db

PROVENANCE = {"title": "Test file", "publisher": "Test publisher"}
TS021 = "census_ts021_england_wales.csv"
ALL_AGES_CAVEAT = "counted against residents of all ages rather than children, which overstates the difference"


def fixture(name):
    return io.BytesIO((FIXTURES / name).read_bytes())


def load(binary, options):
    return built(load_dataset(binary, options, provenance=PROVENANCE))


def long_file(rows):
    text = "la_code,period,measure,stage,ethnic_group,count,denominator\n"
    return io.BytesIO((text + "".join(f"{row}\n" for row in rows)).encode())


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def all_ages_world():
    """TS021 (residents of all ages) confirmed as the children's population, and a clear difference in Hackney."""
    load(fixture(TS021), Options(source="census", stage="population/children", confirm_all_ages=True))
    rows = [f"E09000012,2021,youth-justice,arrest,{group},{count}," for group, count in
            [("Total", 900), ("White British", 60), ("Black Caribbean", 240)]]  # fmt: skip
    load(long_file(rows), Options(source="long"))


def test_a_reading_over_residents_of_all_ages_says_so_in_the_page_csv_and_api(client):
    all_ages_world()
    view = {"area": "hackney", "period": "2021", "level": "detailed", "comparison": "white-british"}
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), view)
    caribbean = next(f for f in page.context["stages"][0].groups if f.group.code == "black-caribbean")
    assert "times as likely as White British children to be arrested" in caribbean.reading
    assert ALL_AGES_CAVEAT in caribbean.reading
    assert caribbean.reading.index(ALL_AGES_CAVEAT) < caribbean.reading.index("we can be confident")
    assert caribbean.reading in page.content.decode()  # the page's headline sentences are the readings
    rows = csv_rows(client.get(reverse("evidence:measure_csv", args=["youth-justice"]), view))
    readings = [row["reading"] for row in rows if row["ethnic_group"] == "Black Caribbean" and row["stage"] == "Arrest"]
    assert readings and all(ALL_AGES_CAVEAT in reading for reading in readings)
    api = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), view).json()
    confident = [item["reading"] for item in api["figures"] if "confident" in (item["reading"] or "")]
    assert confident and all(ALL_AGES_CAVEAT in reading for reading in confident)


def test_a_reading_over_childrens_population_has_no_all_ages_caveat(client):
    text = "la_code,period,measure,stage,ethnic_group,count,denominator\n"
    rows = [f"E09000012,2021,population,children,{group},{count}," for group, count in
            [("Total", 60000), ("White British", 20000), ("Black Caribbean", 5000)]]  # fmt: skip
    rows += [f"E09000012,2021,youth-justice,arrest,{group},{count}," for group, count in
             [("Total", 900), ("White British", 60), ("Black Caribbean", 240)]]  # fmt: skip
    load(io.BytesIO((text + "\n".join(rows) + "\n").encode()), Options(source="long"))
    view = {"area": "hackney", "period": "2021", "level": "detailed", "comparison": "white-british"}
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), view)
    caribbean = next(f for f in page.context["stages"][0].groups if f.group.code == "black-caribbean")
    assert "we can be confident" in caribbean.reading and "residents of all ages" not in caribbean.reading


def population_rows(area="E09000012", period="2021"):
    return [f"{area},{period},population,children,{group},{count}," for group, count in
            [("Total", 60000), ("White British", 20000), ("Black Caribbean", 5000)]]  # fmt: skip


def measure_page(client, slug, **view):
    view = {"area": "hackney", "level": "detailed", "comparison": "white-british", **view}
    return client.get(reverse("evidence:measure", args=[slug]), view)


def test_a_stage_with_no_data_reads_no_data_in_the_index_from_it(client):
    rows = population_rows() + [f"E09000012,2021,childrens-social-care,looked-after,{group},{count}," for group, count
                                in [("Total", 900), ("White British", 60), ("Black Caribbean", 240)]]  # fmt: skip
    load(long_file(rows), Options(source="long"))
    page = measure_page(client, "childrens-social-care", period="2021")
    by_stage = {result.stage.slug: result for result in page.context["stages"]}
    looked_after = {figure.group.code: figure for figure in by_stage["looked-after"].groups}
    assert by_stage["looked-after"].previous.slug == "child-protection-plan"
    assert looked_after["black-caribbean"].from_previous_text == "no data at the stage before"
    assert looked_after["black-caribbean"].index  # the index of the population is there
    plan = {figure.group.code: figure for figure in by_stage["child-protection-plan"].groups}
    assert plan["black-caribbean"].index_text == "no data" and plan["black-caribbean"].rate_text == "no data"
    area = client.get(reverse("evidence:area", args=["hackney"]), {"level": "detailed"}).content.decode()
    assert ">too few to say<" not in area and ">no data<" in area  # the index columns' cells


def test_counts_with_no_population_read_no_population_to_compare_with(client):
    rows = [f"E09000012,2021,youth-justice,arrest,{group},{count}," for group, count in
            [("Total", 900), ("White British", 60), ("Black Caribbean", 256)]]  # fmt: skip
    load(long_file(rows), Options(source="long"))
    page = measure_page(client, "youth-justice", period="2021")
    arrest = page.context["stages"][0]
    caribbean = next(figure for figure in arrest.groups if figure.group.code == "black-caribbean")
    assert caribbean.count == 256
    assert caribbean.rate_text == "no population to compare with"
    assert caribbean.index_text == "no population to compare with"
    text = page.content.decode()
    assert "There is no population or other denominator to compare the figures for Hackney" in text
    assert text.count("There are no figures to compare for Hackney") == len(page.context["stages"]) - 1  # not arrest


def test_a_stage_whose_figures_are_all_hidden_says_they_are_hidden_not_that_there_are_none(client):
    rows = population_rows() + [f"E09000012,2021,youth-justice,arrest,{group},{count}," for group, count in
                                [("Total", 7), ("White British", 3), ("Black Caribbean", 4)]]  # fmt: skip
    load(long_file(rows), Options(source="long"))
    page = measure_page(client, "youth-justice", period="2021")
    text = page.content.decode()
    assert "The figures for Hackney in 2021 at this stage are hidden to protect small numbers" in text
    assert text.count("There are no figures to compare for Hackney") == len(page.context["stages"]) - 1  # not arrest


DFE_HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
    "new_la_code,old_la_code,la_name,ethnicity_major,ethnicity_minor,headcount,perm_excl"
)
DFE_PLACE = "202223,Academic year,Local authority,E92000001,England,E12000007,London,E09000012,204,Hackney"
DFE_ROWS = [  # the EES exclusions file's columns, headcount the denominator
    ("White", "White - White British", 10000, 40),
    ("White", "White - Gypsy/Roma", 130, 30),
    ("White", "White - Traveller of Irish heritage", 54, 10),
    ("Black", "Black - Black Caribbean", 3000, 50),
]


def dfe_file(rows=DFE_ROWS):
    lines = [
        DFE_HEADER,
        *(f"{DFE_PLACE},{major},{minor},{headcount},{count}" for major, minor, headcount, count in rows),
    ]
    return io.BytesIO(("\n".join(lines) + "\n").encode())


def grt_figures(client):
    """(the combined group's figure, the footnote, the page) of Hackney's permanent exclusions in 2022/23."""
    page = measure_page(client, "exclusions", period="2022")
    result = next(result for result in page.context["stages"] if result.stage.slug == "permanent-exclusion")
    combined = next(figure for figure in result.groups if figure.group.name == "Gypsy, Roma or Irish Traveller")
    return combined, result.split_note, page.content.decode()


def test_the_combined_gypsy_roma_and_irish_traveller_footnote_names_the_files_headcounts_when_the_rates_use_them(
    client,
):
    load(fixture(TS021), Options(source="census", stage="population/children", confirm_all_ages=True))
    options = Options(source="dfe", indicators={"perm_excl": "exclusions/permanent-exclusion"}, denominator="headcount")
    load(dfe_file(), options)
    combined, note, page = grt_figures(client)
    assert (combined.count, combined.denominator, combined.source) == (40, 184, "data file")  # 130 + 54 headcounts
    assert "its denominator the data file's for the publisher's two groups added up" in note
    assert "Census's two" not in note and escape(note) in page


def test_the_footnote_names_the_censuss_two_groups_when_the_census_is_the_denominator(client):
    load(fixture(TS021), Options(source="census", stage="population/children", confirm_all_ages=True))
    load(dfe_file(), Options(source="dfe", indicators={"perm_excl": "exclusions/permanent-exclusion"}))
    combined, note, _ = grt_figures(client)
    assert "its population the Census's two" in note and "data file" not in note


CAMDEN = "real_check_exclusions_camden.csv"  # Camden 2021/22 and 2022/23; 2022/23's Gypsy Roma perm_excl is "c"
CAMDEN_OPTIONS = Options(
    source="dfe",
    indicators={"perm_excl": "exclusions/permanent-exclusion", "susp": "exclusions/suspension"},
    denominator="headcount",
    labels={"Unclassified": LEAVE_OUT},
)
REDBRIDGE_CLA = "real_check_cla_redbridge.csv"  # Redbridge 2022 and 2023; 2023's Chinese is "c"
CLA_OPTIONS = Options(
    "dfe",
    {"number": "childrens-social-care/looked-after"},
    labels={"Refused": LEAVE_OUT, "Information not yet obtained": LEAVE_OUT},
    breakdowns={"cla_group": "Ethnic group"},
)


def test_a_publishers_c_is_one_group_missing_not_two():
    """One suppressed figure (Gypsy Roma's) leaves the combined Gypsy, Roma or Irish Traveller group without its sum:
    that is 1 of the DfE's 18 groups missing, not the 2 the combined group stands for."""
    suppressed = [row for row in csv.reader(fixture(CAMDEN).read().decode().splitlines()) if "c" in row[14:15]]
    assert [(row[0], row[9], row[12]) for row in suppressed] == [("202223", "Camden", "Gypsy Roma")]
    report = check(fixture(CAMDEN), CAMDEN_OPTIONS)
    assert report.can_load
    opens = {item.area: item for item in report.defaults}
    assert (opens["Camden"].period, opens["Camden"].newest) == ("2021/22", "2022/23")
    load(fixture(CAMDEN), CAMDEN_OPTIONS)
    gaps = evidence_completeness_of("exclusions", "camden", 2022)
    assert gaps == ["Camden, Permanent exclusion: 1 of its 18 groups’ figures missing for 2022/23"]


def test_a_publishers_c_in_the_looked_after_file_is_flagged_at_preview_as_in_the_exclusions_file():
    report = check(fixture(REDBRIDGE_CLA), CLA_OPTIONS)
    assert report.can_load
    opens = {item.area: item for item in report.defaults}
    assert (opens["Redbridge"].period, opens["Redbridge"].newest) == ("2022", "2023")
    assert any("Redbridge: 1 of 18 groups missing" in gap.in_preview for gap in report.incomplete)
    load(fixture(REDBRIDGE_CLA), CLA_OPTIONS)
    assert evidence_completeness_of("childrens-social-care", "redbridge", 2023) == [
        "Redbridge, Looked after: 1 of its 18 groups’ figures missing for 2023"
    ]


def evidence_completeness_of(slug, area, year):
    """What a page of the measure says its period lacks for the area."""
    from evidence import pages
    from evidence.models import Measure

    measure = Measure.objects.get(slug=slug)
    choice, _ = pages.measure_choice(measure, {"area": area, "period": str(year)})
    assert (choice.area.slug, choice.year) == (area, year)
    return pages.gaps(measure, choice)


def demo_world():
    """Illustrative (demo) populations and youth justice counts for Hackney and Westminster."""
    rows = population_rows("E09000012") + population_rows("E09000033")
    rows += [f"{area},2021,youth-justice,arrest,{group},{count}," for area in ("E09000012", "E09000033")
             for group, count in [("Total", 900), ("White British", 60), ("Black Caribbean", 256)]]  # fmt: skip
    built(load_dataset(long_file(rows), Options(source="long"), provenance=PROVENANCE, illustrative=True))


def test_the_preview_names_the_measures_and_boroughs_a_population_file_leaves_without_rates(client):
    demo_world()
    options = Options(source="census", stage="population/children", confirm_all_ages=True)
    report = check(fixture("census_ts021.csv"), options)  # Hackney and Redbridge only
    assert [str(item) for item in report.rateless] == ["Youth justice in 1 borough will have no rates: Westminster"]
    from tests.evidence.factories import analyst

    client.force_login(analyst())
    upload = io.BytesIO((FIXTURES / "census_ts021.csv").read_bytes())
    upload.name = "census_ts021.csv"
    form = {"file": upload, "source": "census", "stage": "population/children", "title": "TS021", "publisher": "ONS"}
    page = client.post(reverse("evidence:load"), form)
    page = client.post(reverse("evidence:load_choices"), {"token": page.context["token"], "confirm_all_ages": "yes"})
    assert "Youth justice in 1 borough will have no rates: Westminster" in page.content.decode()
    client.post(reverse("evidence:load_confirm"), {"token": page.context["token"]})
    built(None)
    westminster = measure_page(client, "youth-justice", area="westminster", period="2021").context["stages"][0]
    caribbean = next(figure for figure in westminster.groups if figure.group.code == "black-caribbean")
    assert (caribbean.count, caribbean.rate_text) == (256, "no population to compare with")
