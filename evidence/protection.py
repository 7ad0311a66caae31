"""
Small numbers protected, in the one place every page, chart, download and API response gets
its counts from (`protected_cells`).

Primary suppression hides counts from 1 to PORTAL_EVIDENCE_SMALL_NUMBER − 1. Secondary
suppression then makes sure no hidden count can be worked back from a sum that is shown: in
every sum the portal shows or that its parts make (a total and its groups, a high-level group
and its detailed groups, a sub-region and its boroughs, London and its sub-regions), a hidden
count never stands alone among the unknowns; where it would, the smallest count beside it is
hidden too. See docs/decisions/0011.
"""

from django.conf import settings
from django.db.models import Count, Max

from evidence.cube import AREA, GROUP, Structure, complete, raw_cells
from evidence.models import Dataset


def small_number():
    return settings.PORTAL_EVIDENCE_SMALL_NUMBER


def protect(cells, structure, threshold):
    """Hide small counts, then, for each, enough others that it cannot be worked back; returns the cells."""
    small = [key for key, cell in cells.items() if cell.count is not None and 0 < cell.count < threshold]
    for key in sorted(small, key=lambda key: cells[key].count):
        cells[key].hidden = True
    for key in small:
        candidates = list(disguises(cells, structure, key))
        if candidates:
            for other in min(candidates, key=lambda vector: cost(cells, vector)):
                if other in cells:
                    cells[other].hidden = True
    return cells


def disguises(cells, structure, key):
    """Sets of cells which, hidden with this one, let it change without changing any sum shown.

    Each is a "rectangle": the cell and a sibling group, in the cell's area and a sibling area, each carried
    down to one borough and one detailed group (so every sum below balances). Adding to two opposite
    corners and taking from the other two leaves every sum the same, so nothing pins the cell down.
    Where there is no sibling area (London, England), the two groups are carried up to London instead."""
    stage, year, area, group = key
    groups = structure.siblings(GROUP, group)
    areas = structure.siblings(AREA, area)
    for other_group in groups:
        for other_area in areas:
            yield corners(cells, structure, key, [area, other_area], [group, other_group], up=False)
        if not areas:
            yield corners(cells, structure, key, [area], [group, other_group], up=True)
    if not groups:
        for other_area in areas:
            yield corners(cells, structure, key, [area, other_area], [group], up=True)


def corners(cells, structure, key, areas, groups, *, up):
    """The cells of a disguise: each corner carried down to a leaf (and, with up, the lone axis to its top)."""
    stage, year = key[0], key[1]
    area_sets = [down(cells, structure, AREA, area, key) for area in areas]
    group_sets = [down(cells, structure, GROUP, group, key) for group in groups]
    if up and len(areas) == 1:
        area_sets = [area_sets[0] + structure.ancestors(AREA, areas[0])]
    if up and len(groups) == 1:
        group_sets = [group_sets[0] + structure.ancestors(GROUP, groups[0])]
    return {
        (stage, year, a, g) for area_set in area_sets for group_set in group_sets for a in area_set for g in group_set
    }


def down(cells, structure, axis, start, key):
    """From `start` down to a leaf, through the part whose hiding costs least."""
    stage, year, area, group = key
    path = [start]
    while children := structure.children(axis, path[-1]):
        at = (lambda child: (stage, year, child, group)) if axis == AREA else (lambda child: (stage, year, area, child))
        path.append(min(children, key=lambda child: cost(cells, [at(child)])))
    return path


def cost(cells, keys):
    """How much would newly be hidden: shown counts (a shown 0 costs a little, so real counts are preferred)."""
    return sum((cells[key].count or 0.5) for key in keys if key in cells and cells[key].known)


def data_version():
    """Changes whenever a dataset is loaded or deleted: the cached tables follow."""
    summary = Dataset.objects.aggregate(last=Max("pk"), at=Max("loaded_at"), datasets=Count("pk"))
    return f"{summary['last']}-{summary['at']}-{summary['datasets']}"


def protected_cells(stages):
    """The protected cells of these stages of one measure, with periods by year: what every output is made from."""
    stage_ids = sorted(stage.pk for stage in stages)
    key = (data_version(), small_number(), tuple(stage_ids))
    if key not in _made:
        cells, periods = raw_cells(stage_ids)
        structure = Structure.current()
        while len(_made) >= KEPT:
            _made.pop(next(iter(_made)))
        _made[key] = protect(complete(cells, structure), structure, small_number()), periods
    return _made[key]


# Tables made in this process, by data version: unpickled, so a page reads them in no time. Treat as read-only.
_made = {}
KEPT = 12
