"""London's own figures as the DfE publishes them (issue 27's scenario found the gap): an EES file's Regional rows for
London (region_code E12000007) are kept as London's figures, and London's page, CSV and API show them, "as published
by" their publisher, where its boroughs' figures are incomplete, and where the boroughs' add up to another number
(saying so); sub-regions have no published figure and stay incomplete; other regions' rows are counted and skipped
(docs/decisions/0011). The files are made here in the EES layout of "Suspensions and permanent exclusions in England"
(test_real_over_demo.py describes the release), with counts drawn at random and London's rows as the test says."""

import csv
import io
import random

import pytest
from django.test import Client
from django.urls import reverse

from evidence import protection
from evidence.loading import Options, check, load_dataset
from reference.models import LocalAuthority

pytestmark = pytest.mark.django_db

PERMANENT = Options(source="dfe", indicators={"perm_excl": "exclusions/permanent-exclusion"}, denominator="headcount")
HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,"
    "new_la_code,la_name,school_type,ethnicity_major,ethnicity_minor,headcount,perm_excl"
).split(",")
LABELS = [  # the DfE's (major, minor) labels, as its exclusions files give them
    ("White", "White - White British"),
    ("White", "White - Irish"),
    ("White", "White - Traveller of Irish heritage"),
    ("White", "White - Gypsy/Roma"),
    ("White", "White - Any other White background"),
    ("Mixed", "Mixed - White and Black Caribbean"),
    ("Mixed", "Mixed - White and Black African"),
    ("Mixed", "Mixed - White and Asian"),
    ("Mixed", "Mixed - Any other Mixed background"),
    ("Asian", "Asian - Indian"),
    ("Asian", "Asian - Pakistani"),
    ("Asian", "Asian - Bangladeshi"),
    ("Asian", "Asian - Any other Asian background"),
    ("Black", "Black - Black Caribbean"),
    ("Black", "Black - Black African"),
    ("Black", "Black - Any other Black background"),
    ("Chinese", "Chinese"),
    ("Any other ethnic group", "Any other ethnic group"),
]
GROUP_NAMES = {"White - White British": "White British", "Black - Black Caribbean": "Black Caribbean"}
BY_DFE = "as published by the DfE"
INCOMPLETE = "not available: a part is missing"


def borough_figures(seed, boroughs):
    """{(gss code, minor label): (count, headcount)}: counts of 0 to 60, one in six from 1 to 4."""
    chance = random.Random(seed)
    figures = {}
    for code in boroughs:
        for _, label in LABELS:
            count = chance.randint(1, 4) if chance.random() < 1 / 6 else chance.randint(0, 60)
            figures[(code, label)] = (count, count * 200 + chance.randint(100, 5000))
    return figures


def dfe_file(figures, london=None, other_region=False):
    """The file's rows: each borough's groups and total, and London's own rows (`london`: {minor label or "Total":
    (count, headcount)}) as Regional rows for E12000007; another region's Regional row where `other_region`."""
    names = dict(LocalAuthority.objects.values_list("gss_code", "name"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    common = ["202223", "Academic year"]
    for label, (count, headcount) in (london or {}).items():
        major = "Total" if label == "Total" else dict((minor, major) for major, minor in LABELS)[label]
        writer.writerow([*common, "Regional", "E92000001", "England", "E12000007", "London", "", "", "", "Total",
                         major, label, headcount, count])  # fmt: skip
    if other_region:
        writer.writerow([*common, "Regional", "E92000001", "England", "E12000001", "North East", "", "", "", "Total",
                         "Total", "Total", 400000, 310])  # fmt: skip
    for code in dict.fromkeys(code for code, _ in figures):
        parts = [(major, minor, *figures[(code, minor)]) for major, minor in LABELS]
        total = (sum(part[2] for part in parts), sum(part[3] for part in parts))
        for major, minor, count, headcount in [("Total", "Total", *total), *parts]:
            writer.writerow([*common, "Local authority", "E92000001", "England", "E12000007", "London", "999", code,
                             names[code], "Total", major, minor, headcount, count])  # fmt: skip
    return io.BytesIO(out.getvalue().encode())


def load(binary):
    dataset = load_dataset(binary, PERMANENT, provenance={"title": "Permanent exclusions", "publisher": "DfE"})
    protection.build_all()
    return dataset


def london_by_group(figures, boroughs, rest=150):
    """London's own figure for each group (and "Total"): the boroughs' given sum plus what the others add (`rest`
    children of a group, of 200 times as many pupils)."""
    found = {}
    for _, label in LABELS:
        count = sum(figures[(code, label)][0] for code in boroughs) + rest
        found[label] = (count, sum(figures[(code, label)][1] for code in boroughs) + 200 * rest)
    found["Total"] = (sum(count for count, _ in found.values()), sum(headcount for _, headcount in found.values()))
    return found


THREE = ["E09000012", "E09000026", "E09000033"]  # Hackney, Redbridge, Westminster


def view(area, fmt):
    params = {"area": area, "period": "2022"}
    name = {"csv": "evidence:measure_csv", "api": "evidence:api_measure_detail", "html": "evidence:measure"}[fmt]
    response = Client().get(reverse(name, args=["exclusions"]), params)
    assert response.status_code == 200
    if fmt == "csv":
        return {row["ethnic_group"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    if fmt == "api":
        return {item["ethnic_group"]: item for item in response.json()["figures"]}
    return response.content.decode()


def test_londons_own_figures_show_as_published_where_three_of_its_boroughs_are_loaded():
    figures = borough_figures(27, THREE)
    published = london_by_group(figures, THREE)
    report = check(dfe_file(figures, published, other_region=True), PERMANENT)
    assert report.problems["other_geography"] == 1  # the North East's row: counted and skipped
    assert report.rows == 3 * 19 + 19  # each borough's total and 18 groups; London's own
    load(dfe_file(figures, published, other_region=True))
    rows, items, page = view("london", "csv"), view("london", "api"), view("london", "html")
    for label, name in [("Total", "All ethnic groups"), *GROUP_NAMES.items()]:
        count, headcount = published[label]
        row, item = rows[name], items[name]
        assert (int(row["count"]), int(row["denominator"]), row["published_note"]) == (count, headcount, BY_DFE)
        assert (item["count"], item["denominator"], item["published_note"]) == (count, headcount, BY_DFE)
        assert item["denominator_source"] == row["denominator_source"] == "data file"
        assert float(row["rate_per_1000"]) == pytest.approx(1000 * count / headcount, abs=0.0005)
        assert f"({BY_DFE})" in page and f"{count:,}" in page
    assert "boroughs’ figures missing" not in page  # London's own figures are complete for 2022/23
    assert "Department for Education" in page or "DfE" in page  # its source named, as any figure's
    east = view("east-london", "csv")  # a sub-region has no published figure: incomplete, as it was
    assert (east["All ethnic groups"]["count"], east["All ethnic groups"]["count_note"]) == ("", INCOMPLETE)
    assert east["All ethnic groups"]["published_note"] == ""
    assert "6 of 8 boroughs’ figures missing" in view("east-london", "html")
    hackney = view("hackney", "csv")["All ethnic groups"]
    assert (int(hackney["count"]), hackney["published_note"]) == (sum(figures[(THREE[0], m)][0] for _, m in LABELS), "")


def test_londons_own_figure_is_shown_where_its_boroughs_add_up_to_another_number_saying_so():
    boroughs = list(LocalAuthority.objects.values_list("gss_code", flat=True))
    assert len(boroughs) == 33
    figures = borough_figures(11, boroughs)
    added = sum(figures[(code, label)][0] for code in boroughs for _, label in LABELS)
    headcount = sum(figures[(code, label)][1] for code in boroughs for _, label in LABELS)
    load(dfe_file(figures, {"Total": (added + 5, headcount)}))  # the DfE's own, as it rounds
    total = view("london", "api")["All ethnic groups"]
    assert total["count"] == added + 5
    assert total["published_note"] == f"{BY_DFE}; its boroughs’ figures add up to {added:,}"
    british = view("london", "api")["White British"]  # no published figure for it: the boroughs' sum
    assert british["count"] == sum(figures[(code, "White - White British")][0] for code in boroughs)
    assert british["published_note"] is None


def test_without_londons_own_rows_its_figures_stay_incomplete():
    figures = borough_figures(27, THREE)
    load(dfe_file(figures))
    total = view("london", "api")["All ethnic groups"]
    assert (total["count"], total["count_note"], total["published_note"]) == (None, INCOMPLETE, None)
