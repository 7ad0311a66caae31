"""What a reader can work out from every measure and period of the demo's figures, and of a real DfE file loaded over
them, knowing every sum the pages show and that a count shown as hidden is at least 1 (zeros are shown): no hidden
count is narrowed to fewer values than the protection threshold allows (issue 27; docs/decisions/0011).

Before, 65 hidden counts of the demo could be narrowed to 1 to 4 this way (Westminster's 2023/24 Black Caribbean
permanent exclusions to 2 to 5), while London's 2,283 permanent exclusions were hidden in every year."""

import io
import random

import pytest

from evidence import demo, protection
from evidence.cube import LONDON
from evidence.loading import Options, load_dataset
from evidence.models import Measure
from evidence.protection import protected_cells, small_number
from reference.models import LocalAuthority
from tests.evidence.factories import FIXTURES
from tests.evidence.recovery import hidden_counts, narrowed
from tests.evidence.test_london_as_published import THREE, borough_figures, dfe_file, london_by_group

pytestmark = pytest.mark.django_db

PERMANENT = Options(source="dfe", indicators={"perm_excl": "exclusions/permanent-exclusion"}, denominator="headcount")
SAMPLE = 20  # hidden counts per stage and period bounded on their own (the rest only where the first sums show it)


def what_a_reader_can_work_out(measure, sample=SAMPLE):
    """{hidden key: (least, greatest)} for hidden counts of the measure narrowed below the threshold; and the periods
    it covers. Bounding every hidden count of the demo takes five minutes, so in each stage and period `sample` of
    them are (None: all): half of them small counts, as those are what the protection is for, the others drawn
    from every hidden count (sub-region and London sums among them). The programmes know every count."""
    cells, periods = protected_cells(measure.stages.all())
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    assert not [key for key, cell in cells.items() if cell.hidden and cell.count == 0]  # a hidden count is not 0
    chance, chosen = random.Random(27), []
    for stage, year in {key[:2] for key in cells}:
        hidden = [key for key, cell in cells.items() if key[:2] == (stage, year) and cell.hidden]
        small = [key for key in hidden if cells[key].count is not None and cells[key].count < small_number()]
        if sample is None or len(hidden) <= sample:
            chosen += hidden
            continue
        first = chance.sample(small, min(len(small), sample // 2))
        chosen += first + chance.sample([key for key in hidden if key not in first], sample - len(first))
    return narrowed(seen, chosen, small_number(), at_least_one=hidden_counts(cells)), set(periods.values())


def test_no_hidden_count_is_narrowed_below_the_threshold_in_any_measure_or_period_of_the_demo_or_a_dfe_file():
    demo.load_demo_evidence()
    protection.build_all()
    for measure in Measure.objects.with_data():
        found, periods = what_a_reader_can_work_out(measure)
        assert periods == set(demo.YEARS), measure
        assert found == {}, measure
    load_dataset(
        io.BytesIO((FIXTURES / "dfe_ees_exclusions_by_ethnicity.csv").read_bytes()),
        PERMANENT,
        provenance={"title": "Suspensions and permanent exclusions by characteristic", "publisher": "DfE"},
        replace=True,
    )
    protection.build_all()
    found, periods = what_a_reader_can_work_out(Measure.objects.get(slug="exclusions"))
    assert periods == {"2021/22", "2022/23"}
    assert found == {}


def test_london_totals_in_the_thousands_are_shown():
    """London's permanent exclusions (2,227 in a demo of 2019/20 alone; 2,283 in the five-year demo's) were hidden to
    protect borough counts of 1 that nothing near them could: they are shown, as are its children's social care
    totals."""
    demo.load_demo_evidence(years=["2019/20"])
    protection.build_all()
    for slug in ("exclusions", "childrens-social-care"):
        cells, _ = protected_cells(Measure.objects.get(slug=slug).stages.all())
        london = [cell for (_, _, area, group), cell in cells.items() if area == LONDON and group is None]
        assert london and not [cell.count for cell in london if cell.hidden]


@pytest.mark.parametrize("boroughs", ["three", "all"])
def test_londons_published_figures_are_a_margin_a_reader_knows_and_give_no_hidden_count_back(boroughs):
    """London's own figures, as the DfE published them, are shown whatever is hidden below them (never protected
    again): the reader's programmes hold them fixed, with every borough not in the file an unknown of 0 or more, so a
    hidden borough count is not worked back by subtracting the shown boroughs from London's published figure, with
    three boroughs in the file (the rest of London in the margin) or all 33 (London's figures their sums)."""
    codes = THREE if boroughs == "three" else list(LocalAuthority.objects.values_list("gss_code", flat=True))
    figures = borough_figures(5, codes)
    published = london_by_group(figures, codes, rest=150 if boroughs == "three" else 0)
    load_dataset(dfe_file(figures, published), PERMANENT, provenance={"title": "Exclusions", "publisher": "DfE"})
    protection.build_all()
    cells, _ = protected_cells(Measure.objects.get(slug="exclusions").stages.all())
    london = {key: cell for key, cell in cells.items() if key[2] == LONDON}
    assert {cell.count for key, cell in london.items() if key[3] is None} == {published["Total"][0]}
    assert all(cell.known for cell in london.values() if cell.as_published)  # known margins, none hidden
    small = [key for key, cell in cells.items() if cell.hidden and cell.count is not None and cell.count < 5]
    assert small  # there are small counts to protect
    found, _ = what_a_reader_can_work_out(Measure.objects.get(slug="exclusions"), sample=None)
    assert found == {}
