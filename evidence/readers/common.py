"""What every reader shares: the Row a file's line becomes or the Problem saying what is wrong with it and where, a
publisher's symbols and periods read as they mean, a breakdown column and its choice, and the header checked."""

import functools
import re
from dataclasses import dataclass, field

from evidence.lookups import ENGLAND_CODE
from evidence.models import Symbol
from inputs.numbers import whole_number

LONDON = "london"  # a row's place (Row.place) when it is London's own figure
LONDON_CODE = "E12000007"  # the region's code, as the DfE and the YJB give it

LARGEST_COUNT = 2**31 - 1
SYMBOLS = {symbol.value for symbol in Symbol if symbol.value}
# Symbols some publishers use for one of those: ":" is "not available" in the DfE's children's social care releases
# (children in need, the social work workforce), the GSS's "x" elsewhere.
SAME_AS = {":": Symbol.NOT_AVAILABLE.value}
# Shares, never counts: "k" is a percentage below 0.5% (children looked after). Not a filter's value either.
SHARE_SYMBOLS = {"k"}
YEAR_RANGE = dict(lowest=1990, highest=2100)


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    stage_id: int
    period: str
    year: int
    la_id: int | None  # None: England, or London where `london`
    group_id: int | None  # None: all ethnic groups
    count: int | None
    symbol: str
    denominator: int | None = None
    london: bool = False  # London's own figure, as its publisher published it (a region's row: E12000007)

    @property
    def place(self):
        """Where the row is for, as a load's report keys it: a borough's id, None for England, LONDON for London."""
        return LONDON if self.london else self.la_id


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
        if self.names_breakdown and is_total(text):  # the total of every breakdown: all the children
            return True
        if self.choice:
            return lowered == self.choice.lower()
        return "ethnic" in lowered if self.names_breakdown else lowered == "total"

    @property
    def kept(self):
        """The values whose rows load (besides a breakdown's Total), as the file spells them."""
        return [value for value in self.values if self.loads(value) and not (self.names_breakdown and is_total(value))]

    @property
    def chosen(self):
        """The value (or values) loaded, as the preview and the command say it; "" when none is."""
        return ", ".join(self.kept)

    @property
    def rows_left_out(self):
        return sum(rows for value, rows in self.values.items() if not self.loads(value)) + self.more


def is_total(text):
    """'Total', 'Total children', 'All EHC plans': a row of every child (or plan, or worker), not of a part."""
    lowered = " ".join(text.lower().split())
    return lowered == "total" or lowered.startswith(("total ", "all ")) or lowered == "all"


class WrongHeader(Exception):
    """The file is not in the format chosen: nothing in it can be read."""


def value(text):
    """(count, symbol) from a cell, or None when it is neither a whole number nor a publisher's symbol."""
    text = text.strip()
    if text.lower() in SYMBOLS:
        return None, text.lower()
    if text in SAME_AS:
        return None, SAME_AS[text]
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


GROUP_PROBLEMS = {"left_out_group", "unmapped_group", "ambiguous_group"}


def left_out(problems, row_parts):
    """The row's problems; where its only one is its label (left out deliberately, or not yet mapped), with what it
    would have given: its children are in the total and in no group loaded, so a total is not found wrong for them
    before the analyst has said what the label is."""
    if len(problems) == 1 and problems[0].kind in GROUP_PROBLEMS:
        return [Problem(problems[0].line, problems[0].kind, problems[0].detail, tuple(row_parts))]
    return problems


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


FRACTION = re.compile(r"-?[0-9][0-9,]*\.[0-9]+%?|-?[0-9][0-9,]*%|k")


def cell_problems(line, text, column):
    """A cell that is not a count; a fraction or a percentage is said to be one, as no rate can be made of it."""
    if FRACTION.fullmatch(text.strip()):
        return [Problem(line, "not_a_number", f"{column}: “{text[:40]}” is {SHARE}")]
    return [Problem(line, "not_a_number", f"{column}: “{text[:40]}”")]


SHARE = (
    "a fraction or a percentage, not a count (a full-time equivalent, a rate or a share): rates cannot be worked out "
    "from it; choose a column of whole counts (a headcount, a number)"
)
