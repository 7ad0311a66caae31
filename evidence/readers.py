"""
The three file formats an analyst loads, each read one row at a time (memory stays flat
whatever the file's size) into the same Row, or a Problem saying what is wrong and where.

- The Department for Education's open-data CSV (tidy: one row per period, geography and
  filter values; one column per indicator), with its symbols.
- Census 2021 bulk CSV (wide: one row per area, one column per ethnic group).
- The portal's long CSV (one row per count), whose template analysts download.
"""

import functools
import re
from dataclasses import dataclass

from evidence.lookups import ENGLAND_CODE
from evidence.models import Symbol
from inputs.numbers import whole_number

LARGEST_COUNT = 2**31 - 1
SYMBOLS = {symbol.value for symbol in Symbol if symbol.value}
YEAR_RANGE = dict(lowest=1990, highest=2100)
LONG_COLUMNS = ["la_code", "period", "measure", "stage", "ethnic_group", "count", "denominator"]
DFE_REQUIRED = ["time_period", "time_identifier", "geographic_level", "country_code", "new_la_code", "la_name"]
DFE_KNOWN = {
    *DFE_REQUIRED,
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "ethnicity_major",
    "ethnicity_minor",
    "characteristic_group",
    "characteristic",
}
CENSUS_PREFIX = "ethnic group: "
DECIMAL = re.compile(r"-?[0-9][0-9,]*(\.[0-9]+)?%?")  # another indicator's value (a rate), not a filter


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    stage_id: int
    period: str
    year: int
    la_id: int | None  # None: England
    group_id: int | None  # None: all ethnic groups
    count: int | None
    symbol: str
    denominator: int | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    kind: str  # a key of report.PROBLEMS
    detail: str


class WrongHeader(Exception):
    """The file is not in the format chosen: nothing in it can be read."""


def value(text):
    """(count, symbol) from a cell, or None when it is neither a whole number nor a publisher's symbol."""
    text = text.strip()
    if text.lower() in SYMBOLS:
        return None, text.lower()
    count = whole_number(text, lowest=0, highest=LARGEST_COUNT)
    return None if count is None else (count, "")


@functools.lru_cache(maxsize=256)
def period(text):
    """('2022/23', 2022) from '202223', '2022/23' or '2022-23'; ('2021', 2021) from '2021'; else None."""
    text = text.strip()
    match = re.fullmatch(r"([0-9]{4})(?:[/-]?([0-9]{2}))?", text)
    year = whole_number(match[1], **YEAR_RANGE) if match else None
    if year is None or (match[2] and int(match[2]) != (year + 1) % 100):
        return None
    return (f"{year}/{match[2]}" if match[2] else str(year)), year


def period_problem(line, text):
    """A period that is not one: too early (a well-formed year before 1990) or not a year at all."""
    match = re.fullmatch(r"([0-9]{4})(?:[/-]?[0-9]{2})?", text.strip())
    early = match and int(match[1]) < YEAR_RANGE["lowest"]
    return Problem(line, "early_period" if early else "bad_period", text[:20])


def group_problem(line, label, lookups):
    """A label not mapped to a group: one that could mean more than one group is said to be so."""
    return Problem(line, "ambiguous_group" if lookups.ambiguous(label) else "unmapped_group", label[:80])


def no_indicators(rows):
    """What to say when no indicator column was chosen for a DfE file: the columns it has that could be."""
    header = [name.strip().lower() for name in next(rows, [])]
    columns = ", ".join(name for name in header if name not in DFE_KNOWN and not name.startswith("ethnicity")) or "none"
    return (
        f"Say what each indicator column counts (--indicator COLUMN=MEASURE/STAGE, for example "
        f"--indicator perm_excl=exclusions/permanent-exclusion). Columns other than the DfE's usual ones: {columns}."
    )


def header_of(rows, required):
    header = [name.strip().lower() for name in next(rows, [])]
    missing = [name for name in required if name not in header]
    if missing:
        raise WrongHeader(f"These columns are missing: {', '.join(missing)}. The first row has: {', '.join(header)}.")
    return header


def place(code, lookups):
    """(authority id or None for England, problem or None)."""
    if code.strip().upper() == ENGLAND_CODE:
        return None, None
    return lookups.authority(code)


def cell_problems(line, text, column):
    return [Problem(line, "not_a_number", f"{column}: “{text[:40]}”")]


def read_long(rows, lookups, stages):
    """Our long CSV. `stages` maps (measure slug, stage slug) to a stage id."""
    header = header_of(rows, LONG_COLUMNS[:-1])
    for line, cells in enumerate(rows, start=2):
        cells = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        yield from long_row(line, cells, lookups, stages)


def long_row(line, cells, lookups, stages):
    la_id, la_problem = place(cells.get("la_code", ""), lookups)
    stage_id = stages.get((cells.get("measure", ""), cells.get("stage", "")))
    when = period(cells.get("period", ""))
    group_id, known = lookups.group(cells.get("ethnic_group", ""))
    count = value(cells.get("count", ""))
    denominator = value(cells["denominator"]) if cells.get("denominator") else (None, "")  # 0 is kept as 0
    problems = [
        *([Problem(line, la_problem, cells.get("la_code", "")[:20])] if la_problem else []),
        *([] if stage_id else [Problem(line, "unknown_stage", f"{cells.get('measure')}/{cells.get('stage')}"[:80])]),
        *([] if when else [period_problem(line, cells.get("period", ""))]),
        *([] if known else [group_problem(line, cells.get("ethnic_group", ""), lookups)]),
        *([] if count else cell_problems(line, cells.get("count", ""), "count")),
        *(
            []
            if denominator and not denominator[1]
            else cell_problems(line, cells.get("denominator", ""), "denominator")
        ),
    ]
    if problems:
        yield from problems
        return
    yield Row(line, stage_id, *when, la_id, group_id, *count, denominator[0])


def dfe_group_label(cells):
    """The most detailed ethnic group a DfE row is for ('Total' for all), or None for another breakdown."""
    if "characteristic_group" in cells:
        group = cells["characteristic_group"].lower()
        if group != "total" and "ethnic" not in group:
            return None
        return cells.get("characteristic", "Total")
    minor, major = cells.get("ethnicity_minor", "Total"), cells.get("ethnicity_major", "Total")
    return minor if minor.lower() != "total" else major


def read_dfe(rows, lookups, indicators, denominator_column=None):
    """The DfE's open-data CSV. `indicators` maps an indicator column to the stage id it counts."""
    header = header_of(rows, DFE_REQUIRED + list(indicators) + ([denominator_column] if denominator_column else []))
    if not {"ethnicity_minor", "ethnicity_major", "characteristic"} & set(header):
        raise WrongHeader("There is no ethnicity column (ethnicity_major, ethnicity_minor or characteristic).")
    others = [name for name in header if name not in DFE_KNOWN and name not in indicators]
    for line, cells in enumerate(rows, start=2):
        cells = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        level = cells.get("geographic_level", "").lower()
        if level not in ("national", "local authority"):
            yield Problem(line, "other_geography", cells.get("geographic_level", "")[:40])
            continue
        other = next((name for name in others if is_other_filter(cells.get(name, ""))), None)
        label = dfe_group_label(cells)
        if other or label is None:
            yield Problem(line, "other_breakdown", other or cells.get("characteristic_group", "")[:40])
            continue
        yield from dfe_row(line, cells, level, label, lookups, indicators, denominator_column)


def is_other_filter(text):
    """A cell of a column the portal does not know that splits the figures further ('Primary', 'Boys')."""
    return text.lower() != "total" and value(text) is None and not DECIMAL.fullmatch(text)


def dfe_row(line, cells, level, label, lookups, indicators, denominator_column):
    if level == "national":
        la_id, la_problem = (None, None) if cells["country_code"] == ENGLAND_CODE else (None, "unknown")
    else:
        la_id, la_problem = lookups.authority(cells["new_la_code"])
    when = period(cells["time_period"])
    group_id, known = lookups.group(label)
    denominator = value(cells[denominator_column]) if denominator_column else (None, "")
    counts = {column: value(cells[column]) for column in indicators}
    problems = [
        *([Problem(line, la_problem, (cells["new_la_code"] or cells["country_code"])[:20])] if la_problem else []),
        *([] if when else [period_problem(line, cells["time_period"])]),
        *([] if known else [group_problem(line, label, lookups)]),
        *(
            problem
            for column, count in counts.items()
            if not count
            for problem in cell_problems(line, cells[column], column)
        ),
        *([] if denominator else cell_problems(line, cells[denominator_column], denominator_column)),
    ]
    if problems:
        yield from problems
        return
    for column, stage_id in indicators.items():
        yield Row(line, stage_id, *when, la_id, group_id, *counts[column], denominator[0])


def read_census(rows, lookups, stage_id):
    """Census 2021 bulk CSV (date, geography, geography code, then one column per ethnic group)."""
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
    code_at, date_at = header.index("geography code"), header.index("date")
    for line, cells in enumerate(rows, start=2):
        la_id, la_problem = place(cells[code_at] if code_at < len(cells) else "", lookups)
        when = period(cells[date_at] if date_at < len(cells) else "")
        if la_problem:
            yield Problem(line, la_problem, cells[code_at][:20])
            continue
        if not when:
            yield period_problem(line, cells[date_at] if date_at < len(cells) else "")
            continue
        for index, group_id in groups.items():
            count = value(cells[index]) if index < len(cells) else None
            if count is None:
                yield from cell_problems(line, cells[index] if index < len(cells) else "", header[index][:60])
            else:
                yield Row(line, stage_id, *when, la_id, group_id, *count)
