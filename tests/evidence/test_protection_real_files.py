"""Protection that protects and no more, on an independent analyst's DfE files loaded over the demo (issue 27,
findings 1 and 2): permanent exclusions and suspensions for Hackney, Redbridge, Camden and Islington, then Barnet,
Enfield and Haringey, so North Central London is whole. The figures are illustrative test data derived from the DfE's
Explore Education Statistics layout (tests/evidence/fixtures/README.md).

Before, North Central London's 2021/22 permanent exclusions (243) and every one of its five high-level groups were
hidden, and so were Hackney's 472 White pupils suspended in 2022/23 and borough totals in the thousands, each to
protect a count of 1 or 2 that smaller counts beside it could protect (docs/decisions/0011)."""

import csv
import io

import pytest

from evidence import demo, protection
from evidence.loading import Options, load_dataset
from evidence.lookups import LEAVE_OUT
from evidence.models import EthnicGroup, Measure, Stage
from evidence.protection import protected_cells
from reference.models import LocalAuthority, SubRegion
from tests.evidence.factories import FIXTURES

pytestmark = pytest.mark.django_db

FILES = ("dfe_exclusions_four_boroughs.csv", "dfe_exclusions_north_central.csv")
AS_THE_ANALYST = Options(
    source="dfe",
    indicators={"perm_excl": "exclusions/permanent-exclusion", "susp": "exclusions/suspension"},
    denominator="headcount",
    rates_of="file",
    publisher="Department for Education",
    labels={"Unclassified": LEAVE_OUT},
)


@pytest.fixture
def cells():
    demo.load_demo_evidence()
    for name in FILES:
        load_dataset(
            io.BytesIO((FIXTURES / name).read_bytes()),
            AS_THE_ANALYST,
            provenance={"title": "Suspensions and permanent exclusions by ethnicity", "publisher": "DfE"},
            replace=True,
        )
    protection.build_all()
    return protected_cells(Measure.objects.get(slug="exclusions").stages.all())[0]


def shown(cells, stage, year, area, group=None):
    """The count shown for the stage of exclusions, year, area and group (a name; None: the total), or None."""
    stage = Stage.objects.get(measure__slug="exclusions", slug=stage).pk
    if group is not None:
        group = EthnicGroup.objects.get(name=group).pk
    cell = cells[(stage, year, area, group)]
    return None if cell.hidden else cell.count


# The DfE's major groups as the Census's five (its Chinese are Asian in the Census; Unclassified is in no group).
CENSUS_GROUP = {
    "White": "White",
    "Mixed": "Mixed or Multiple ethnic groups",
    "Asian": "Asian, Asian British or Asian Welsh",
    "Chinese": "Asian, Asian British or Asian Welsh",
    "Black": "Black, Black British, Black Welsh, Caribbean or African",
    "Any other ethnic group": "Other ethnic group",
}
NORTH_CENTRAL = {"Barnet", "Camden", "Enfield", "Haringey", "Islington"}


def from_the_files(period, boroughs):
    """North Central London's permanent exclusions in the period, in all and by the five groups, added up from the
    files themselves."""
    total, groups = 0, dict.fromkeys(CENSUS_GROUP.values(), 0)
    for name in FILES:
        for row in csv.DictReader(io.StringIO((FIXTURES / name).read_text())):
            if row["time_period"] != period or row["la_name"] not in boroughs:
                continue
            if row["ethnicity_major"] == "Total":
                total += int(row["perm_excl"])
            elif row["ethnicity_major"] in CENSUS_GROUP:
                groups[CENSUS_GROUP[row["ethnicity_major"]]] += int(row["perm_excl"])
    return total, groups


def test_large_counts_are_shown_and_north_central_londons_five_groups_where_nothing_small_needs_them(cells):
    """One test of the two findings, as building the protection over the demo and both files takes most of a minute."""
    north_central = ("sub-region", SubRegion.objects.get(name="North Central London").pk)
    total, groups = from_the_files("202122", NORTH_CENTRAL)
    assert total == 243
    assert groups["White"] == 70
    assert shown(cells, "permanent-exclusion", 2021, north_central) == total
    for name in ("Black, Black British, Black Welsh, Caribbean or African", "Mixed or Multiple ethnic groups"):
        assert shown(cells, "permanent-exclusion", 2021, north_central, name) == groups[name]
    # White, Asian and Other stay hidden where nothing below protects a small count: North Central London's own
    # Chinese pupils (2), and Camden's Other (4) where every borough's Other is under 5.

    # Finding 2: a borough's large counts.
    hackney, camden = (("la", LocalAuthority.objects.get(name=name).pk) for name in ("Hackney", "Camden"))
    assert shown(cells, "suspension", 2022, hackney, "White") == 472
    assert shown(cells, "suspension", 2022, hackney) == 1279
    assert shown(cells, "suspension", 2021, camden) == 1383
