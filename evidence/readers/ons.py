"""The Office for National Statistics' Census 2021 bulk CSV (wide: one row per area, one column per ethnic group):
TS021, and an age-by-ethnic-group table whose children's bands are added up."""

import re

from evidence.readers.common import (
    Problem,
    Row,
    WrongHeader,
    cell_problems,
    group_problem,
    header_of,
    period,
    period_problem,
    place,
    value,
)

CENSUS_PREFIX = "ethnic group: "


def read_census(rows, lookups, stage_id, children=False, confirmed=False):
    """Census 2021 bulk CSV (date, geography, geography code, then one column per ethnic group): TS021, all usual
    residents of every age, one row per area; or an age-by-ethnic-group table with an age band column, whose bands of
    ages 0 to 17 are added up as the children's population. TS021 as the children's population (`children`) is a
    problem unless the analyst `confirmed` it. Areas outside London (England's and Wales's) are counted and skipped."""
    header = header_of(rows, ["date", "geography code"])
    groups, unmapped = {}, []
    for index, name in enumerate(header):
        if name.startswith(CENSUS_PREFIX):
            label = name.removeprefix(CENSUS_PREFIX).split(";")[0]
            group_id, known = lookups.group("total" if label.startswith("total") else label)
            (groups.__setitem__(index, group_id) if known else unmapped.append(label))
    if not groups:
        raise WrongHeader("There are no ‘Ethnic group: …’ columns: is this a Census 2021 ethnic group table?")
    yield from (group_problem(1, label, lookups) for label in unmapped)
    age_at = next((index for index, name in enumerate(header) if name.startswith("age")), None)
    if age_at is None and children:
        yield Problem(0, "all_ages_confirmed" if confirmed else "all_ages", ALL_AGES)
    areas = census_areas(rows, header, lookups)
    if age_at is None:
        for item in areas:
            if isinstance(item, Problem):
                yield item
            else:
                line, la_id, when, cells = item
                yield from census_counts(line, stage_id, when, la_id, groups, header, cells)
        return
    yield from read_ages(areas, age_at, stage_id, groups, header)


ALL_AGES = (
    "TS021 counts all usual residents of every age. Load it as the population of all residents, or confirm that "
    "its rates are to be per 1,000 residents of all ages (the preview's checkbox, or --confirm-all-ages)"
)


def census_areas(rows, header, lookups):
    """(line, area id, period, cells) of each London row; a Problem for each other."""
    code_at, date_at = header.index("geography code"), header.index("date")
    for line, cells in enumerate(rows, start=2):
        code = cells[code_at] if code_at < len(cells) else ""
        la_id, la_problem = place(code, lookups)
        when = period(cells[date_at] if date_at < len(cells) else "")
        if la_problem:
            yield Problem(line, "outside_area" if la_problem == "outside London" else la_problem, code[:20])
        elif not when:
            yield period_problem(line, cells[date_at] if date_at < len(cells) else "")
        else:
            yield line, la_id, when, cells


def census_counts(line, stage_id, when, la_id, groups, header, cells):
    for index, group_id in groups.items():
        count = value(cells[index]) if index < len(cells) else None
        if count is None:
            yield from cell_problems(line, cells[index] if index < len(cells) else "", header[index][:60])
        else:
            yield Row(line, stage_id, *when, la_id, group_id, *count)


CHILD_AGES = range(18)


def age_band(text):
    """(youngest, oldest) of a band ('Aged 4 years and under', 'Aged 5 to 9 years', 'Aged 85 years and over',
    'Aged under 1 year'), or None for a total of every age; ValueError when it is not one."""
    lowered = text.strip().lower()
    ages = [int(number) for number in re.findall(r"[0-9]{1,3}", lowered)]
    if not ages and lowered.startswith(("total", "all")):
        return None
    if len(ages) == 2:
        return min(ages), max(ages)
    if len(ages) == 1 and ("and over" in lowered or "or over" in lowered or "+" in lowered):
        return ages[0], 200
    if len(ages) == 1 and "and under" in lowered:
        return 0, ages[0]
    if len(ages) == 1 and "under" in lowered:
        return 0, ages[0] - 1
    if len(ages) == 1:
        return ages[0], ages[0]
    raise ValueError(text)


def read_ages(areas, age_at, stage_id, groups, header):
    """An age-by-ethnic-group table: each area's bands of ages 0 to 17 added up, which must cover each age once; a
    band across 17 and 18 is a problem, those of adults are left out."""
    sums, covered, first_line = {}, {}, {}
    for item in areas:
        if isinstance(item, Problem):
            yield item
            continue
        line, la_id, when, cells = item
        text = cells[age_at] if age_at < len(cells) else ""
        try:
            band = age_band(text)
        except ValueError:
            yield Problem(line, "age_band", f"{text[:60]}: not an age band")
            continue
        if band is None:
            continue
        if band[0] > CHILD_AGES[-1]:
            yield Problem(line, "adult_ages", text[:60])
            continue
        if band[1] > CHILD_AGES[-1]:
            yield Problem(line, "age_band", f"{text[:60]}: ages {band[0]} to {band[1]}")
            continue
        key = (la_id, when)
        first_line.setdefault(key, line)
        covered.setdefault(key, []).extend(range(band[0], band[1] + 1))
        totals = sums.setdefault(key, {})
        for row in census_counts(line, stage_id, when, la_id, groups, header, cells):
            if isinstance(row, Problem):
                yield row
            else:  # a publisher's symbol in any band: the group's sum is not known, and keeps the symbol
                before = totals.get(row.group_id, (0, ""))
                unknown = before[0] is None or row.count is None
                totals[row.group_id] = (None, before[1] or row.symbol) if unknown else (before[0] + row.count, "")
    for key, totals in sums.items():
        (la_id, when), ages = key, covered[key]
        if sorted(ages) != list(CHILD_AGES):
            yield Problem(first_line[key], "age_gap", ages_missing(ages))
            continue
        for group_id, (count, symbol) in totals.items():
            yield Row(first_line[key], stage_id, *when, la_id, group_id, count, symbol)


def ages_missing(ages):
    """'ages 5 to 9 not given', 'ages 3 given twice' as the report says them."""
    missing = [age for age in CHILD_AGES if age not in ages]
    twice = sorted({age for age in ages if ages.count(age) > 1})
    parts = [f"ages {runs(missing)} not given"] if missing else []
    return "; ".join(parts + ([f"ages {runs(twice)} given twice"] if twice else []))


def runs(ages):
    """'5 to 9, 12' from [5, 6, 7, 8, 9, 12]."""
    spans, start = [], None
    for index, age in enumerate(ages):
        start = age if start is None else start
        if index + 1 == len(ages) or ages[index + 1] != age + 1:
            spans.append(f"{start} to {age}" if age != start else str(age))
            start = None
    return ", ".join(spans)
