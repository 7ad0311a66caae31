"""Issue 27's scenario: five real-format files loaded one after another over the demo's illustrative figures, as an
analyst would (the command, and the load view's preview where labels and breakdowns are settled), each followed by
what a reader gets (the measure page's HTML, its CSV download, the API's JSON): twenty cells checked against figures
worked out here from the files themselves, with the csv module and plain arithmetic (scipy's exact binomial interval
below 10 counted), the period each area opens on, and no view mixing denominators or illustrative and real figures.

The files, in order:
1. dfe_ees_exclusions_by_ethnicity.csv, the DfE's EES layout of "Suspensions and permanent exclusions in England"
   (2022/23 release, July 2024; described in test_real_over_demo.py), loaded with `--denominator headcount`;
2. dfe_exclusions_eight_groups.csv, a small local extract of the same layout: Hackney and Redbridge in 2023/24 with
   8 of the groups (a test file, fixtures/README.md);
3. dfe_exclusions_unknown_labels.csv, Westminster 2023/24 in the same layout with "Black Carribean" and "Other - Any
   other ethnic group", mapped in the load view's preview (a test file, fixtures/README.md);
4. census_ts021_england_wales.csv, the ONS's Census 2021 TS021 bulk file for England and Wales (test_census.py),
   loaded as the children's population with the all-ages confirmation;
5. dfe_cla_by_characteristic.csv, the DfE's children looked after by characteristic (test_breakdowns.py), its
   `cla_group` breakdown chosen in the preview.
"""

import csv
import html.parser
import io
import math

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from scipy.stats import binomtest

from evidence import demo, protection
from evidence.lookups import LEAVE_OUT
from evidence.models import Dataset, EthnicGroupLabel
from tests.evidence.factories import FIXTURES, analyst

pytestmark = pytest.mark.django_db

EXCLUSIONS_FILE = "dfe_ees_exclusions_by_ethnicity.csv"
EIGHT_GROUPS_FILE = "dfe_exclusions_eight_groups.csv"
UNKNOWN_LABELS_FILE = "dfe_exclusions_unknown_labels.csv"
TS021_FILE = "census_ts021_england_wales.csv"
CLA_FILE = "dfe_cla_by_characteristic.csv"

EXCLUSIONS, PERMANENT = "exclusions", "Permanent exclusion"
CHILDREN = "Children aged 0 to 17"  # the population stage TS021 is loaded as, all ages confirmed
ILLUSTRATIVE = "Illustrative data, not official statistics"
HIDDEN = "hidden to protect small numbers"
INCOMPLETE = "not available: a part is missing"
DATA_FILE, ALL_AGES = "data file", "population: residents of all ages"
BY_DFE = "as published by the Department for Education"  # London's own figure, as the publisher was named
ONS = "Office for National Statistics"
THRESHOLD = 5  # PORTAL_EVIDENCE_SMALL_NUMBER's default: counts 1 to 4 are hidden
Z = 1.959963984540054
AREAS = {"Hackney": "hackney", "Redbridge": "redbridge", "Westminster": "westminster"}
# The DfE's labels in these files, and the groups pages name them by (a label mapped at the preview, too).
GROUPS = {
    "White - White British": "White British",
    "White - Irish": "White Irish",
    "White - Any other White background": "Other White",
    "Black - Black African": "Black African",
    "Black - Black Caribbean": "Black Caribbean",
    "Black Carribean": "Black Caribbean",
    "Asian - Indian": "Indian",
    "Asian - Pakistani": "Pakistani",
    "Asian - Bangladeshi": "Bangladeshi",
    "Mixed - White and Black Caribbean": "Mixed White and Black Caribbean",
    "Total": "All ethnic groups",
}
CENSUS_COLUMNS = {
    "Ethnic group: Total: All usual residents": "All ethnic groups",
    "Ethnic group: Asian, Asian British or Asian Welsh": "Asian",
    "Ethnic group: Black, Black British, Black Welsh, Caribbean or African": "Black",
    "Ethnic group: Black, Black British, Black Welsh, Caribbean or African: Caribbean": "Black Caribbean",
    "Ethnic group: Mixed or Multiple ethnic groups": "Mixed",
    "Ethnic group: Mixed or Multiple ethnic groups: White and Black African": "Mixed White and Black African",
    "Ethnic group: White": "White",
    "Ethnic group: White: English, Welsh, Scottish, Northern Irish or British": "White British",
    "Ethnic group: White: Irish": "White Irish",
    "Ethnic group: Other ethnic group": "Other ethnic group",
}
CLA_GROUPS = {
    "White": "White",
    "Mixed or Multiple ethnic groups": "Mixed",
    "Asian or Asian British": "Asian",
    "Black, African, Caribbean or Black British": "Black",
    "Other ethnic group": "Other ethnic group",
}


# The files, read here with the csv module: never through the app's readers.


def rows_of(name):
    with open(FIXTURES / name, newline="") as file:
        return list(csv.DictReader(file))


def dfe(name, la_name, time_period, label, indicator="perm_excl"):
    """(count, headcount) of a DfE row: a borough's (la_name) or England's (la_name "")."""
    for row in rows_of(name):
        if (row["la_name"], row["time_period"], row["school_type"], row["ethnicity_minor"]) == (
            la_name,
            time_period,
            "Total",
            label,
        ) and row["geographic_level"] in ("Local authority", "National"):
            return int(row[indicator]), int(row["headcount"])
    raise LookupError((name, la_name, time_period, label))


def census(area_name, column):
    return next(int(row[column]) for row in rows_of(TS021_FILE) if row["geography"] == area_name)


def census_london(column):
    """London's Census count: its 33 boroughs' (E09) added up, as the ONS publishes them by local authority."""
    return sum(int(row[column]) for row in rows_of(TS021_FILE) if row["geography code"].startswith("E09"))


def london_row(name, time_period, label, indicator):
    """(count, headcount or None) of London's own row in a DfE file: its Regional row for E12000007."""
    for row in rows_of(name):
        if (row["geographic_level"], row["region_code"], row["time_period"]) == ("Regional", "E12000007", time_period):
            if label in (row.get("ethnicity_minor"), row.get("characteristic")):
                return int(row[indicator]), int(row["headcount"]) if "headcount" in row else None
    raise LookupError((name, time_period, label))


def cla(la_name, characteristic):
    return next(
        int(row["number"])
        for row in rows_of(CLA_FILE)
        if row["la_name"] == la_name and row["characteristic"] == characteristic and row["cla_group"] != "Age group"
    )


def index_of(a, n1, c, n2):
    """The rate index a/n1 ÷ c/n2 and its 95% interval: the log (Katz) method, or below 10 counted on either side
    the exact one (Clopper-Pearson's interval of a's share of a + c, turned into the index), as decision 0011 says."""
    index = (a / n1) / (c / n2)
    if min(a, c) < 10:
        share = binomtest(a, a + c).proportion_ci(method="exact")
        low, high = (p / (1 - p) * n2 / n1 if p < 1 else math.inf for p in (share.low, share.high))
        return index, low, high, "exact"
    error = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    return index, index * math.exp(-Z * error), index * math.exp(Z * error), "log"


# A cell, and what it should read.


class Cell:
    """One figure a reader should see: its count (None: not shown, and `status` says why), its denominator and what
    kind, and the comparison group's (count, denominator) for its index (None: the comparison group itself, or no
    index). `small`: its file has a small count in the same period, which it may be hidden to protect."""

    def __init__(
        self, view, stage, group, count, denominator=None, source="", against=None, status="", small=False, note=""
    ):
        self.view, self.stage, self.group, self.count, self.status = view, stage, group, count, status
        self.denominator, self.source, self.against, self.small = denominator, source, against, small
        self.note = note  # London's own figure: "as published by …" on its row, in the CSV and the API

    def __repr__(self):
        return f"{self.view} {self.stage} {self.group}"


def exclusions(name, la_name, time_period, label, comparison="White - White British"):
    """A permanent exclusions cell of a DfE file: its count over its own headcount, its index against White British
    (none for White British itself or the total); a small count hidden."""
    count, headcount = dfe(name, la_name, time_period, label)
    year = int(time_period[:4])
    small = any(0 < int(row["perm_excl"]) < THRESHOLD for row in rows_of(name) if row["time_period"] == time_period)
    view = View(EXCLUSIONS, AREAS.get(la_name, "england"), year)
    if 0 < count < THRESHOLD:
        return Cell(view, PERMANENT, GROUPS[label], None, status=HIDDEN)
    against = None if label in (comparison, "Total") else dfe(name, la_name, time_period, comparison)
    return Cell(view, PERMANENT, GROUPS[label], count, headcount, DATA_FILE, against, small=small)


def population(area_name, column, group):
    """A Census cell on the population page: the ONS's count, as each group's share per 1,000 of the area's total."""
    level = "high" if group in ("Asian", "Black", "Mixed", "White", "Other ethnic group") else "detailed"
    view = View("population", AREAS.get(area_name, "city-of-london"), 2021, level)
    total = census(area_name, "Ethnic group: Total: All usual residents")
    if group == "All ethnic groups":
        return Cell(view, CHILDREN, group, total)
    return Cell(view, CHILDREN, group, census(area_name, column), total, ALL_AGES)


class View:
    """What a reader gets for a measure, area, period and level of groups: its CSV, its API JSON, its page."""

    reader = Client()

    def __init__(self, measure, area, year=None, level="detailed"):
        self.measure, self.area, self.year, self.level = measure, area, year, level

    def __repr__(self):
        return f"{self.measure}/{self.area}/{self.year}/{self.level}"

    @property
    def params(self):
        return {"area": self.area, "level": self.level} | ({"period": self.year} if self.year else {})

    def csv(self):
        response = self.reader.get(reverse("evidence:measure_csv", args=[self.measure]), self.params)
        assert response.status_code == 200, (self, response.content[:300])
        return list(csv.DictReader(io.StringIO(response.content.decode())))

    def api(self):
        response = self.reader.get(reverse("evidence:api_measure_detail", args=[self.measure]), self.params)
        assert response.status_code == 200, (self, response.content[:300])
        return response.json()

    def html(self):
        response = self.reader.get(reverse("evidence:measure", args=[self.measure]), self.params)
        assert response.status_code == 200, self
        return response.content.decode()

    def opens_on(self):
        """The period the page opens on, as its heading says it, and as the API answers it."""
        heading = Tables.of(self.html()).h1
        period = heading.rsplit(", ", 1)[1] if ", " in heading else ""
        assert self.api()["period"] == period, self
        return period


class Tables(html.parser.HTMLParser):
    """The page's first heading and its tables, each as its caption and rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.h1, self.tables, self.where, self.text = "", [], None, []

    @classmethod
    def of(cls, text):
        parser = cls()
        parser.feed(text)
        return parser

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        if tag in ("h1", "caption", "th", "td"):
            self.where, self.text = tag, []

    def handle_endtag(self, tag):
        if tag != self.where:
            return
        text = " ".join("".join(self.text).split())
        if tag == "h1":
            self.h1 = text
        elif tag == "caption":
            self.tables[-1]["caption"] = text
        else:
            self.tables[-1]["rows"][-1].append(text)
        self.where = None

    def handle_data(self, data):
        if self.where:
            self.text.append(data)

    def row(self, stage, group):
        """The cells of a group's row in a stage's table ("All …" for its total)."""
        table = next(table for table in self.tables if table["caption"].startswith(f"{stage}:"))
        name = group if group != "All ethnic groups" else "All "
        return next(row for row in table["rows"] if row and row[0].split(" (comparison)")[0].startswith(name))


def check(cells):
    """Each cell as the CSV, the API and the page give it, against what the files say: a small count hidden, a 0
    shown, every other count shown as the file gives it, or hidden only in a period with a small count to protect
    (returned, for the step to say which it expects), with its rate and index worked out here."""
    assert len(cells) == 20
    hidden = []
    for cell in cells:
        rows = {(row["stage"], row["ethnic_group"]): row for row in cell.view.csv()}
        api = {(item["stage"], item["ethnic_group"]): item for item in cell.view.api()["figures"]}
        row, item = rows[(cell.stage, cell.group)], api[(cell.stage, cell.group)]
        page = Tables.of(cell.view.html()).row(cell.stage, cell.group)
        if cell.count is None:
            assert (row["count"], row["count_note"], row["rate_per_1000"]) == ("", cell.status, ""), cell
            assert (item["count"], item["rate_per_1000"]) == (None, None), cell
            assert page[1] == cell.status, (cell, page)
            continue
        if row["count"] == "" and cell.small and cell.count != 0:  # hidden to protect a small count beside it
            assert (row["count_note"], row["rate_per_1000"], item["count"], page[1]) == (HIDDEN, "", None, HIDDEN)
            hidden.append(cell)
            continue
        assert (int(row["count"]), item["count"], page[1]) == (cell.count, cell.count, f"{cell.count:,}"), cell
        assert row["published_note"] == (item["published_note"] or "") == cell.note, (cell, row["published_note"])
        assert (f"({cell.note})" in page[0]) == bool(cell.note), (cell, page)
        if cell.denominator is None:  # no rate: nothing of the same kind to divide by
            assert (row["denominator"], row["rate_per_1000"], item["rate_per_1000"]) == ("", "", None), cell
            continue
        rate = 1000 * cell.count / cell.denominator
        assert int(row["denominator"]) == cell.denominator, cell
        assert row["denominator_source"] == item["denominator_source"] == cell.source, (cell, row["denominator_source"])
        assert float(row["rate_per_1000"]) == pytest.approx(rate, abs=0.0005), cell
        assert item["rate_per_1000"] == pytest.approx(rate, abs=0.0005), cell
        assert page[2 if len(page) == 3 else 3].startswith(f"{rate:.1f}"), (cell, page)  # a population's: its share
        if cell.against is not None:
            index, low, high, method = index_of(cell.count, cell.denominator, *cell.against)
            assert float(row["rate_index"]) == pytest.approx(index, abs=0.0005), cell
            assert item["rate_index"] == pytest.approx(index, abs=0.0005), cell
            assert float(row["index_low_95"]) == pytest.approx(low, abs=0.0005), cell
            assert float(row["index_high_95"]) == pytest.approx(high, abs=0.0005), cell
            assert row["index_interval_method"] == method, cell
            assert page[4].startswith(f"{index:.2f}"), (cell, page)
            near = 0.9 <= round(index, 2) <= 1.1  # "about as likely": never "confident"
            assert ("we can be confident" in row["reading"]) == (not near and (low > 1 or high < 1)), (cell, row)
    return hidden


def check_no_mixing(view, *, illustrative=False):
    """No figure of the view without its denominator named; within a stage, rates and indices of one kind of
    denominator only; and illustrative figures only where the measure is the demo's (`illustrative`)."""
    rows, answer, page = view.csv(), view.api(), view.html()
    kinds = {}
    for row in rows:
        assert bool(row["denominator"]) == bool(row["denominator_source"]), (view, row)
        if row["rate_per_1000"]:
            kinds.setdefault(row["stage"], set()).add(row["denominator_source"])
        if row["count"]:
            assert (row["data_status"] == ILLUSTRATIVE) == illustrative, (view, row)
    assert all(len(found) == 1 for found in kinds.values()), (view, kinds)
    assert all(bool(item["denominator"]) == bool(item["denominator_source"]) for item in answer["figures"]), view
    assert answer["illustrative"] == illustrative, view
    assert all(item["illustrative"] == illustrative for item in answer["figures"] if item["count"] is not None), view
    assert (ILLUSTRATIVE in page) == illustrative, view
    assert "its kind on each row" not in page, view
    return kinds


def opening(measure, areas, level="detailed"):
    return {area: View(measure, area, level=level).opens_on() for area in areas}


# The analyst's loads.


def command(name, *arguments, check_only=False, publisher="Department for Education"):
    """The load_dataset command, as an analyst runs it; its output."""
    out = io.StringIO()
    call_command(
        "load_dataset",
        str(FIXTURES / name),
        *arguments,
        f"--publisher={publisher}",
        "--by=ana@example.org",
        *(["--check-only"] if check_only else []),
        stdout=out,
    )
    return out.getvalue()


def upload(client, name, **fields):
    data = {"file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), "text/csv"), "title": name} | fields
    page = client.post(reverse("evidence:load"), data)
    assert page.status_code == 200
    return page


LOAD_BUTTON = '<button type="submit" class="btn btn-primary">Load '


def test_five_real_files_loaded_in_turn_over_the_demo_read_as_the_files_say(client):
    demo.load_demo_evidence(years=["2021/22", "2022/23"])
    protection.build_all()
    client.force_login(analyst(email="ana@example.org", first_name="Ana", last_name="Costa"))
    demo_kinds = check_no_mixing(View(EXCLUSIONS, "hackney", 2022), illustrative=True)
    assert demo_kinds == dict.fromkeys(["Suspension", PERMANENT], {"population: children aged 0 to 17"})

    # 1. The DfE's exclusions file, its headcounts the denominator.
    said = command(EXCLUSIONS_FILE, "--source=dfe", "--indicator=perm_excl=exclusions/permanent-exclusion",
                   "--denominator=headcount", check_only=True)  # fmt: skip
    assert "Its rates will be of each row's own denominator, from the file" in said
    assert "Suspensions and permanent exclusions: all " in said  # the demo's figures it removes
    command(EXCLUSIONS_FILE, "--source=dfe", "--indicator=perm_excl=exclusions/permanent-exclusion",
            "--denominator=headcount")  # fmt: skip
    first = [
        exclusions(EXCLUSIONS_FILE, la, period, label)
        for la in ("Hackney", "Redbridge", "Westminster")
        for period, labels in (
            ("202223", ("White - Irish", "Black - Black Caribbean", "Mixed - White and Black Caribbean")),
            ("202122", ("Black - Black African", "White - White British")),
        )
        for label in labels
    ]
    first += [
        exclusions(EXCLUSIONS_FILE, "Hackney", "202223", "Total"),
        exclusions(EXCLUSIONS_FILE, "", "202223", "Total"),  # England's, over its own headcount
        exclusions(EXCLUSIONS_FILE, "Redbridge", "202223", "Asian - Indian"),  # 0 of 2,420: shown, a rate of 0
        # London's own total, as the DfE published it (its Regional row), not "a part is missing": 30 boroughs are
        Cell(
            View(EXCLUSIONS, "london", 2022),
            PERMANENT,
            "All ethnic groups",
            *london_row(EXCLUSIONS_FILE, "202223", "Total", "perm_excl"),
            DATA_FILE,
            note=BY_DFE,
        ),  # fmt: skip
        Cell(View(EXCLUSIONS, "east-london", 2022), PERMANENT, "Black Caribbean", None, status=INCOMPLETE),
    ]
    check(first)
    suspensions = [row for row in View(EXCLUSIONS, "hackney", 2022).csv() if row["stage"] == "Suspension"]
    assert {row["count_note"] for row in suspensions} == {"no data"}  # the demo's went, and the file has none
    for area in ("hackney", "redbridge", "westminster", "east-london", "london", "england"):
        assert check_no_mixing(View(EXCLUSIONS, area, 2022)) in ({PERMANENT: {DATA_FILE}}, {}), area
    areas = ("hackney", "redbridge", "westminster", "east-london", "london", "england")
    assert opening(EXCLUSIONS, areas) == dict.fromkeys(areas, "2022/23")

    # 2. A local extract with 8 of the groups, for a newer period: the preview says what it leaves incomplete and
    # where the pages will open; the boroughs keep opening on their newest complete period.
    arguments = ["--source=dfe", "--indicator=perm_excl=exclusions/permanent-exclusion", "--denominator=headcount"]
    said = command(EIGHT_GROUPS_FILE, *arguments, check_only=True)
    assert "London, Permanent exclusion: 31 of 33 boroughs’ figures missing for 2023/24" in said
    assert "East London, Permanent exclusion: 6 of 8 boroughs’ figures missing for 2023/24" in said
    assert "Hackney will open on 2022/23, as now: 2023/24 is incomplete" in said
    assert "Redbridge will open on 2022/23, as now: 2023/24 is incomplete" in said
    assert "London will open on 2022/23, as now: 2023/24 is incomplete" in said  # the period missing least
    command(EIGHT_GROUPS_FILE, *arguments)
    second = [
        exclusions(EIGHT_GROUPS_FILE, la, "202324", label)
        for la in ("Hackney", "Redbridge")
        for label in (
            "Total",
            "White - White British",
            "White - Irish",  # Hackney's 3: hidden
            "Black - Black Caribbean",
            "Black - Black African",
            "Asian - Indian",
            "Asian - Bangladeshi",
            "Mixed - White and Black Caribbean",
        )
    ]
    second += [first[0], first[1], first[5], first[6]]  # 2022/23's figures are as they were
    assert check(second) == []  # Hackney's 3 White Irish is hidden; the counts hidden beside it are not among these
    hackney = View(EXCLUSIONS, "hackney", 2023).html()
    assert (
        "Hackney, Permanent exclusion: 10 of its 18 groups’ figures missing for 2023/24" in hackney
    )  # the DfE's 18, as readers count
    assert Tables.of(hackney).row(PERMANENT, "Pakistani")[1] == "no data"
    for area in ("hackney", "redbridge", "east-london", "london"):  # those with figures for 2023/24
        check_no_mixing(View(EXCLUSIONS, area, 2023))
    assert opening(EXCLUSIONS, areas) == dict.fromkeys(areas, "2022/23")

    # 3. Westminster's 2023/24, two of its labels not recognised: mapped in the load view's preview.
    page = upload(client, UNKNOWN_LABELS_FILE, source="dfe", indicators="perm_excl = exclusions/permanent-exclusion",
                  denominator="headcount", publisher="Department for Education")  # fmt: skip
    text = page.content.decode()
    assert "Labels the portal does not recognise" in text and LOAD_BUTTON not in text
    labels = {row.label: row.index for row in page.context["unknown_labels"]}
    assert set(labels) == {"Black Carribean", "Other - Any other ethnic group"}
    choices = {"token": page.context["token"]}
    for label, group in (("Black Carribean", "black-caribbean"), ("Other - Any other ethnic group", "other")):
        choices |= {f"label-{labels[label]}": label, f"group-{labels[label]}": group}
    page = client.post(reverse("evidence:load_choices"), choices)
    text = page.content.decode()
    assert "‘Black Carribean’ loads as Black Caribbean" in text
    assert f"{LOAD_BUTTON}19 rows</button>" in text  # its total and 18 groups: every row, as mapped
    assert "Westminster</th><td>Suspensions and permanent exclusions</td><td>2023/24</td>" in text
    assert not EthnicGroupLabel.objects.filter(label="Black Carribean").exists()  # nothing saved before the load
    client.post(reverse("evidence:load_confirm"), {"token": page.context["token"]})
    assert EthnicGroupLabel.objects.get(label="Black Carribean", publisher="dfe").group.code == "black-caribbean"
    third = [
        exclusions(UNKNOWN_LABELS_FILE, "Westminster", "202324", label)
        for label in (
            "Total",
            "White - White British",
            "Black Carribean",
            "Black - Black African",
            "Asian - Pakistani",  # 2: hidden
            "Asian - Bangladeshi",
            "Mixed - White and Black Caribbean",
            "White - Irish",  # 0 of 210
            "White - Any other White background",
        )
    ]
    westminster = View(EXCLUSIONS, "westminster", 2023, level="high")
    other, headcount = dfe(UNKNOWN_LABELS_FILE, "Westminster", "202324", "Other - Any other ethnic group")
    white = [row for row in rows_of(UNKNOWN_LABELS_FILE) if row["ethnicity_major"] == "White"]  # its groups, added
    white = (sum(int(row["perm_excl"]) for row in white), sum(int(row["headcount"]) for row in white))
    third.append(Cell(westminster, PERMANENT, "Other ethnic group", other, headcount, DATA_FILE, white))
    third += second[:8] + first[6:8]
    assert [cell.group for cell in check(third)] == ["Bangladeshi"]  # beside Westminster's 2 Pakistani
    for area in ("hackney", "redbridge", "westminster", "east-london", "north-west-london", "london"):
        check_no_mixing(View(EXCLUSIONS, area, 2023))
    opens = dict.fromkeys(areas, "2022/23") | {"westminster": "2023/24", "north-west-london": "2023/24"}
    assert opening(EXCLUSIONS, [*areas, "north-west-london"]) == opens

    # 4. The Census's TS021 for England and Wales, as the children's population, all ages confirmed.
    arguments = ["--source=census", "--stage=population/children"]
    with pytest.raises(CommandError):  # all usual residents are no children's population unless confirmed
        command(TS021_FILE, *arguments, check_only=True, publisher=ONS)
    said = command(TS021_FILE, *arguments, "--confirm-all-ages", check_only=True, publisher=ONS)
    assert "8 areas outside London skipped" in said and "Population: all " in said  # the demo's population goes
    command(TS021_FILE, *arguments, "--confirm-all-ages", publisher=ONS)
    assert Dataset.objects.get(source="census").all_ages
    redbridge = ("All ethnic groups", "Black", "Black Caribbean", "White", "White British")
    city = ("All ethnic groups", "White Irish", "Mixed White and Black African")  # 4 and 2: the ONS's own, shown
    fourth = [
        population(area, column, group)
        for area, groups in (("Hackney", CENSUS_COLUMNS.values()), ("Redbridge", redbridge), ("City of London", city))
        for column, group in CENSUS_COLUMNS.items()
        if group in groups
    ]
    youth = View("youth-justice", "hackney", 2022)
    fourth += [first[1], first[9]]  # exclusions: still over the file's headcounts, not the Census
    assert len(fourth) == 20
    check(fourth)
    for row in youth.csv():  # the demo's counts, over the real population of all ages
        if row["ethnic_group"] in ("Black Caribbean", "White British") and row["denominator"]:
            column = next(column for column, name in CENSUS_COLUMNS.items() if name == row["ethnic_group"])
            assert (int(row["denominator"]), row["denominator_source"]) == (census("Hackney", column), ALL_AGES)
            if row["count"]:  # else hidden, with no rate
                rate = 1000 * int(row["count"]) / int(row["denominator"])
                assert float(row["rate_per_1000"]) == pytest.approx(rate, abs=0.0005)
    check_no_mixing(youth, illustrative=True)
    for area in ("hackney", "city-of-london", "east-london", "london"):
        check_no_mixing(View("population", area, 2021))
    assert "per 1,000 residents of all ages" in youth.html()
    assert opening("population", ["hackney", "redbridge", "city-of-london"]) == dict.fromkeys(
        ["hackney", "redbridge", "city-of-london"], "2021"
    )
    assert opening(EXCLUSIONS, [*areas, "north-west-london"]) == opens

    # 5. Children looked after, its cla_group breakdown chosen in the preview and its labels mapped there.
    page = upload(client, CLA_FILE, source="dfe", indicators="number = childrens-social-care/looked-after",
                  publisher="Department for Education")  # fmt: skip
    breakdowns = page.context["breakdowns"]
    assert [row["breakdown"].column for row in breakdowns] == ["cla_group"]
    labels = {row.label: row.index for row in page.context["unknown_labels"]}
    choices = {"token": page.context["token"], "breakdown-0": "cla_group", "value-0": "Ethnicity"}
    for label, group in (("Black, African, Caribbean or Black British", "black"),
                         ("Refused or information not yet available", LEAVE_OUT)):  # fmt: skip
        choices |= {f"label-{labels[label]}": label, f"group-{labels[label]}": group}
    page = client.post(reverse("evidence:load_choices"), choices)
    text = page.content.decode()
    assert f"{LOAD_BUTTON}15 rows</button>" in text, text  # each borough's total and 5 groups; England's total;
    # London's total and Black, as the DfE published them
    assert "Children&#x27;s social care: all " in text  # the demo's figures go, every stage
    assert "the group&#x27;s population loaded for the area and year (the Census)" in text  # no headcount in it
    client.post(reverse("evidence:load_confirm"), {"token": page.context["token"]})
    fifth = []
    for la in ("Hackney", "Redbridge"):
        view = View("childrens-social-care", AREAS[la], 2024, level="high")
        white = (cla(la, "White"), census(la, "Ethnic group: White"))
        for characteristic, group in CLA_GROUPS.items():
            column = next(column for column, name in CENSUS_COLUMNS.items() if name == group)
            against = None if group == "White" else white
            fifth.append(Cell(view, "Looked after", group, cla(la, characteristic), census(la, column), ALL_AGES,
                              against))  # fmt: skip
        everyone = census(la, "Ethnic group: Total: All usual residents")
        fifth.append(Cell(view, "Looked after", "All ethnic groups", cla(la, "Total"), everyone, ALL_AGES))
    england = View("childrens-social-care", "england", 2024, level="high")
    fifth.append(Cell(england, "Looked after", "All ethnic groups", cla("", "Total")))  # no England population
    black = "Black, African, Caribbean or Black British"  # London's own, as the DfE published it, over its population
    fifth.append(Cell(View("childrens-social-care", "london", 2024, level="high"), "Looked after", "Black",
                      london_row(CLA_FILE, "2024", black, "number")[0],
                      census_london("Ethnic group: Black, Black British, Black Welsh, Caribbean or African"), ALL_AGES,
                      note=BY_DFE))  # fmt: skip
    fifth += [first[1], third[2], fourth[0], fourth[3], second[3], second[1]]  # the other measures' as they were
    check(fifth)
    referrals = [
        row for row in View("childrens-social-care", "hackney", 2024, "high").csv() if row["stage"] == "Referral"
    ]
    assert {row["count_note"] for row in referrals} == {"no data"}  # the demo's social care went
    for area in ("hackney", "redbridge", "london", "east-london", "england"):
        check_no_mixing(View("childrens-social-care", area, 2024, level="high"))
    assert opening("childrens-social-care", ["hackney", "redbridge", "london"], level="high") == dict.fromkeys(
        ["hackney", "redbridge", "london"], "2024"
    )
    assert opening(EXCLUSIONS, [*areas, "north-west-london"]) == opens
