"""
The file formats an analyst loads, one module a publisher, each read one row at a time (memory stays flat whatever
the file's size) into the same Row, or a Problem saying what is wrong and where.

- dfe: the Department for Education's open-data CSV (tidy: one row per period, geography and filter values; one
  column per indicator), with its symbols.
- ons: Census 2021 bulk CSV (wide: one row per area, one column per ethnic group).
- yjb: the Youth Justice Board's supporting CSV of its ethnicity tables, read as a DfE file once renamed.
- long: the portal's long CSV (one row per count), whose template analysts download.
- common: what they share (Row, Problem, Breakdown, a cell's value, a period).
"""

from evidence.readers.common import LABEL_LENGTH, Breakdown, Problem, Row, WrongHeader, period, value
from evidence.readers.dfe import no_indicators, read_dfe
from evidence.readers.long import LONG_COLUMNS, read_long
from evidence.readers.ons import age_band, read_census
from evidence.readers.yjb import read_yjb

__all__ = [
    "LABEL_LENGTH",
    "LONG_COLUMNS",
    "Breakdown",
    "Problem",
    "Row",
    "WrongHeader",
    "age_band",
    "no_indicators",
    "period",
    "read_census",
    "read_dfe",
    "read_long",
    "read_yjb",
    "value",
]
