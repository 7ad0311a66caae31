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
from dataclasses import dataclass, field

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
    # A row left out deliberately: ((stage id, period, area id, count), …) it would have given, so the totals allow
    # for it (the children are in the total, in no group loaded).
    where: tuple = ()


VALUES_KEPT = 50  # values of a breakdown column listed; more are counted together


@dataclass
class Breakdown:
    """A column splitting the figures by something besides ethnicity (school type, sex, age), or naming which
    breakdown a `characteristic` column is (`cla_group`): the rows of one value load, as the analyst chose, by default
    its Total (or, naming the breakdown, its ethnicity ones); the rest are left out and counted."""

    column: str
    choice: str = ""  # the analyst's choice of value; "" for the default
    names_breakdown: bool = False  # a `*_group` column: which breakdown `characteristic` is
    values: dict = field(default_factory=dict)  # value -> rows, as first spelled
    more: int = 0  # rows of values beyond VALUES_KEPT

    def keeps(self, text):
        """Whether a row with this value in the column loads; counted either way."""
        if text in self.values:
            self.values[text] += 1
        elif len(self.values) < VALUES_KEPT:
            self.values[text] = 1
        else:
            self.more += 1
        return self.loads(text)

    def loads(self, text):
        lowered = text.lower()
        if self.names_breakdown and lowered == "total":  # the total of every breakdown: all the children
            return True
        if self.choice:
            return lowered == self.choice.lower()
        return "ethnic" in lowered if self.names_breakdown else lowered == "total"

    @property
    def kept(self):
        """The values whose rows load (besides a breakdown's Total), as the file spells them."""
        return [
            value
            for value in self.values
            if self.loads(value) and not (self.names_breakdown and value.lower() == "total")
        ]

    @property
    def chosen(self):
        """The value (or values) loaded, as the preview and the command say it; "" when none is."""
        return ", ".join(self.kept)

    @property
    def rows_left_out(self):
        return sum(rows for value, rows in self.values.items() if not self.loads(value)) + self.more


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


LABEL_LENGTH = 200  # as EthnicGroupLabel keeps it


def group_problem(line, label, lookups):
    """A label not mapped to a group: one an analyst chose to leave out, one that could mean more than one group
    (said to be so), or one not known."""
    if lookups.leaves_out(label):
        return Problem(line, "left_out_group", label[:LABEL_LENGTH])
    return Problem(line, "ambiguous_group" if lookups.ambiguous(label) else "unmapped_group", label[:LABEL_LENGTH])


def left_out(problems, row_parts):
    """The row's problems; where its only one is a label left out deliberately, with what it would have given."""
    if len(problems) == 1 and problems[0].kind == "left_out_group":
        return [Problem(problems[0].line, "left_out_group", problems[0].detail, tuple(row_parts))]
    return problems


def no_indicators(rows):
    """What to say when no indicator column was chosen for a DfE file: the columns it has that could be."""
    header = [name.strip().lower() for name in next(rows, [])]
    columns = ", ".join(name for name in header if name not in DFE_KNOWN and not name.startswith("ethnicity")) or "none"
    return (
        f"Say what each indicator column counts (--indicator COLUMN=MEASURE/STAGE, for example "
        f"--indicator perm_excl=exclusions/permanent-exclusion). Columns other than the DfE's usual ones: {columns}."
    )


SHOWN_COLUMNS = 40  # of a wrong first row: enough to recognise it, never a 10-million-column page


def header_of(rows, required):
    header = [name.strip().lower() for name in next(rows, [])]
    missing = [name for name in required if name not in header]
    if missing:
        shown = ", ".join(name[:80] for name in header[:SHOWN_COLUMNS])
        more = f" and {len(header) - SHOWN_COLUMNS:,} more columns" if len(header) > SHOWN_COLUMNS else ""
        raise WrongHeader(f"These columns are missing: {', '.join(missing)}. The first row has: {shown}{more}.")
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
        yield from left_out(problems, [(stage_id, when[0] if when else "", la_id, count[0] if count else None)])
        return
    yield Row(line, stage_id, *when, la_id, group_id, *count, denominator[0])


def breakdown_column(header):
    """The column naming which breakdown `characteristic` is (`characteristic_group`, `cla_group`), or None."""
    if "characteristic_group" in header:
        return "characteristic_group"
    if "characteristic" in header:
        return next((name for name in header if name.endswith("_group")), None)
    return None


def dfe_group_label(cells, named_by):
    """The most detailed ethnic group a DfE row is for ('Total' for all)."""
    if named_by:
        return cells.get("characteristic", "Total")
    minor, major = cells.get("ethnicity_minor", "Total"), cells.get("ethnicity_major", "Total")
    return minor if minor.lower() != "total" else major


def read_dfe(rows, lookups, indicators, denominator_column=None, choices=None):
    """The DfE's open-data CSV. `indicators` maps an indicator column to the stage id it counts; `choices` a
    breakdown column to the value whose rows load (Breakdown). The breakdowns met are yielded after the rows."""
    header = header_of(rows, DFE_REQUIRED + list(indicators) + ([denominator_column] if denominator_column else []))
    if not {"ethnicity_minor", "ethnicity_major", "characteristic"} & set(header):
        raise WrongHeader("There is no ethnicity column (ethnicity_major, ethnicity_minor or characteristic).")
    named_by = breakdown_column(header)
    others = [name for name in header if name not in DFE_KNOWN and name not in indicators and name != named_by]
    choices = {column.strip().lower(): value.strip() for column, value in (choices or {}).items()}
    breakdowns = {}
    for line, cells in enumerate(rows, start=2):
        cells = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        level = cells.get("geographic_level", "").lower()
        if level not in ("national", "local authority"):
            yield Problem(line, "other_geography", cells.get("geographic_level", "")[:40])
            continue
        other = None
        for name in ([named_by] if named_by else []) + others:
            text = cells.get(name, "")
            if name != named_by and not (text and is_filter_value(text)):
                continue
            breakdown = breakdowns.setdefault(name, Breakdown(name, choices.get(name, ""), name == named_by))
            if not breakdown.keeps(text) and other is None:
                other = f"{name}: {text}"[:80]
        if other:
            yield Problem(line, "other_breakdown", other)
            continue
        label = dfe_group_label(cells, named_by)
        yield from dfe_row(line, cells, level, label, lookups, indicators, denominator_column)
    yield from breakdowns.values()
    for column in choices.keys() - breakdowns.keys():
        yield Problem(0, "breakdown_choice", f"there is no breakdown column ‘{column[:60]}’")


def is_filter_value(text):
    """A cell of a column the portal does not know that names a part of the figures ('Total', 'Primary', 'Boys'),
    not another indicator's value."""
    return value(text) is None and not DECIMAL.fullmatch(text)


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
        parts = [
            (stage_id, when[0] if when else "", la_id, (counts[column] or (None,))[0])
            for column, stage_id in indicators.items()
        ]
        yield from left_out(problems, parts)
        return
    for column, stage_id in indicators.items():
        yield Row(line, stage_id, *when, la_id, group_id, *counts[column], denominator[0])


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
