"""A real DfE file loaded over the demo's illustrative figures: each rate is the file's count over the file's own
headcount, each index compares figures with the same kind of denominator from the same kind of dataset, and the
demo's figures for the measure go, the preview saying so (docs/decisions/0011).

The fixture, dfe_ees_exclusions_by_ethnicity.csv, copies the layout of the DfE's open-data file of suspensions and
permanent exclusions by pupil characteristic on Explore Education Statistics ("Suspensions and permanent exclusions in
England", 2022/23 release, July 2024): EES's tidy columns in their order (time_period as 202223, time_identifier,
geographic_level National / Regional / Local authority, country, region, old and new LA codes, la_name), school_type
with its Total, ethnicity_major and ethnicity_minor with the DfE's labels (White - Irish, Black - Black Caribbean,
Chinese, Any other ethnic group, its Gypsy/Roma and Traveller of Irish heritage), and headcount, perm_excl,
perm_excl_rate, susp and susp_rate (rates per 100). The figures are invented, with counts large enough to be shown;
its Unclassified rows are left out (how the loader treats a label it does not know is tested elsewhere).
"""

import csv
import io
import math

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from scipy.stats import binomtest

from evidence import demo, protection
from evidence.loading import Options, check, load_dataset
from evidence.models import Dataset, Measure, Observation
from tests.evidence.factories import FIXTURES, analyst, load_fixture

pytestmark = pytest.mark.django_db

DFE_FILE = "dfe_ees_exclusions_by_ethnicity.csv"
PERMANENT = Options(source="dfe", indicators={"perm_excl": "exclusions/permanent-exclusion"}, denominator="headcount")
BOTH = Options(
    source="dfe",
    indicators={"perm_excl": "exclusions/permanent-exclusion", "susp": "exclusions/suspension"},
    denominator="headcount",
)
Z = 1.959963984540054
# (area slug, la_name, period's first year, the file's time_period, ethnicity_minor)
CELLS = [
    ("hackney", "Hackney", 2022, "202223", "White - Irish"),
    ("hackney", "Hackney", 2022, "202223", "Black - Black Caribbean"),
    ("hackney", "Hackney", 2022, "202223", "Mixed - White and Black Caribbean"),
    ("hackney", "Hackney", 2021, "202122", "Black - Black African"),
    ("redbridge", "Redbridge", 2022, "202223", "Black - Black Caribbean"),
    ("redbridge", "Redbridge", 2022, "202223", "White - Irish"),
    ("westminster", "Westminster", 2022, "202223", "Black - Black Caribbean"),
    ("westminster", "Westminster", 2021, "202122", "Mixed - White and Black Caribbean"),
]
NAMES = {
    "White - Irish": "White Irish",
    "Black - Black Caribbean": "Black Caribbean",
    "Black - Black African": "Black African",
    "Mixed - White and Black Caribbean": "Mixed White and Black Caribbean",
}


def from_the_file(la_name, time_period, minor, indicator="perm_excl"):
    """(count, headcount) of a cell as the file gives it, read here with the csv module, not the app's reader."""
    with open(FIXTURES / DFE_FILE, newline="") as file:
        for row in csv.DictReader(file):
            if (row["la_name"], row["time_period"], row["school_type"], row["ethnicity_minor"]) == (
                la_name,
                time_period,
                "Total",
                minor,
            ):
                return int(row[indicator]), int(row["headcount"])
    raise LookupError(minor)


def worked_out(la_name, time_period, minor, indicator="perm_excl"):
    """The rate per 1,000, and the index against White British with its 95% interval, worked out here: by the log
    (Katz) method by hand, or where either count is below 10 exactly, with scipy's Clopper-Pearson interval of the
    group's share of the two counts (docs/decisions/0011)."""
    a, n1 = from_the_file(la_name, time_period, minor, indicator)
    c, n2 = from_the_file(la_name, time_period, "White - White British", indicator)
    index = (a / n1) / (c / n2)
    if min(a, c) < 10:
        share = binomtest(a, a + c).proportion_ci(method="exact")
        low, high = (p / (1 - p) * n2 / n1 for p in (share.low, share.high))
    else:
        error = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
        low, high = index * math.exp(-Z * error), index * math.exp(Z * error)
    return {"denominator": n1, "rate": 1000 * a / n1, "index": index, "low": low, "high": high, "exact": min(a, c) < 10}


def demo_world():
    """The demo's illustrative figures, two years of them (a page's worth of every measure)."""
    demo.load_demo_evidence(years=["2021/22", "2022/23"])


def build(*slugs):
    protection.build_all(Measure.objects.filter(slug__in=slugs))


def load_dfe(options=PERMANENT, **kwargs):
    binary = io.BytesIO((FIXTURES / DFE_FILE).read_bytes())
    provenance = {"title": "Suspensions and permanent exclusions by characteristic", "publisher": "DfE"}
    dataset = load_dataset(binary, options, provenance=provenance, **kwargs)
    build("exclusions", "population")
    return dataset


def download(client, area, year, measure="exclusions"):
    response = client.get(reverse("evidence:measure_csv", args=[measure]), {"area": area, "period": year})
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def page(client, area, year, measure="exclusions"):
    return client.get(reverse("evidence:measure", args=[measure]), {"area": area, "period": year}).content.decode()


def row_of(rows, stage, group):
    return next(row for row in rows if (row["stage"], row["ethnic_group"]) == (stage, group))


def test_each_rate_and_index_is_the_files_own_count_over_its_own_headcount(client):
    demo_world()
    load_dfe(replace=True)
    for area, la_name, year, time_period, minor in CELLS:
        expected = worked_out(la_name, time_period, minor)
        row = row_of(download(client, area, year), "Permanent exclusion", NAMES[minor])
        assert int(row["denominator"]) == expected["denominator"], (area, year, minor)
        assert row["denominator_source"] == "data file"
        assert float(row["rate_per_1000"]) == pytest.approx(expected["rate"], abs=0.0005)
        assert float(row["rate_index"]) == pytest.approx(expected["index"], abs=0.0005), (area, year, minor)
        assert float(row["index_low_95"]) == pytest.approx(expected["low"], abs=0.0005)
        assert float(row["index_high_95"]) == pytest.approx(expected["high"], abs=0.0005)
        confident = expected["low"] > 1 or expected["high"] < 1
        assert ("we can be confident" in row["reading"]) == confident, row["reading"]
        assert row["index_interval_method"] == ("exact" if expected["exact"] else "log")
        assert row["data_status"] == "loaded data, published by DfE"


def test_the_trend_table_and_the_main_table_give_the_same_rate(client):
    demo_world()
    load_dfe(replace=True)
    text = page(client, "hackney", 2022)
    main = text.split('id="stage-2"')[1].split("</table>")[0]  # the second stage's: permanent exclusion
    trend = text.split('<h2 id="trend-heading-permanent-exclusion">')[1].split("</section>")[0]
    for group, minor in (("White British", "White - White British"), ("White Irish", "White - Irish")):
        rate = f"{worked_out('Hackney', '202223', minor)['rate']:.1f}"
        assert f'<td class="text-end">{rate} ' in main.split(f'<th scope="row">{group}')[1].split("</tr>")[0]
    british = trend.split('<th scope="row">White British')[1].split("</tr>")[0]
    assert british.rstrip().endswith(f"{worked_out('Hackney', '202223', 'White - White British')['rate']:.1f}</td>")


def test_no_index_from_the_stage_before_divides_the_files_counts_by_the_demos(client):
    demo_world()
    load_dfe(replace=True)
    for area, _, year, _, _ in CELLS:
        rows = download(client, area, year)
        suspensions = [row for row in rows if row["stage"] == "Suspension"]
        assert all(row["count_note"] == "no data" for row in suspensions)  # the demo's went
        assert all(not row["index_from_stage_before"] for row in rows)


def test_the_index_from_suspension_compares_the_files_counts_with_its_own(client):
    demo_world()
    load_dfe(BOTH, replace=True)
    rows = download(client, "hackney", 2022)
    a, _ = from_the_file("Hackney", "202223", "Black - Black Caribbean")
    b, _ = from_the_file("Hackney", "202223", "Black - Black Caribbean", "susp")
    c, _ = from_the_file("Hackney", "202223", "White - White British")
    d, _ = from_the_file("Hackney", "202223", "White - White British", "susp")
    row = row_of(rows, "Permanent exclusion", "Black Caribbean")
    assert float(row["index_from_stage_before"]) == pytest.approx((a / b) / (c / d), abs=0.0005)


def kinds_in(rows):
    """The kinds of denominator in one stage's indices: the comparison group's and each group compared with it."""
    by_stage = {}
    for row in rows:
        if row["rate_index"]:
            by_stage.setdefault(row["stage"], set()).add(row["denominator_source"])
    return by_stage


def test_no_view_mixes_denominators_or_illustrative_and_real_figures(client):
    demo_world()
    load_dfe(replace=True)
    for area in ("hackney", "redbridge", "westminster", "east-london", "london", "england"):
        for year in (2021, 2022):
            rows = download(client, area, year)
            assert all(len(kinds) == 1 for kinds in kinds_in(rows).values()), (area, year)
            statuses = {row["data_status"] for row in rows}
            assert "Illustrative data, not official statistics" not in statuses, (area, year)


def test_loading_real_figures_for_a_measure_removes_the_illustrative_ones_and_the_preview_says_which():
    demo_world()
    illustrative = Dataset.objects.get(is_illustrative=True)
    report = check(io.BytesIO((FIXTURES / DFE_FILE).read_bytes()), PERMANENT)
    assert report.can_load and not report.overlaps  # illustrative figures never need "replace"
    assert [str(item) for item in report.illustrative] == [
        f"Suspensions and permanent exclusions: all {count:,} illustrative figures from ‘{illustrative.title}’"
        for count in [Observation.objects.filter(dataset=illustrative, stage__measure__slug="exclusions").count()]
    ]
    dataset = load_dfe()
    assert not Observation.objects.filter(dataset=illustrative, stage__measure__slug="exclusions").exists()
    assert Observation.objects.filter(dataset=illustrative, stage__measure__slug="youth-justice").exists()
    illustrative.refresh_from_db()
    assert illustrative.replaced_by == dataset
    assert not illustrative.measures.filter(slug="exclusions").exists()


def test_real_counts_are_never_divided_by_the_demos_population(client):
    demo_world()
    header = "la_code,period,measure,stage,ethnic_group,count,denominator"
    arrests = [
        f"E09000012,2022/23,youth-justice,arrest,{group},{count},"
        for group, count in [("white-british", 30), ("black-caribbean", 40)]
    ]
    load_dataset(
        io.BytesIO("\n".join([header, *arrests, ""]).encode()),
        Options(source="long"),
        provenance={"title": "Arrests", "publisher": "Met"},
    )
    build("youth-justice", "population")
    row = row_of(download(client, "hackney", 2022, "youth-justice"), "Arrest", "Black Caribbean")
    assert (row["denominator"], row["rate_per_1000"], row["rate_index"]) == ("", "", "")
    load_fixture("census_ts021.csv", Options(source="census"), title="Census 2021 TS021")  # Hackney: 15,854
    row = row_of(download(client, "hackney", 2022, "youth-justice"), "Arrest", "Black Caribbean")
    assert (row["denominator"], row["denominator_source"]) == ("15854", "population: residents of all ages")


def test_the_browser_preview_says_what_the_rates_will_be_of_and_which_illustrative_figures_go(client):
    demo_world()
    client.force_login(analyst())
    data = {
        "file": SimpleUploadedFile(DFE_FILE, (FIXTURES / DFE_FILE).read_bytes()),
        "source": "dfe",
        "indicators": "perm_excl = exclusions/permanent-exclusion",
        "denominator": "headcount",
        "title": "Suspensions and permanent exclusions by characteristic",
        "publisher": "DfE",
    }
    text = client.post(reverse("evidence:load"), data).content.decode()
    assert "each row&#x27;s own denominator, from the file" in text
    assert "Illustrative figures that loading removes" in text
    assert "Suspensions and permanent exclusions: all " in text and 'name="replace"' not in text
