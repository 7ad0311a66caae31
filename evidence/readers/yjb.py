"""The Youth Justice Board's supporting CSV of its youth justice statistics' ethnicity tables (one row per financial
year, area and ethnicity, with any other breakdown as a column; one column per count), read as the DfE's tidy file
once its columns are named as the DfE names them, so symbols, breakdowns and labels are read alike."""

from evidence.lookups import ENGLAND_CODE, ENGLISH_LA_CODE
from evidence.readers.common import LONDON_CODE, header_of
from evidence.readers.dfe import read_dfe

YJB_REQUIRED = ["financial_year", "la_code", "ethnicity"]
AS_DFE = {
    "financial_year": "time_period",
    "la_code": "new_la_code",
    "yjs_name": "la_name",
    "ethnicity": "ethnicity_major",
}
ADDED = ["time_identifier", "geographic_level", "country_code", "region_code"]


def read_yjb(rows, lookups, indicators, choices=None):
    """`indicators` maps a count column to the stage id it counts, `choices` a breakdown column to its value loaded,
    as for the DfE's files. A youth justice service's own area (a local authority's code) loads; England's figures
    load as England's, London's (E12000007) as London's own; England and Wales's, Wales's and another region's are
    other geographies, counted and skipped."""
    header = header_of(rows, YJB_REQUIRED + list(indicators))
    code_at = header.index("la_code")
    renamed = [AS_DFE.get(name, name) for name in header] + ADDED + ([] if "yjs_name" in header else ["la_name"])
    rows = as_dfe(rows, renamed, code_at, len(header), "yjs_name" in header)
    yield from read_dfe(rows, lookups, indicators, None, choices)


def as_dfe(rows, renamed, code_at, width, named):
    """The rows as a DfE file's: each given its geographic level by its code."""
    yield renamed
    for cells in rows:
        cells = (list(cells) + [""] * width)[:width]
        code = cells[code_at].strip().upper()
        if code == ENGLAND_CODE:
            level = "National"
        elif ENGLISH_LA_CODE.fullmatch(code):
            level = "Local authority"
        elif code == LONDON_CODE:
            level = "Regional"
        else:  # England and Wales (K04), another region (E12), Wales (W92): counted and skipped
            level = f"the area coded {code[:20] or '(none)'}"
        yield [*cells, "Financial year", level, ENGLAND_CODE, code] + ([] if named else [""])
