"""Small numbers: never shown, and never recoverable from the sums around them."""

import io
import random

import pytest

from evidence.cube import Structure, complete, raw_cells
from evidence.loading import Options, load_dataset
from evidence.models import EthnicGroup, Stage
from evidence.protection import protect, protected_cells
from reference.models import LocalAuthority
from tests.evidence.recovery import recoverable

pytestmark = pytest.mark.django_db


def small_numbers_csv(seed=19, stages=("arrest",), years=(2022,), denominators=False):
    """Every London borough × 19 groups in the long format, a good share of them under 5 (and some 0)."""
    chance = random.Random(seed)
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    codes = LocalAuthority.objects.values_list("gss_code", flat=True)
    groups = EthnicGroup.objects.filter(level="detailed").values_list("code", flat=True)
    for stage in stages:
        for year in years:
            for code in codes:
                for group in groups:
                    count = chance.choice([0, 1, 2, 3, 4, 6, 9, 15, 40, 120])
                    denominator = 1000 + chance.randrange(3000) if denominators else ""
                    lines.append(f"{code},{year},youth-justice,{stage},{group},{count},{denominator}")
    return "\n".join(lines) + "\n"


def load_small_numbers(**kwargs):
    load_dataset(
        io.BytesIO(small_numbers_csv(**kwargs).encode()),
        Options(source="long"),
        provenance={"title": "t", "publisher": "p"},
    )
    return list(Stage.objects.filter(measure__slug="youth-justice"))


def truth(stages):
    cells, _ = raw_cells([stage.pk for stage in stages])
    return {key: cell.count for key, cell in complete(cells, Structure.current()).items() if cell.count is not None}


def test_counts_under_the_threshold_are_hidden_and_others_shown():
    stages = load_small_numbers()
    cells, _ = protected_cells(stages)
    counts = [cell.count for cell in cells.values() if cell.known]
    assert counts and min(count for count in counts if count) >= 5
    assert any(cell.hidden and cell.count >= 5 for cell in cells.values())  # secondary suppression happened


def test_no_hidden_count_can_be_worked_back_from_the_cells_shown():
    stages = load_small_numbers(seed=7, years=(2021, 2022))
    cells, _ = protected_cells(stages)
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    assert recoverable(truth(stages), seen) == []


def test_the_attack_does_find_a_count_protected_only_by_primary_suppression():
    """The recovery check is not vacuous: without secondary suppression it recovers counts."""
    stages = load_small_numbers()
    cells, _ = raw_cells([stage.pk for stage in stages])
    cells = complete(cells, Structure.current())
    for cell in cells.values():
        cell.hidden = cell.count is not None and 0 < cell.count < 5
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    assert recoverable(truth(stages), seen)


def test_a_higher_threshold_from_settings_hides_more(settings):
    stages = load_small_numbers()
    settings.PORTAL_EVIDENCE_SMALL_NUMBER = 10
    cells, _ = protected_cells(stages)
    assert not any(cell.known and 0 < cell.count < 10 for cell in cells.values())


def test_protect_hides_one_more_where_a_single_hidden_count_sits_in_a_shown_sum():
    structure = Structure(groups={"all": ["a", "b", "c"]}, areas={})
    from evidence.cube import Cell

    cells = {("s", 1, "x", key): Cell(count) for key, count in {None: 60, "all": 60, "a": 2, "b": 20, "c": 38}.items()}
    protect(cells, structure, 5)
    assert [key[3] for key, cell in cells.items() if cell.hidden] == ["a", "b"]
