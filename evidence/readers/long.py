"""The portal's long CSV (one row per count), whose template analysts download."""

from evidence.readers.common import (
    Problem,
    Row,
    cell_problems,
    group_problem,
    header_of,
    left_out,
    period,
    period_problem,
    place,
    value,
)

LONG_COLUMNS = ["la_code", "period", "measure", "stage", "ethnic_group", "count", "denominator"]


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
