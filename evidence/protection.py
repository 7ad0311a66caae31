"""
Small numbers protected, in the one place every page, chart, download and API response gets
its counts from (`protected_cells`).

Primary suppression hides counts from 1 to PORTAL_EVIDENCE_SMALL_NUMBER − 1. Secondary
suppression then makes sure no hidden count can be worked back from a sum that is shown: in
every sum the portal shows or that its parts make (a total and its groups, a high-level group
and its detailed groups, a sub-region and its boroughs, London and its sub-regions), a hidden
count never stands alone among the unknowns: cells beside it are hidden too, chosen so that
all of them can move by the threshold without any hidden count going below 1 (zeros are shown, so a
reader knows a hidden count is not 0), hiding large counts and sub-region and London figures only
where nothing else does. Counts their publisher already published (the Census) are not protected
again. See docs/decisions/0011.
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
# A count the portal hides is at least 1 to a reader, as zeros are shown (never hidden: as the DfE shows them), so
# every hidden count must be able to move by the threshold without going below 1 (docs/decisions/0011).
LEAST_HIDDEN = 1
# What hiding a shown count costs, per count, by its area's level: more than any number of cells below it can cost
# (their counts, weighed, are far below 10¹²), so London's and sub-regions' figures are hidden only where nothing
# else does; and within a level, a total and a high-level group more than their count.
LEVEL_STEP = 10**12
LEVEL_WEIGHT = {"la": 1, "sub-region": LEVEL_STEP}
TOP_WEIGHT = LEVEL_STEP**2  # London, England
TOTAL_WEIGHT, HIGH_WEIGHT = 10, 3
LARGE = 100  # a borough's count from which hiding it costs as much as hiding a sub-region's figure


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

    A disguise is taken only if its cells can move by `threshold` in all while every hidden count stays at least 1,
    which a reader knows it is, as zeros are shown (up by the least count against the small one, down by the least
    count with it, each less 1): so zeros, and counts known to be small, never protect one. Cells a file did not give
    (a missing group, a symbol) count as 0 there, their value being unknown. Counts their publisher published at this
    level (the Census) are neither protected nor hidden to protect another."""
    small = [key for key, cell in cells.items() if protected(cell, threshold)]
    for key in small:
        cells[key].hidden = True
    rooms = {key: room(cell) for key, cell in cells.items()}
    for key in small:
        for disguise in chosen(cells, rooms, structure, key, threshold):
            for other in disguise.cells & cells.keys():
                cells[other].hidden = True
    return cells


def protected(cell, threshold):
    if cell.published:
        return False
    return 0 < cell.count < threshold if cell.count is not None else cell.symbol in PROTECTED_SYMBOLS


def chosen(cells, rooms, structure, key, threshold):
    """The disguises that protect the cell at `key`: the cheapest that moves far enough on its own, or several that
    together do, whichever costs less. Rectangles with siblings come first; where the cheapest of them hides more than
    MODEST (a large count, a borough's total of a hundred or more, any figure of a level above the cell's own), those
    trading with a cousin (a group or area of another branch) are tried too, and several together. As a figure of a
    level above costs more to hide than every figure below it (`cost`), a sub-region's or London's is hidden only where
    nothing below protects the cell, and a large count only where smaller ones do not."""
    measured = useful(rooms, disguises(cells, rooms, structure, key, cousins=False, threshold=threshold))
    costs = [cost(cells, structure, candidate.cells) for candidate, _ in measured]
    best = cheapest(measured, costs, threshold)
    if best is not None and best[1] < MODEST:
        return [best[0]]
    cousins = useful(rooms, disguises(cells, rooms, structure, key, cousins=True, threshold=threshold))
    measured, costs = measured + cousins, costs + [cost(cells, structure, candidate.cells) for candidate, _ in cousins]
    best = cheapest(measured, costs, threshold)
    above = LEVEL_WEIGHT.get(key[2][0], TOP_WEIGHT) * LEVEL_STEP  # what hiding a figure of a level above costs at least
    found = [together(cells, structure, measured, costs, threshold, order, below) for order, below in orders(above)]
    enough = [(spent, picked) for picked, moved, spent in found if moved >= threshold]
    if enough:
        spent, picked = min(enough, key=lambda pair: pair[0])
        if best is None or spent < best[1]:
            return picked
    if best is not None:
        return [best[0]]
    return max(found, key=lambda one: one[1])[0]  # nothing moves far enough: as far as they can


# What the cheapest rectangle of siblings may cost and be taken without trying cousins: counts of a borough's detailed
# groups of a few hundred in all (a total weighs ten times its count, a figure of a level above far more: `cost`).
MODEST = 1000


def useful(rooms, candidates):
    """(disguise, (down, up)) of each that moves the cell at all."""
    return [(candidate, move) for candidate, move in measure(rooms, candidates) if sum(move) > 0]


def measure(rooms, candidates):
    """(disguise, (down, up)) of each."""
    return [(candidate, moves(rooms, candidate)) for candidate in candidates]


def cheapest(measured, costs, threshold):
    """(disguise, cost) of the cheapest disguise that moves by the threshold on its own, or None (none with a shown 0
    or a published count in it: their cost is infinite)."""
    wide = ((one, spent) for (one, (down, up)), spent in zip(measured, costs, strict=True) if down + up >= threshold)
    return min((pair for pair in wide if pair[1] < math.inf), key=lambda pair: pair[1], default=None)


def orders(above):
    """The orders in which disguises are tried together, and what each may cost: the widest first of those hiding
    nothing of a level above the cell's own (fewer disguises), and the cheapest first of all (small counts hidden,
    several of them); the one that costs less in all is taken."""
    return [(lambda move, spent: (-sum(move), spent), above), (lambda move, spent: (spent, -sum(move)), math.inf)]


def together(cells, structure, measured, costs, threshold, order, below):
    """Failing one disguise that moves far enough, several costing less than `below` in this order until they add up to
    the threshold: (the disguises, how far they move, what hiding all their cells costs). Down is shared (the protected
    cell is in each, so one moves it down), up adds where no two take from the same cell."""
    picked, lowest, highest, taken = [], 0, 0, set()
    for (candidate, (down, up)), spent in sorted(
        zip(measured, costs, strict=True), key=lambda pair: order(pair[0][1], pair[1])
    ):
        if lowest + highest >= threshold:
            break
        if spent >= below or taken.intersection(candidate.minus) or (up <= 0 and down <= lowest):
            continue
        picked.append(candidate)
        taken.update(candidate.minus)
        lowest, highest = max(lowest, down), highest + up
    hidden = frozenset().union(*(candidate.cells for candidate in picked))
    return picked, lowest + highest, cost(cells, structure, hidden)


def moves(rooms, disguise):
    """How far the protected cell can move with every hidden count still at least 1 (a reader knows it is, as zeros
    are shown; a cell not given is unknown, 0 there): (down, up), from each cell's `room`."""
    return (
        min([rooms.get(key, 0) for key in disguise.plus]),
        min([rooms.get(key, 0) for key in disguise.minus], default=math.inf),
    )


def room(cell):
    """How far a count can go down, hidden, and still be what a reader knows it is: at least 1 (0 for an unknown)."""
    return max(cell.count - LEAST_HIDDEN, 0) if cell.count is not None else 0


def disguises(cells, rooms, structure, key, *, cousins, threshold):
    """Rectangles: the cell and another group, in its area and another area, each carried down to one borough
    and one detailed group (so every sum below balances) and, for a cousin rather than a sibling, up to just
    below where the two meet (so every sum above does). Adding to two opposite corners and taking from the
    other two leaves every sum the same. Along one axis alone, the other is carried up to the top instead.
    First of all, the cell with every sum it is in moving up together (and, for a sum, a part of it down to a
    borough's detailed group, as its parts add up to it): what a file with groups or areas missing allows for
    nothing, where none of those sums is known. With `cousins`, only the rectangles that trade
    with at least one cousin (the others are those without)."""
    stage, year, area, group = key
    group_options = list(options(structure, GROUP, group, cousins))
    area_options = list(options(structure, AREA, area, cousins))
    other_areas = {other: down(cells, rooms, structure, AREA, other, key, threshold) for _, other in area_options}
    own_areas = down(cells, rooms, structure, AREA, area, key, threshold)
    own_groups = down(cells, rooms, structure, GROUP, group, key, threshold)
    every_area = own_areas + structure.ancestors(AREA, area)
    every_group = own_groups + structure.ancestors(GROUP, group)
    mine = (stage, year, own_areas[-1], own_groups[-1])
    if not cousins:  # the cell, one of its parts down to a borough's detailed group, and every sum they are in
        yield Disguise(key, [(every_area, every_group, 1)], (mine,), ())
    for climbed, other in group_options:
        other_groups = down(cells, rooms, structure, GROUP, other, key, threshold)
        minus = (stage, year, own_areas[-1], other_groups[-1])
        if climbed or not cousins:
            yield Disguise(
                key, [(every_area, own_groups + climbed, 1), (every_area, other_groups, -1)], (mine,), (minus,)
            )
        for area_climbed, other_area in area_options:
            across = other_areas[other_area]
            if cousins:  # the cell and another of another area and group, each with every sum it is in but theirs
                common_areas, common_groups = structure.ancestors(AREA, other_area), structure.ancestors(GROUP, other)
                yield Disguise(
                    key,
                    [
                        (own_areas + area_climbed, own_groups + climbed + common_groups, 1),
                        (common_areas, own_groups + climbed, 1),
                        (across, other_groups + common_groups, -1),
                        (common_areas, other_groups, -1),
                    ],
                    (mine,),
                    ((stage, year, across[-1], other_groups[-1]),),
                )
            if cousins and not (climbed or area_climbed):
                continue
            yield Disguise(
                key,
                [
                    (own_areas + area_climbed, own_groups + climbed, 1),
                    (across, other_groups, 1),
                    (own_areas + area_climbed, other_groups, -1),
                    (across, own_groups + climbed, -1),
                ],
                (mine, (stage, year, across[-1], other_groups[-1])),
                (minus, (stage, year, across[-1], own_groups[-1])),
            )
    for climbed, other_area in area_options:
        if climbed or not cousins:
            across = other_areas[other_area]
            minus = (stage, year, across[-1], own_groups[-1])
            yield Disguise(key, [(own_areas + climbed, every_group, 1), (across, every_group, -1)], (mine,), (minus,))


def options(structure, axis, start, cousins):
    """(ancestors climbed, other) for each area or group to trade with: a sibling, or also a sibling of an ancestor."""
    climbed, node = [], start
    while True:
        for other in structure.siblings(axis, node):
            yield list(climbed), other
        node = structure.parent(axis, node)
        if node is TOP or not cousins:
            return
        climbed.append(node)


def down(cells, rooms, structure, axis, start, key, threshold):
    """From `start` down to a leaf, through the part whose hiding costs least among those that can move by the
    threshold on their own, else among the rest (a 0 or a published count last: they cannot be hidden); only through
    parts there are cells of: a group a file gives without its detailed groups (the DfE's Any other ethnic group)
    ends the chain, as no sum of its parts is known, and a part not given has no room to move (docs/decisions/0011)."""
    stage, year, area, group = key
    path = [start]
    at = (lambda child: (stage, year, child, group)) if axis == AREA else (lambda child: (stage, year, area, child))
    while children := [child for child in structure.children(axis, path[-1]) if at(child) in cells]:
        path.append(
            min(
                children,
                key=lambda child: (rooms.get(at(child), 0) < threshold, cost(cells, structure, [at(child)])),
            )
        )
    return path


def cost(cells, structure, keys):
    """What hiding these cells would cost: nothing for those hidden or unknown already; for each shown count, the
    count, weighed by its level: a borough's total ten times its count and a high-level group's three times, and a
    sub-region's figure more than every borough's together, London's (or England's) more than every sub-region's.
    Infinite for a shown 0 (a reader knows a hidden count is not 0) or a count its publisher published (the Census's),
    which are never hidden."""
    total = 0
    for key in keys:
        cell = cells.get(key)
        if cell is None or not cell.known:
            continue
        if cell.count == 0 or cell.published:
            return math.inf
        group = key[3]
        weight = TOTAL_WEIGHT if group is None else HIGH_WEIGHT if group in structure.groups else 1
        level = LEVEL_WEIGHT.get(key[2][0], TOP_WEIGHT)
        if level == LEVEL_STEP and weight > 1:  # a sub-region's total or high-level group: as London's figures
            level = TOP_WEIGHT
        elif level == 1 and cell.count >= LARGE:  # a borough's large count: as a sub-region's figure
            level = LEVEL_STEP
        total += cell.count * weight * level
    return total


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
