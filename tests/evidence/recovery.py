"""
An attacker's tool: given the counts a reader can see and the sums the portal's figures obey,
which hidden counts are determined? A hidden count is recoverable exactly when its unit vector
lies in the row space of the sums restricted to the unknowns (linear algebra, not just peeling).
"""

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from evidence.cube import ENGLAND, LONDON, Structure
from evidence.models import EthnicGroup


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


def narrowed(seen, hidden, threshold, structure=None):
    """Hidden keys that non-negativity and the sums pin to a range narrower than `threshold`: {key: (low, high)}.

    Every cell of the structure that is not shown is an unknown count of 0 or more (a group missing from a
    file, a publisher's symbol, a hidden count); each hidden key is bounded by two linear programmes."""
    structure = structure or Structure.current()
    found = {}
    for stage, year in {key[:2] for key in hidden}:
        keys = universe(stage, year, structure, england=any(key[2] == ENGLAND for key in seen))
        unknown = [key for key in keys if key not in seen]
        column = {key: index for index, key in enumerate(unknown)}
        rows, totals = [], []
        for whole, parts in equations(keys, structure):
            row, total = np.zeros(len(unknown)), 0
            for key, sign in [(whole, -1), *((part, 1) for part in parts)]:
                if key in column:
                    row[column[key]] += sign
                else:
                    total -= sign * seen[key]
            if row.any():
                rows.append(row)
                totals.append(total)
        rows, totals = (csr_array(np.array(rows)), totals) if rows else (None, None)
        for key in hidden:
            if key[:2] != (stage, year) or key not in column:
                continue
            low, high = (bound(rows, totals, column[key], len(unknown), sign) for sign in (1, -1))
            if high - low < threshold:
                found[key] = (low, high)
    return found


def universe(stage, year, structure, england=False):
    groups = list({None: None, **{key: None for whole, parts in group_sums(structure) for key in [whole, *parts]}})
    areas = [LONDON, *structure.areas, *(part for parts in structure.areas.values() for part in parts)]
    return [(stage, year, area, group) for area in areas + ([ENGLAND] if england else []) for group in groups]


def bound(rows, totals, index, size, sign):
    """The least (sign 1) or greatest (sign -1) value of one unknown; infinity where nothing bounds it."""
    objective = np.zeros(size)
    objective[index] = sign
    result = linprog(objective, A_eq=rows, b_eq=totals, bounds=(0, None))
    if result.status == 3:  # unbounded
        return float("inf") * -sign
    assert result.status == 0, result.message
    return round(sign * result.fun, 6)
