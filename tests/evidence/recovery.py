"""
An attacker's tool: given the counts a reader can see and the sums the portal's figures obey,
which hidden counts are determined? A hidden count is recoverable exactly when its unit vector
lies in the row space of the sums restricted to the unknowns (linear algebra, not just peeling).
"""

import math

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import block_diag, csr_array

from evidence.cube import ENGLAND, LONDON, Structure
from evidence.models import EthnicGroup

UNBOUNDED = 10**7  # the greatest count an unknown may be: far above any a slice has, so a key bounded only by it is not
# narrowed (the programmes then always have a solution)


def equations(keys, structure):
    """(whole, parts) of every sum among these keys (stage, year, area, group)."""
    keys = set(keys)
    slices = {(stage, year) for stage, year, _, _ in keys}
    areas = {area for _, _, area, _ in keys}
    groups = {group for _, _, _, group in keys}
    for stage, year in slices:
        for area in areas:
            for whole, parts in group_sums(structure):
                yield from complete_sum(keys, (stage, year, area, whole), [(stage, year, area, part) for part in parts])
        for group in groups:
            for whole, parts in structure.area_sums():
                yield from complete_sum(
                    keys, (stage, year, whole, group), [(stage, year, part, group) for part in parts]
                )


def group_sums(structure):
    """The sums of groups as the attacker knows them, from the groups themselves rather than the code under test:
    a sum with a publisher's split groups in it adds up from each split on its own (the DfE's Gypsy/Roma and
    Traveller of Irish heritage, or the Census's Gypsy or Irish Traveller and Roma: the same children), and the
    combined group both splits add up to is each split's sum too."""
    for whole, parts in structure.group_sums():
        common = [part for part in parts if part not in structure.splits]
        by_split = {}
        for part in parts:
            if part in structure.splits:
                by_split.setdefault(structure.splits[part], []).append(part)
        yield from ((whole, common + split) for split in by_split.values()) if by_split else [(whole, parts)]
    splits = {}
    for pk, split, combined in EthnicGroup.objects.exclude(combined=None).values_list("pk", "split", "combined"):
        splits.setdefault((combined, split), []).append(pk)
    for (combined, _), parts in splits.items():
        if all(part in structure.splits for part in parts):
            yield combined, parts


def complete_sum(keys, whole, parts):
    if whole in keys and parts and all(part in keys for part in parts):
        yield whole, parts


def recoverable(truth, seen):
    """The keys of `truth` (key -> true count) not in `seen` (key -> count shown) that `seen` determines."""
    structure = Structure.current()
    slices = {}
    for key in truth:
        slices.setdefault(key[:2], []).append(key)
    found = []
    for keys in slices.values():
        found += determined(keys, [key for key in keys if key not in seen], structure)
    return found


def determined(keys, unknown, structure):
    """Unknowns fixed by the sums: those on which every vector of the sums' null space is zero."""
    column = {key: index for index, key in enumerate(unknown)}
    rows = []
    for whole, parts in equations(keys, structure):
        row = np.zeros(len(unknown))
        for key, sign in [(whole, -1), *((part, 1) for part in parts)]:
            if key in column:
                row[column[key]] += sign
        if row.any():
            rows.append(row)
    if not unknown:
        return []
    if not rows:
        return []
    _, values, vectors = np.linalg.svd(np.array(rows))
    rank = int((values > 1e-9).sum())
    null_space = vectors[rank:]
    return [key for key, index in column.items() if np.abs(null_space[:, index]).max(initial=0) < 1e-9]


def narrowed(seen, hidden, threshold, structure=None, *, at_least_one=(), batch=40):
    """Hidden keys that the sums and what a reader knows of each count pin to a range narrower than `threshold`:
    {key: (low, high)}.

    Every cell of the structure that is not shown is an unknown count of 0 or more (a group missing from a file, a
    publisher's symbol, a hidden count); those in `at_least_one` are 1 or more (a count the portal hides, as zeros
    are shown). Each hidden key's least and greatest value is a linear programme; every solution is a possible table,
    so a key that two solutions found for others already show to range over the threshold needs none of its own.
    Programmes are solved `batch` keys at a time as one (a copy of the slice's sums for each, side by side), which
    costs little more than one: so a slice of a thousand hidden counts takes seconds, not a minute."""
    structure = structure or Structure.current()
    at_least_one, found = set(at_least_one), {}
    for stage, year in {key[:2] for key in hidden}:
        unknown, rows, totals = system(stage, year, seen, structure)
        column = {key: index for index, key in enumerate(unknown)}
        bounds = [(1 if key in at_least_one else 0, UNBOUNDED) for key in unknown]
        targets = [column[key] for key in hidden if key[:2] == (stage, year) and key in column]
        low, high = dict.fromkeys(targets, math.inf), dict.fromkeys(targets, -math.inf)
        left, tried = list(targets), set()
        objectives = [dict.fromkeys(targets, 1), dict.fromkeys(targets, -1)]  # every hidden count least, greatest
        while objectives:
            for point in solve(rows, totals, bounds, objectives, len(unknown)):
                widen(low, high, point)
            left = [index for index in left if high[index] - low[index] < threshold]
            untried = [index for index in left if index not in tried][: batch // 2]
            objectives = [{index: sign} for index in untried for sign in (1, -1)]
            tried.update(untried)
        found |= {unknown[index]: (round(low[index], 6), round(high[index], 6)) for index in left}
    return found


def hidden_counts(cells):
    """The keys a reader sees as "hidden to protect small numbers": at least 1 to them, as zeros are shown (a hidden
    cell without a count reads as its publisher's symbol or "not available", which says nothing of it)."""
    return [key for key, cell in cells.items() if cell.hidden and cell.count is not None]


def system(stage, year, seen, structure):
    """The unknowns of a slice (every cell of the structure not seen) and its sums as equations over them: (unknowns,
    sparse matrix, right-hand sides)."""
    keys = universe(stage, year, structure, england=any(key[2] == ENGLAND for key in seen))
    unknown = [key for key in keys if key not in seen]
    column = {key: index for index, key in enumerate(unknown)}
    entries, totals = {}, []
    for whole, parts in equations(keys, structure):
        row, total = {}, 0
        for key, sign in [(whole, -1), *((part, 1) for part in parts)]:
            if key in column:
                row[column[key]] = row.get(column[key], 0) + sign
            else:
                total -= sign * seen[key]
        if any(row.values()):
            entries |= {(len(totals), index): value for index, value in row.items() if value}
            totals.append(total)
    if not totals:
        return unknown, None, None
    (row_numbers, columns), values = zip(*entries, strict=True), list(entries.values())
    return unknown, csr_array((values, (row_numbers, columns)), shape=(len(totals), len(unknown))), totals


def widen(low, high, point):
    """Each target's least and greatest value seen so far, with this possible point."""
    for index in low:
        low[index], high[index] = min(low[index], point[index]), max(high[index], point[index])


def universe(stage, year, structure, england=False):
    groups = list({None: None, **{key: None for whole, parts in group_sums(structure) for key in [whole, *parts]}})
    areas = [LONDON, *structure.areas, *(part for parts in structure.areas.values() for part in parts)]
    return [(stage, year, area, group) for area in areas + ([ENGLAND] if england else []) for group in groups]


def solve(rows, totals, bounds, objectives, size):
    """A solution for each objective ({index: coefficient}, least of it over the counts possible), all solved as one
    programme: a copy of the sums for each, side by side."""
    vector = np.zeros(size * len(objectives))
    for number, objective in enumerate(objectives):
        for index, coefficient in objective.items():
            vector[number * size + index] = coefficient
    copies = block_diag([rows] * len(objectives), format="csr") if rows is not None else None
    result = linprog(
        vector,
        A_eq=copies,
        b_eq=None if rows is None else totals * len(objectives),
        bounds=bounds * len(objectives),
        method="highs",
    )
    assert result.status == 0, result.message  # infeasible: a count shown as hidden is 0, or a sum is wrong
    return [result.x[number * size : (number + 1) * size] for number in range(len(objectives))]
