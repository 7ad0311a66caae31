"""
Small numbers protected, in the one place every page, chart, download and API response gets
its counts from (`protected_cells`).

Primary suppression hides counts from 1 to PORTAL_EVIDENCE_SMALL_NUMBER − 1. Secondary
suppression then makes sure no hidden count can be worked back from a sum that is shown: in
every sum the portal shows or that its parts make (a total and its groups, a high-level group
and its detailed groups, a sub-region and its boroughs, London and its sub-regions), a hidden
count never stands alone among the unknowns: cells beside it are hidden too, chosen so that
all of them can move by the threshold without any count going below 0. See docs/decisions/0011.
"""

import math
import time
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from evidence import kept
from evidence.cube import AREA, GROUP, TOP, Structure, complete, raw_cells
from evidence.models import Dataset, Measure


def small_number():
    return settings.PORTAL_EVIDENCE_SMALL_NUMBER


PROTECTED_SYMBOLS = {"c", "low"}  # a publisher's own suppressed or tiny count: protected as a small one is


@dataclass(frozen=True)
class Disguise:
    """Cells that change together without changing any sum: `plus` up where `minus` goes down, and back.

    Each side is a few blocks (an area chain × a group chain); the least cell of a block is its corner at the
    bottom (one borough, one detailed group), as every other cell of the block is a sum that includes it."""

    key: tuple
    blocks: list  # (area chain, group chain, sign)
    plus: tuple  # the bottom corner of each block that moves with the protected cell
    minus: tuple  # ... and of each block that moves against it

    @cached_property
    def cells(self):
        stage, year = self.key[0], self.key[1]
        return frozenset((stage, year, a, g) for areas, groups, _ in self.blocks for a in areas for g in groups)


def protect(cells, structure, threshold):
    """Hide small counts (and publishers' suppressed ones), then, around each, enough others; returns the cells.

    A disguise is taken only if its cells can move by `threshold` in all (up by the least count against the
    small one, down by the least count with it): so zeros, and counts known to be small, never protect one.
    Cells a file did not give (a missing group, a symbol) count as 0 there, their value being unknown."""
    small = [key for key, cell in cells.items() if protected(cell, threshold)]
    for key in small:
        cells[key].hidden = True
    for key in small:
        chosen, moved = enough(cells, list(disguises(cells, structure, key, cousins=False)), threshold)
        if moved < threshold:  # rarely: groups missing from the file, or no area beside it
            chosen, moved = enough(cells, list(disguises(cells, structure, key, cousins=True)), threshold)
        for disguise in chosen:
            for other in disguise.cells & cells.keys():
                cells[other].hidden = True
    return cells


def protected(cell, threshold):
    return 0 < cell.count < threshold if cell.count is not None else cell.symbol in PROTECTED_SYMBOLS


def enough(cells, candidates, threshold):
    """The cheapest disguise that moves by the threshold, or failing one, the widest until they add up to it;
    and how far they move (down is shared, as the protected cell is in each: up adds, down does not)."""
    wide = [candidate for candidate in candidates if sum(moves(cells, candidate)) >= threshold]
    if wide:
        return [min(wide, key=lambda candidate: cost(cells, candidate.cells))], threshold
    chosen, lowest, highest = [], 0, 0
    for candidate in sorted(candidates, key=lambda candidate: -sum(moves(cells, candidate))):
        if lowest + highest >= threshold:
            break
        chosen.append(candidate)
        down, up = moves(cells, candidate)
        lowest, highest = max(lowest, down), highest + up
    return chosen, lowest + highest


def moves(cells, disguise):
    """How far the protected cell can move without any count going below 0: (down, up)."""
    return (
        min(map(value, [cells.get(key) for key in disguise.plus])),
        min(map(value, [cells.get(key) for key in disguise.minus]), default=math.inf),
    )


def value(cell):
    return cell.count if cell is not None and cell.count is not None else 0


def disguises(cells, structure, key, *, cousins):
    """Rectangles: the cell and another group, in its area and another area, each carried down to one borough
    and one detailed group (so every sum below balances) and, for a cousin rather than a sibling, up to just
    below where the two meet (so every sum above does). Adding to two opposite corners and taking from the
    other two leaves every sum the same. Along one axis alone, the other is carried up to the top instead.
    First of all, the cell with every sum it is in moving up together: what a file with groups or areas
    missing allows for nothing, where none of those sums is known."""
    stage, year, area, group = key
    group_options = list(options(structure, GROUP, group, cousins))
    area_options = list(options(structure, AREA, area, cousins))
    other_areas = {other: down(cells, structure, AREA, other, key) for _, other in area_options}
    own_areas = down(cells, structure, AREA, area, key)
    own_groups = down(cells, structure, GROUP, group, key)
    every_area = own_areas + structure.ancestors(AREA, area)
    every_group = own_groups + structure.ancestors(GROUP, group)
    up_areas, up_groups = [area, *structure.ancestors(AREA, area)], [group, *structure.ancestors(GROUP, group)]
    yield Disguise(key, [(up_areas, up_groups, 1)], (key,), ())  # the cell and every sum it is in: free if none shown
    for climbed, other in group_options:
        other_groups = down(cells, structure, GROUP, other, key)
        yield disguise(structure, key, [(every_area, own_groups + climbed, 1), (every_area, other_groups, -1)])
        for area_climbed, other_area in area_options:
            yield disguise(
                structure,
                key,
                [
                    (own_areas + area_climbed, own_groups + climbed, 1),
                    (other_areas[other_area], other_groups, 1),
                    (own_areas + area_climbed, other_groups, -1),
                    (other_areas[other_area], own_groups + climbed, -1),
                ],
            )
    for climbed, other_area in area_options:
        yield disguise(
            structure,
            key,
            [(own_areas + climbed, every_group, 1), (other_areas[other_area], every_group, -1)],
        )


def options(structure, axis, start, cousins):
    """(ancestors climbed, other) for each area or group to trade with: a sibling, or a sibling of an ancestor."""
    climbed, node = [], start
    while True:
        for other in structure.siblings(axis, node):
            yield list(climbed), other
        node = structure.parent(axis, node)
        if node is TOP or not cousins:
            return
        climbed.append(node)


def disguise(structure, key, blocks):
    """A Disguise from (area chain, group chain, sign) blocks."""
    stage, year = key[0], key[1]
    bottoms = {1: [], -1: []}
    for areas, groups, sign in blocks:
        area = next(a for a in areas if not structure.children(AREA, a))
        bottoms[sign].append((stage, year, area, next(g for g in groups if not structure.children(GROUP, g))))
    return Disguise(key, blocks, tuple(bottoms[1]), tuple(bottoms[-1]))


def down(cells, structure, axis, start, key):
    """From `start` down to a leaf, through the part whose hiding costs least among those big enough to move."""
    stage, year, area, group = key
    path = [start]
    while children := structure.children(axis, path[-1]):
        at = (lambda child: (stage, year, child, group)) if axis == AREA else (lambda child: (stage, year, area, child))
        path.append(min(children, key=lambda child: (value(cells.get(at(child))) == 0, cost(cells, [at(child)]))))
    return path


def cost(cells, keys):
    """How much would newly be hidden: shown counts (a shown 0 costs a little, so real counts are preferred)."""
    return sum((cells[key].count or 0.5) for key in keys if key in cells and cells[key].known)


def data_version():
    """Changes whenever a dataset is loaded or deleted, or a protected table is built: rendered pages follow."""
    summary = Dataset.objects.aggregate(last=Max("pk"), at=Max("loaded_at"), datasets=Count("pk"))
    return f"{summary['last']}-{summary['at']}-{summary['datasets']}-{kept.last_built()}"


def protected_cells(stages):
    """The protected cells of these stages of one measure, with periods by year: what every output is made from.

    Read from the measure's newest table built (evidence.kept): for the data as it is now once it has been built,
    until then the one before (whole and protected). Never built here: a page that finds none shows no figures."""
    stages = list(stages)
    if not stages:
        return {}, {}
    measure_id, stage_ids = stages[0].measure_id, tuple(sorted(stage.pk for stage in stages))
    key = kept.newest(measure_id, small_number())
    if key is None:
        return {}, {}
    if key not in _made:
        made = kept.fetch(key)
        if made is None:  # dropped just now, a newer one kept
            return {}, {}
        _remember(key, made)
    if (key, stage_ids) not in _made:
        _remember((key, stage_ids), kept.only(_made[key], stage_ids))
    return _made[(key, stage_ids)]


def preparing(measure):
    """Whether the measure's figures as they are now are still to be built: "earlier" (its pages show the ones
    before), "none" (none built yet: no figures), or "" (built)."""
    newest = kept.newest(measure.pk, small_number())
    if newest == kept.current_key(measure.pk, small_number()):
        return ""
    return "none" if newest is None else "earlier"


def build(measure):
    """Build and keep the measure's protected table, all its stages together, for its data as it is now."""
    key = kept.current_key(measure.pk, small_number())  # before the rows: a load meanwhile leaves it out of date
    cells, periods = raw_cells([stage.pk for stage in measure.stages.all()])
    structure = Structure.current()
    made = protect(complete(cells, structure), structure, small_number()), periods
    kept.keep(key, made, current=kept.current_key(measure.pk, small_number()))


def build_all(measures=None, *, seconds=None):
    """Build the tables not kept yet for the data as it is now, of these measures (else every one with data), one
    measure at a time, starting no more after `seconds`; returns (built, left). Run by `manage.py
    build_evidence_tables` (run_scheduled runs it every five minutes, load_dataset after loading) and after an
    analyst's load in the browser for the measures it touched. Tables of measures without data go."""
    started, began = time.perf_counter(), timezone.now()
    measures = Measure.objects.with_data() if measures is None else measures
    built, left = [], []
    for measure in measures:
        if kept.newest(measure.pk, small_number()) == kept.current_key(measure.pk, small_number()):
            continue
        if seconds is not None and time.perf_counter() - started > seconds:
            left.append(measure)
            continue
        build(measure)
        built.append(measure)
    with_data = Measure.objects.with_data().values_list("pk", flat=True)
    kept.drop_others([kept.prefix(pk, small_number()) for pk in with_data], began)
    return built, left


def _remember(key, made):
    while len(_made) >= KEPT:
        _made.pop(next(iter(_made)))
    _made[key] = made


# Tables read in this process (and the slices of them pages ask for), by key: unpickled, so a page reads them in no
# time. Treat as read-only.
_made = {}
KEPT = 12
