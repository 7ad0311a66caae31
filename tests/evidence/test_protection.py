"""Small numbers: never shown, and never recoverable from the sums around them."""

import csv
import io
import random

import pytest

from evidence.cube import Cell, Structure, complete, raw_cells
from evidence.loading import Options, load_dataset
from evidence.models import EthnicGroup, Stage
from evidence.protection import protect, protected_cells
from reference.models import LocalAuthority
from tests.evidence.factories import FIXTURES, built
from tests.evidence.recovery import hidden_counts, narrowed, recoverable

pytestmark = pytest.mark.django_db


def small_numbers_csv(seed=19, stages=("arrest",), years=(2022,), denominators=False):
    """Every London borough × the 19 Census groups in the long format, a good share of them under 5 (and some 0)."""
    chance = random.Random(seed)
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    codes = LocalAuthority.objects.values_list("gss_code", flat=True)
    groups = EthnicGroup.objects.filter(level="detailed").exclude(split="dfe").values_list("code", flat=True)
    for stage in stages:
        for year in years:
            for code in codes:
                for group in groups:
                    count = chance.choice([0, 1, 2, 3, 4, 6, 9, 15, 40, 120])
                    denominator = 1000 + chance.randrange(3000) if denominators else ""
                    lines.append(f"{code},{year},youth-justice,{stage},{group},{count},{denominator}")
    return "\n".join(lines) + "\n"


def load_small_numbers(**kwargs):
    built(
        load_dataset(
            io.BytesIO(small_numbers_csv(**kwargs).encode()),
            Options(source="long"),
            provenance={"title": "t", "publisher": "p"},
        )
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


def test_no_hidden_count_is_narrowed_by_the_sums_and_counts_never_being_negative():
    stages = load_small_numbers(seed=7)
    cells, _ = protected_cells(stages)
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    hidden = [key for key, cell in cells.items() if not cell.known]
    assert len(hidden) > 100
    assert narrowed(seen, hidden, 5, at_least_one=hidden_counts(cells)) == {}


def tiny(counts, structure):
    """Cells of a made-up structure from {(area, group): count}, completed as the real ones are."""
    return complete({("s", 1, area, group): Cell(count) for (area, group), count in counts.items()}, structure)


SOUTH = ("sub-region", 1)
TINY = Structure(groups={"white": ["british", "irish", "roma"]}, areas={SOUTH: [("la", 1), ("la", 2), ("la", 3)]})


def test_zeros_are_never_hidden_to_protect_a_count():
    """The tester's Lambeth Roma: the hidden cells beside a 4 were zeros, so the sub-region's sum gave it back."""
    counts = {(("la", 1), "british"): 50, (("la", 1), "irish"): 0, (("la", 1), "roma"): 4}
    counts |= {(("la", 2), "british"): 48, (("la", 2), "irish"): 0, (("la", 2), "roma"): 0}
    counts |= {(("la", 3), "british"): 30, (("la", 3), "irish"): 7, (("la", 3), "roma"): 9}
    cells = protect(tiny(counts, TINY), TINY, 5)
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    assert (
        narrowed(
            seen, [key for key, cell in cells.items() if not cell.known], 5, TINY, at_least_one=hidden_counts(cells)
        )
        == {}
    )
    assert not [key for key, cell in cells.items() if cell.hidden and cell.count == 0]


def test_a_reader_who_knows_a_hidden_count_is_not_0_cannot_narrow_it():
    """Zeros are shown, so a count shown as hidden is at least 1: beside a hidden 2, a hidden 3 would be 1 to 4 (it
    was pinned so: issue 27's Westminster Black Caribbean, 2 to 5 where it was 3)."""
    counts = {(("la", 1), "british"): 50, (("la", 1), "irish"): 3, (("la", 1), "roma"): 0}
    counts |= {(("la", 2), "british"): 48, (("la", 2), "irish"): 2, (("la", 2), "roma"): 0}
    counts |= {(("la", 3), "british"): 30, (("la", 3), "irish"): 0, (("la", 3), "roma"): 0}
    cells = protect(tiny(counts, TINY), TINY, 5)
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    hidden = [key for key, cell in cells.items() if cell.hidden]
    assert narrowed(seen, hidden, 5, TINY, at_least_one=hidden_counts(cells)) == {}
    assert not [key for key in hidden if cells[key].count == 0]


def test_counts_the_ons_published_are_shown_however_small():
    """The Census's counts are the ONS's own, published by local authority (and protected by it, by swapping records
    and perturbing cells): Hackney's Roma given as 3 is shown, as the ONS shows it, and nothing is hidden."""
    with open(FIXTURES / "census_ts021.csv", newline="") as file:
        rows = list(csv.reader(file))
    header, hackney = rows[0], rows[1]
    roma, white, total = (
        header.index(name)
        for name in ("Ethnic group: White: Roma", "Ethnic group: White", "Ethnic group: Total: All usual residents")
    )
    fewer = int(hackney[roma]) - 3
    hackney[roma], hackney[white], hackney[total] = (
        "3",
        str(int(hackney[white]) - fewer),
        str(int(hackney[total]) - fewer),
    )
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    built(
        load_dataset(
            io.BytesIO(text.getvalue().encode()),
            Options(source="census", confirm_all_ages=True),
            provenance={"title": "t", "publisher": "ONS"},
        )
    )
    cells, _ = protected_cells(Stage.objects.filter(measure__slug="population"))
    assert 3 in [cell.count for cell in cells.values() if cell.known]
    assert not [key for key, cell in cells.items() if cell.hidden]


def test_a_small_hidden_sum_does_not_give_its_parts_back():
    """The tester's Gypsy or Irish Traveller: two hidden cells whose sum is shown to be 3, one of them known 0."""
    counts = {(("la", 1), "british"): 126, (("la", 1), "irish"): 0, (("la", 1), "roma"): 3}
    counts |= {(("la", 2), "british"): 16, (("la", 2), "irish"): 0, (("la", 2), "roma"): 6}
    counts |= {(("la", 3), "british"): 40, (("la", 3), "irish"): 12, (("la", 3), "roma"): 2}
    cells = protect(tiny(counts, TINY), TINY, 5)
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    assert (
        narrowed(
            seen, [key for key, cell in cells.items() if not cell.known], 5, TINY, at_least_one=hidden_counts(cells)
        )
        == {}
    )


def test_a_count_the_publisher_suppressed_cannot_be_worked_back_from_its_total():
    counts = {(("la", 1), "british"): 50, (("la", 1), "irish"): 9, (("la", 1), "white"): 62}
    counts |= {(("la", 2), "british"): 48, (("la", 2), "irish"): 7, (("la", 2), "roma"): 6}
    counts |= {(("la", 3), "british"): 30, (("la", 3), "irish"): 7, (("la", 3), "roma"): 9}
    cells = tiny(counts, TINY)
    cells[("s", 1, ("la", 1), "roma")] = Cell(None, "c")
    protect(cells, TINY, 5)
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    assert narrowed(seen, [("s", 1, ("la", 1), "roma")], 5, TINY) == {}


def test_groups_missing_from_a_file_count_as_unknowns():
    """The tester's Hackney: a total of 74 given with three groups, 41 and 30 shown, would give the 3 back."""
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    for group, count in (("white-british", 30), ("black-caribbean", 41), ("indian", 3), ("Total", 74)):
        lines.append(f"E09000012,2023,youth-justice,arrest,{group},{count},")
    built(
        load_dataset(
            io.BytesIO("\n".join(lines).encode()), Options(source="long"), provenance={"title": "t", "publisher": "p"}
        )
    )
    cells, _ = protected_cells(Stage.objects.filter(measure__slug="youth-justice"))
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    assert 3 not in seen.values() and len(seen) <= 2  # the 3 and the total or a group beside it hidden
    assert (
        narrowed(seen, [key for key, cell in cells.items() if cell.hidden], 5, at_least_one=hidden_counts(cells)) == {}
    )


def test_a_publishers_own_split_is_protected_within_the_sums_it_adds_up_to():
    """The DfE's Gypsy/Roma 3 beside its White total: White − British − Traveller − Other White would give it back."""
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    groups = (("White", 100), ("White British", 60), ("Gypsy/Roma", 3), ("Traveller of Irish heritage", 7))
    for group, count in (*groups, ("Other White", 30)):
        lines.append(f"E09000012,2023,youth-justice,arrest,{group},{count},")
    built(
        load_dataset(
            io.BytesIO("\n".join(lines).encode()), Options(source="long"), provenance={"title": "t", "publisher": "p"}
        )
    )
    cells, _ = protected_cells(Stage.objects.filter(measure__slug="youth-justice"))
    seen = {key: cell.count for key, cell in cells.items() if cell.known}
    assert 3 not in seen.values() and 100 in seen.values()  # White is given, so it is complete
    assert (
        narrowed(seen, [key for key, cell in cells.items() if cell.hidden], 5, at_least_one=hidden_counts(cells)) == {}
    )


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
    cells = {("s", 1, "x", key): Cell(count) for key, count in {None: 60, "all": 60, "a": 2, "b": 20, "c": 38}.items()}
    protect(cells, structure, 5)
    assert [key[3] for key, cell in cells.items() if cell.hidden] == ["a", "b"]
