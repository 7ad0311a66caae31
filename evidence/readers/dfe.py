"""The Department for Education's open-data CSV from Explore Education Statistics (tidy: one row per period,
geography and filter values; one column per indicator), with its symbols."""

import re

from evidence.lookups import ENGLAND_CODE
from evidence.readers.common import (
    LONDON,
    LONDON_CODE,
    SHARE_SYMBOLS,
    Breakdown,
    Problem,
    Row,
    WrongHeader,
    cell_problems,
    group_problem,
    header_of,
    is_total,
    left_out,
    period,
    period_problem,
    value,
)

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
DECIMAL = re.compile(r"-?[0-9][0-9,]*(\.[0-9]+)?%?")  # another indicator's value (a rate), not a filter


def no_indicators(rows):
    """What to say when no indicator column was chosen for a DfE file: the columns it has that could be."""
    header = [name.strip().lower() for name in next(rows, [])]
    columns = ", ".join(name for name in header if name not in DFE_KNOWN and not name.startswith("ethnicity")) or "none"
    return (
        f"Say what each indicator column counts (--indicator COLUMN=MEASURE/STAGE, for example "
        f"--indicator perm_excl=exclusions/permanent-exclusion). Columns other than the DfE's usual ones: {columns}."
    )


def breakdown_column(header):
    """(the column naming which breakdown each row is, the column naming the part it is for), or (None, None).

    EES files name them so: `characteristic_group`, `characteristic_type` or a `*_group` (`cla_group`) beside
    `characteristic`; `breakdown_topic` beside `breakdown` (newer releases: EHC plans, the social work workforce);
    `characteristic` beside `breakdown` (adoptions)."""
    if "breakdown" in header:
        topic = next((name for name in ("breakdown_topic", "characteristic") if name in header), None)
        if topic:
            return topic, "breakdown"
    if "characteristic" in header:
        named_by = next((name for name in ("characteristic_group", "characteristic_type") if name in header), None)
        return named_by or next((name for name in header if name.endswith("_group")), None), "characteristic"
    return None, None


SUBTOTALS = {"known", "ethnicity known", "known ethnicity"}  # a sum of the groups given, neither a group nor all


def dfe_group_label(cells, named_by, label_column):
    """The most detailed ethnic group a DfE row is for ('Total' for all)."""
    if label_column:
        label = cells.get(label_column, "Total")
        return "Total" if is_total(cells.get(named_by, "")) or is_total(label) else label
    minor, major = cells.get("ethnicity_minor", "Total"), cells.get("ethnicity_major", "Total")
    return minor if minor.lower() != "total" else major


def read_dfe(rows, lookups, indicators, denominator_column=None, choices=None):
    """The DfE's open-data CSV. `indicators` maps an indicator column to the stage id it counts; `choices` a
    breakdown column to the value whose rows load (Breakdown). The breakdowns met are yielded after the rows."""
    header = header_of(rows, DFE_REQUIRED + list(indicators) + ([denominator_column] if denominator_column else []))
    named_by, label_column = breakdown_column(header)
    if not {"ethnicity_minor", "ethnicity_major"} & set(header) and not (named_by or label_column):
        raise WrongHeader(
            "There is no ethnicity column (ethnicity_major, ethnicity_minor, characteristic, or breakdown_topic "
            "and breakdown)."
        )
    others = [
        name
        for name in header
        if name not in DFE_KNOWN and name not in indicators and name not in (named_by, label_column)
    ]
    choices = {column.strip().lower(): value.strip() for column, value in (choices or {}).items()}
    breakdowns = {}
    for line, cells in enumerate(rows, start=2):
        cells = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        level = cells.get("geographic_level", "").lower()
        if level == "regional" and cells.get("region_code", "").upper() == LONDON_CODE:
            level = LONDON  # London's own figure, as the publisher published it: kept beside its boroughs'
        if level not in ("national", "local authority", LONDON):
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
        label = dfe_group_label(cells, named_by, label_column)
        if label.lower() in SUBTOTALS:
            yield Problem(line, "subtotal", label[:40])
            continue
        yield from dfe_row(line, cells, level, label, lookups, indicators, denominator_column)
    yield from breakdowns.values()
    for column in choices.keys() - breakdowns.keys():
        yield Problem(0, "breakdown_choice", f"there is no breakdown column ‘{column[:60]}’")


def is_filter_value(text):
    """A cell of a column the portal does not know that names a part of the figures ('Total', 'Primary', 'Boys'),
    not another indicator's value."""
    return value(text) is None and not DECIMAL.fullmatch(text) and text.lower() not in SHARE_SYMBOLS


def dfe_row(line, cells, level, label, lookups, indicators, denominator_column):
    if level == "national":
        la_id, la_problem = (None, None) if cells["country_code"] == ENGLAND_CODE else (None, "unknown")
    elif level == LONDON:
        la_id, la_problem = None, None
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
            (stage_id, when[0] if when else "", LONDON if level == LONDON else la_id, (counts[column] or (None,))[0])
            for column, stage_id in indicators.items()
        ]
        yield from left_out(problems, parts)
        return
    for column, stage_id in indicators.items():
        yield Row(line, stage_id, *when, la_id, group_id, *counts[column], denominator[0], london=level == LONDON)
