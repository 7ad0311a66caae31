"""The preview tells what a load does to the pages before anything is saved: the sub-regions and London it leaves
incomplete, and why; the periods each area will open on. After it, each area opens on its newest period with complete
figures, and an incomplete period says what is missing (issue 27: a file of 8 of the 19 groups turned London's and
East London's permanent exclusions into "not available: a part is missing" without a word, and a small local extract
made London, Hackney and Redbridge open on its newer, nearly empty period)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from evidence.loading import Options, check, load_dataset
from evidence.models import EthnicGroup
from reference.models import LocalAuthority
from tests.evidence.factories import built

pytestmark = pytest.mark.django_db

HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator"
EIGHT = [
    "white-british",
    "white-irish",
    "black-african",
    "black-caribbean",
    "indian",
    "pakistani",
    "bangladeshi",
    "chinese",
]


def census_groups():
    """The Census 2021's 19 detailed groups, by code."""
    return list(EthnicGroup.objects.filter(level="detailed").exclude(split="dfe").values_list("code", flat=True))


def every_borough(period, groups):
    """Permanent exclusions for each of London's 33 boroughs and each group, counts large enough to be shown."""
    codes = LocalAuthority.objects.order_by("gss_code").values_list("gss_code", flat=True)
    return [
        f"{code},{period},exclusions,permanent-exclusion,{group},{20 + index},{2000 + index}"
        for code in codes
        for index, group in enumerate(groups)
    ]


def file_of(lines):
    return io.BytesIO("\n".join([HEADER, *lines, ""]).encode())


def load(lines, title, **kwargs):
    return built(
        load_dataset(file_of(lines), Options(source="long"), provenance={"title": title, "publisher": "DfE"}, **kwargs)
    )


@pytest.fixture
def complete_2022():
    """Every borough's permanent exclusions for 2022/23, all 19 groups: London and each sub-region complete."""
    load(every_borough("2022/23", census_groups()), "Permanent exclusions 2022/23")


def hackney_eight(period="2023/24"):
    return [
        f"E09000012,{period},exclusions,permanent-exclusion,{group},{30 + index},{3000 + index}"
        for index, group in enumerate(EIGHT)
    ]


def test_the_preview_says_which_aggregates_a_file_of_8_of_19_groups_leaves_incomplete_and_why(complete_2022):
    report = check(file_of(hackney_eight()), Options(source="long"))
    incomplete = [item.in_preview for item in report.incomplete]
    london = next(item for item in incomplete if item.startswith("London, "))
    east = next(item for item in incomplete if item.startswith("East London, "))
    assert "2023/24" in london and "32 of 33 boroughs’ figures missing" in london
    assert "7 of 8 boroughs’ figures missing" in east
    assert "Hackney: 11 of 19 groups missing" in london and "Hackney: 11 of 19 groups missing" in east
    assert not any(item.startswith("North West London") for item in incomplete)  # nothing of it changes


def test_the_preview_says_so_when_a_file_replacing_one_borough_leaves_london_incomplete_in_that_period(complete_2022):
    report = check(file_of(hackney_eight("2022/23")), Options(source="long"))
    london = next(item.in_preview for item in report.incomplete if item.area == "London")
    assert "2022/23" in london and "Hackney: 11 of 19 groups missing" in london
    assert "boroughs’ figures missing" not in london  # every borough has figures: one has groups missing


def test_the_preview_says_which_period_each_area_will_open_on(complete_2022):
    report = check(file_of(hackney_eight()), Options(source="long"))
    opens = {item.area: item for item in report.defaults}
    assert opens["London"].period == "2022/23" and "2023/24 is incomplete" in str(opens["London"])
    assert opens["East London"].period == "2022/23"
    assert opens["Hackney"].period == "2022/23"
    full = check(file_of(every_borough("2023/24", census_groups())), Options(source="long"))
    opens = {item.area: item for item in full.defaults}
    assert opens["London"].period == "2023/24" and opens["London"].before == "2022/23"


def test_the_command_lists_the_same_consequences(complete_2022, tmp_path):
    path = tmp_path / "hackney.csv"
    path.write_bytes(file_of(hackney_eight()).getvalue())
    out = io.StringIO()
    call_command("load_dataset", str(path), "--source=long", "--check-only", stdout=out)
    text = out.getvalue()
    assert "Sub-regions and London left incomplete" in text and "32 of 33 boroughs’ figures missing" in text
    assert "London will open on 2022/23" in text


def page(client, area, **params):
    return client.get(reverse("evidence:measure", args=["exclusions"]), {"area": area, **params}).content.decode()


@pytest.mark.parametrize("area", ["london", "east-london", "hackney"])
def test_after_loading_each_area_opens_on_its_newest_complete_period(client, complete_2022, area):
    load(hackney_eight(), "Hackney's extract 2023/24")
    assert "by ethnic group: " in page(client, area) and ", 2022/23</h1>" in page(client, area)
    assert ", 2023/24</h1>" in page(client, area, period="2023")  # still there for a reader who asks


def test_an_incomplete_period_says_how_many_boroughs_or_groups_are_missing(client, complete_2022):
    load(hackney_eight(), "Hackney's extract 2023/24")
    assert "London, Permanent exclusion: 32 of 33 boroughs’ figures missing for 2023/24" in page(
        client, "london", period="2023"
    )
    assert "East London, Permanent exclusion: 7 of 8 boroughs’ figures missing for 2023/24" in page(
        client, "east-london", period="2023"
    )
    assert "Hackney, Permanent exclusion: 11 of its 19 groups’ figures missing for 2023/24" in page(
        client, "hackney", period="2023"
    )
    assert "figures missing" not in page(client, "london")  # 2022/23 is complete


def test_an_incomplete_period_names_its_stages_once_where_they_lack_the_same(client, complete_2022):
    complete = [line.replace("permanent-exclusion", "suspension") for line in every_borough("2022/23", census_groups())]
    load(complete, "Suspensions 2022/23")
    suspensions = [line.replace("permanent-exclusion", "suspension") for line in hackney_eight()]
    load(hackney_eight() + suspensions, "Hackney's extract 2023/24")
    text = page(client, "london", period="2023")
    assert text.count("boroughs’ figures missing for 2023/24") == 1
    assert "London, Suspension and permanent exclusion: 32 of 33 boroughs’ figures missing for 2023/24" in text


def test_a_complete_newer_period_is_the_default(client, complete_2022):
    load(every_borough("2023/24", census_groups()), "Permanent exclusions 2023/24")
    assert ", 2023/24</h1>" in page(client, "london") and ", 2023/24</h1>" in page(client, "hackney")


def test_the_area_page_says_what_its_period_lacks(client, complete_2022):
    load(hackney_eight(), "Hackney's extract 2023/24")
    text = client.get(reverse("evidence:area", args=["hackney"]), {"period": "2023/24"}).content.decode()
    assert "Hackney, Permanent exclusion: 11 of its 19 groups’ figures missing for 2023/24" in text


def three_boroughs(period="2022/23"):
    """Permanent exclusions of Hackney, Redbridge and Westminster only, all 19 groups, as in the DfE's file of them:
    London and its sub-regions are incomplete in every period."""
    return [
        line for line in every_borough(period, census_groups()) if line[:9] in ("E09000012", "E09000026", "E09000033")
    ]


@pytest.mark.parametrize("area", ["london", "east-london"])
def test_an_aggregate_complete_in_no_period_opens_on_the_one_missing_least_not_a_newer_nearly_empty_one(client, area):
    load(three_boroughs(), "Permanent exclusions 2022/23")
    report = check(file_of(hackney_eight()), Options(source="long"))
    opens = {item.area: item for item in report.defaults}
    assert opens["London"].period == "2022/23" and opens["East London"].period == "2022/23"
    load(hackney_eight(), "Hackney's extract 2023/24")
    assert ", 2022/23</h1>" in page(client, area)
    assert "boroughs’ figures missing for 2022/23" in page(client, area)  # still incomplete, and it says so
