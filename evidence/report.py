"""The validation report of a file: what would be loaded, and what is wrong with it, before anything is saved."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from evidence.models import EthnicGroup
from evidence.readers import Breakdown, Problem
from evidence.readers.common import LONDON
from reference.models import LocalAuthority

# kind -> (blocks loading, what the analyst reads)
PROBLEMS = {
    "not_text": (True, "The file cannot be read as text: save it as CSV UTF-8"),
    "wrong_header": (True, "The file is not in the format chosen"),
    "empty": (True, "The file has no rows of figures below its header"),
    "unknown": (True, "Local authority codes that are not codes of any English local authority"),
    "not_a_number": (True, "Values that are neither whole numbers nor one of the publisher's symbols"),
    "bad_period": (True, "Periods that are not a year (2021) or an academic or financial year (2022/23)"),
    "early_period": (True, "Periods too early (before 1990): the portal holds figures from 1990"),
    "unknown_stage": (True, "Measures or stages the portal does not know (see the template)"),
    "duplicate": (True, "Rows repeating an earlier row's stage, period, area and ethnic group"),
    "above_denominator": (True, "Counts larger than their denominator (the population they are counted in)"),
    "zero_denominator": (True, "Denominators of 0 beside a count: leave the denominator blank if it is not known"),
    "future_period": (True, "Periods after the current year"),
    "ambiguous_group": (
        True,
        "Ethnic groups whose label could mean more than one group (Gypsy: the DfE's Gypsy/Roma or part of the Census's "
        "Gypsy or Irish Traveller; Traveller, Irish Traveller: part of Gypsy or Irish Traveller, outside DfE files): "
        "choose below which group each is, or leave it out",
    ),
    "unmapped_group": (
        True,
        "Ethnic group labels the portal does not recognise: choose below which group each is, or leave it out",
    ),
    "left_out_group": (False, "Rows of ethnic group labels left out deliberately, as chosen: not loaded"),
    "breakdown_unchosen": (
        True,
        "Columns breaking the figures down further with no Total: choose below which value's rows to load",
    ),
    "breakdown_choice": (True, "Breakdown choices that match nothing in the file"),
    "outside London": (False, "Rows for local authorities outside London: not loaded"),
    "outside_area": (False, "Areas outside London (the Census covers England and Wales): skipped"),
    "all_ages": (
        True,
        "These are all residents of every age, not children: rates per 1,000 residents, not per 1,000 children",
    ),
    "all_ages_confirmed": (
        False,
        "All residents of every age, loaded as the children's population as you confirmed: pages give rates per "
        "1,000 residents of all ages",
    ),
    "age_band": (True, "Age bands across 17 and 18: the children in them cannot be told from the adults"),
    "age_gap": (True, "Areas whose age bands do not cover every age from 0 to 17 once"),
    "adult_ages": (False, "Rows of ages 18 and over: not part of the children's population, not loaded"),
    "other_geography": (
        False,
        "Rows for other geographies (regions other than London, parliamentary constituencies): not loaded",
    ),
    "other_breakdown": (
        False,
        "Rows broken down by something else as well (school type, sex): not loaded, by the choice of value below",
    ),
    "subtotal": (False, "Rows adding up other rows (ethnicity Known): neither a group nor the total, not loaded"),
    "some_denominators": (False, "Denominators given for some rows but not all"),
    "high_only": (
        False,
        "Ethnic groups given only as a high-level group beside detailed groups: loaded, and shown with the 5 "
        "high-level groups; the 19 detailed groups leave them out (the DfE's Any other ethnic group includes Arab "
        "children, whom the Census 2021 counts apart, so it is no one Census group)",
    ),
    "totals": (True, "Totals that do not add up to their groups (beyond the publisher's rounding)"),
    "two_splits": (
        True,
        "Places and periods given both the Census's groups (Gypsy or Irish Traveller, Roma) and the DfE's (Gypsy/Roma, "
        "Traveller of Irish heritage): they are the same children counted twice; keep one publisher's groups",
    ),
}
EXAMPLES = 5
# What the analyst settles in the preview: a file with these problems alone is kept, for them to choose.
CHOOSABLE = {"unmapped_group", "ambiguous_group", "breakdown_unchosen", "breakdown_choice", "all_ages"}
LABELS_KEPT = 100  # unknown labels listed for the analyst to map; rows of more are counted
LEVEL_SIZES = {"high": 5, "detailed": 19}
ROUNDING = 5  # where every count is a multiple of 5, the publisher rounded: each may be up to half that off


@dataclass
class Report:
    rows: int = 0
    with_denominator: int = 0
    problems: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=lambda: defaultdict(list))
    periods: set = field(default_factory=set)
    authorities: set = field(default_factory=set)
    sample: list = field(default_factory=list)
    stage_ids: set = field(default_factory=set)
    sums: dict = field(default_factory=dict)
    levels: dict = field(default_factory=dict)  # group id -> "high" or "detailed"
    splits: dict = field(default_factory=dict)  # group id -> the publisher's split it belongs to, for split groups
    parents: dict = field(default_factory=dict)  # detailed group id -> its high-level group's
    # (period, area) -> (high-level groups given, high-level groups some of whose detailed groups are given)
    given: dict = field(default_factory=dict)
    slice_splits: dict = field(default_factory=dict)  # (stage, period, area) -> the splits its rows use
    slices: dict = field(default_factory=dict)  # (stage, year, area) -> period: what figures already loaded it meets
    overlaps: list = field(default_factory=list)  # evidence.overlaps.Overlap: figures already loaded for those
    illustrative: list = field(default_factory=list)  # evidence.overlaps.Illustrative: what loading it removes
    rates_of: str = ""  # what its rates will be of (models.RatesOf), as the analyst chose or the file gives
    # The groups met in each (stage, year, area), one bit a group: duplicates are refused, in memory bounded by the
    # slices (as `slices` is), not by the rows.
    seen: dict = field(default_factory=dict)
    group_bits: dict = field(default_factory=dict)  # group id (None: the total) -> its bit in `seen`
    counted: dict = field(default_factory=dict)  # as `seen`, the groups given a count (not a publisher's symbol)
    unknown_labels: Counter = field(default_factory=Counter)  # label not recognised -> rows, for the analyst to map
    more_labels: int = 0  # rows of unknown labels beyond LABELS_KEPT
    ambiguous: set = field(default_factory=set)  # those of them that could mean more than one group
    mappings: list = field(default_factory=list)  # lookups.Mapping: the analysts' choices the file's labels met
    breakdowns: list = field(default_factory=list)  # readers.Breakdown: columns splitting the figures besides ethnicity
    left: Counter = field(default_factory=Counter)  # (stage, period, area) -> count of rows left out deliberately
    incomplete: list = field(default_factory=list)  # completeness.Gap: sub-regions and London it leaves incomplete
    defaults: list = field(default_factory=list)  # consequences.Opens: the period each area's pages will open on
    rateless: list = field(default_factory=list)  # consequences.Rateless: measures whose boroughs lose their population
    this_year: int = field(default_factory=lambda: timezone.now().year)

    @classmethod
    def for_groups(cls):
        """An empty report that knows each ethnic group's level and split."""
        groups = EthnicGroup.objects.values_list("pk", "level", "split", "parent_id")
        return cls(
            levels={pk: level for pk, level, _, _ in groups},
            splits={pk: split for pk, _, split, _ in groups if split},
            parents={pk: parent for pk, level, _, parent in groups if level == EthnicGroup.Level.DETAILED},
        )

    @property
    def can_load(self):
        return self.rows > 0 and not any(PROBLEMS[kind][0] for kind in self.problems)

    @property
    def can_choose(self):
        """Nothing stops it but what the analyst settles in the preview: labels not recognised, breakdowns."""
        blocking = {kind for kind in self.problems if PROBLEMS[kind][0]}
        return bool(blocking) and blocking <= CHOOSABLE

    def note(self, item):
        if isinstance(item, Breakdown):
            self.note_breakdown(item)
            return
        if isinstance(item, Problem):
            self.problems[item.kind] += 1
            if len(self.examples[item.kind]) < EXAMPLES:
                self.examples[item.kind].append(item)
            if item.kind in ("unmapped_group", "ambiguous_group"):
                self.note_label(item)
            for stage, period, la_id, count in item.where:
                self.left[(stage, period, la_id)] += count or 0
            return
        for problem in self.row_problems(item):
            self.note(problem)
        self.rows += 1
        self.with_denominator += item.denominator is not None
        self.periods.add(item.period)
        self.stage_ids.add(item.stage_id)
        self.authorities.add(item.place)
        self.slices.setdefault((item.stage_id, item.year, item.place), item.period)
        if item.group_id in self.splits:
            self.slice_splits.setdefault((item.stage_id, item.period, item.place), set()).add(
                self.splits[item.group_id]
            )
        if item.group_id is not None:
            high, detailed = self.given.setdefault((item.period, item.place), (set(), set()))
            if item.group_id in self.parents:
                detailed.add(self.parents[item.group_id])
            else:
                high.add(item.group_id)
        if len(self.sample) < 10:
            self.sample.append(item)
        self.add_to_total(item)

    def note_label(self, problem):
        if problem.detail in self.unknown_labels or len(self.unknown_labels) < LABELS_KEPT:
            self.unknown_labels[problem.detail] += 1
            if problem.kind == "ambiguous_group":
                self.ambiguous.add(problem.detail)
        else:
            self.more_labels += 1

    def note_breakdown(self, breakdown):
        """A breakdown column: listed where it leaves rows out or was chosen; a problem where no value of it loads."""
        if breakdown.rows_left_out or breakdown.choice or not breakdown.kept:
            self.breakdowns.append(breakdown)
        if not breakdown.kept:
            values = ", ".join(list(breakdown.values)[:EXAMPLES])
            kind = "breakdown_choice" if breakdown.choice else "breakdown_unchosen"
            what = f"no rows are ‘{breakdown.choice[:60]}’; its values: " if breakdown.choice else "its values: "
            self.note(Problem(0, kind, f"{breakdown.column}: {what}{values}"))

    def row_problems(self, row):
        """What is wrong with a row that reads well: a repeat, a count above its denominator, a future period."""
        key = (row.stage_id, row.year, row.place)  # 2022 and 2022/23 are one period in the figures
        bit, met = 1 << self.group_bits.setdefault(row.group_id, len(self.group_bits)), self.seen.get(key, 0)
        if met & bit:
            yield Problem(row.line, "duplicate", f"{row.period}, the same as an earlier row")
        self.seen[key] = met | bit
        if row.count is not None:
            self.counted[key] = self.counted.get(key, 0) | bit
        if row.denominator == 0 and row.count:
            yield Problem(row.line, "zero_denominator", f"{row.count} of 0")
        elif row.count is not None and row.denominator is not None and row.count > row.denominator:
            yield Problem(row.line, "above_denominator", f"{row.count} of {row.denominator}")
        if row.year > self.this_year:
            yield Problem(row.line, "future_period", row.period)

    def add_to_total(self, row):
        """Sums of each level's groups beside the total, per stage, period and place (bounded by those, not rows)."""
        sums = self.sums.setdefault((row.stage_id, row.period, row.place), {"total": None})
        if row.group_id is None:
            sums["total"] = row.count
            return
        level = self.levels.get(row.group_id)
        total, groups, complete, rounded = sums.get(level, (0, 0, True, True))
        rounded = rounded and (row.count or 0) % ROUNDING == 0
        sums[level] = (total + (row.count or 0), groups + 1, complete and row.count is not None, rounded)

    def finish(self, rates_of=""):
        """A level's groups adding up to more than the total, or to other than it when all are there, stops the
        load: beyond what rounding each (and the total) to the nearest 5 explains, where they are so rounded."""
        names = dict(LocalAuthority.objects.values_list("pk", "name")) | {LONDON: "London"}
        for (stage, period, la_id), sums in self.sums.items():
            total = sums.pop("total")
            left = self.left.get((stage, period, la_id), 0)  # the children in rows left out: in no group loaded
            for level, (loaded, groups, complete, rounded) in sums.items():
                parts = loaded + left
                whole = groups == LEVEL_SIZES.get(level)
                slack = ROUNDING / 2 * (groups + 1) if rounded and (total or 0) % ROUNDING == 0 else 0
                if total is not None and complete and (parts - total > slack or (whole and abs(parts - total) > slack)):
                    self.problems["totals"] += 1
                    if len(self.examples["totals"]) < EXAMPLES:
                        place = names.get(la_id, "England")
                        adds = "group adds" if groups == 1 else "groups add"
                        detail = f"{place}, {period}: total {total:,}, its {groups} {level} {adds} up to {parts:,}"
                        self.examples["totals"].append(Problem(0, "totals", detail))
        self.sums = {}
        for (_, period, la_id), splits in self.slice_splits.items():
            if len(splits) > 1:
                self.note(Problem(0, "two_splits", f"{names.get(la_id, 'England')}, {period}"))
        self.slice_splits = {}
        self.note_high_only(names)
        self.rates_of = rates_of
        if 0 < self.with_denominator < self.rows:
            given = f"the file's denominators are given for {self.with_denominator:,} of {self.rows:,} rows; "
            if rates_of == "file":
                detail = given + "its rates are of them, and a row without one has no rate"
            else:
                detail = given + (
                    "its rates are of the population loaded (Census 2021), not of the file's denominators "
                    "(choose the file's denominators to use them: rows without one then have no rate)"
                )
            self.note(Problem(0, "some_denominators", detail))
        if not self.rows and not self.problems:
            self.note(Problem(2, "empty", "only a header"))
        return self

    def note_high_only(self, names):
        """High-level groups given beside detailed groups but without any of their own (the DfE's Any other ethnic
        group): loaded, but the detailed view leaves them out, and the analyst is told."""
        group_names = dict(EthnicGroup.objects.values_list("pk", "name"))
        for (period, la_id), (high, detailed) in self.given.items():
            alone = sorted(group_names[pk] for pk in high - detailed if pk in group_names)
            if detailed and alone:
                self.note(Problem(0, "high_only", f"{names.get(la_id, 'England')}, {period}: {', '.join(alone)}"))
        self.given = {}

    @property
    def rates_text(self):
        """What the pages will divide its counts by, as the preview and the command say it."""
        if self.rates_of == "file":
            return "each row's own denominator, from the file (a row without one has no rate)"
        if self.rates_of == "population":
            return (
                "the group's population loaded for the area and year (the Census): a real population only, never "
                "the demo's illustrative one"
            )
        return ""

    def summary(self):
        """One sentence: what can be loaded, or that nothing was and why."""
        rows = f"{self.rows:,} row{'' if self.rows == 1 else 's'}"
        periods = len(self.periods)
        skipped = self.problems["outside_area"]
        skipped = f" {skipped:,} area{'' if skipped == 1 else 's'} outside London skipped." if skipped else ""
        if self.can_load:
            return f"{rows} can be loaded, for {periods:,} period{'' if periods == 1 else 's'}.{skipped}"
        reads = "reads" if self.rows == 1 else "read"
        return f"{rows} {reads} well, but nothing was loaded: correct the problems below and load the file again."

    def listed(self):
        """The problems as the page and the command show them: (blocks, description, count, examples)."""
        return [
            (PROBLEMS[kind][0], PROBLEMS[kind][1], count, self.examples[kind])
            for kind, count in sorted(self.problems.items(), key=lambda item: not PROBLEMS[item[0]][0])
        ]
