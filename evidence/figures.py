"""
What a measure page, its charts, its downloads and the API show: rates and indices by ethnic
group for one area and period, at each stage, worked out from protected cells only.
"""

from dataclasses import dataclass, field

from evidence import completeness as evidence_completeness
from evidence import splits
from evidence.cube import INCOMPLETE, MIXED, Structure
from evidence.models import Dataset, EthnicGroup, Measure, RatesOf, Stage, Symbol
from evidence.protection import protected_cells
from evidence.readings import (
    HIDDEN,
    index_note,
    no_index_sentence,
    none_counted_lead,
    unlike_sentence,
    without_denominator,
)
from evidence.statistics import per_thousand, rate_interval, reading, relative_rate_index

STATUS = {
    **{symbol.value: f"{symbol.label} (publisher's symbol ‘{symbol.value}’)" for symbol in Symbol if symbol.value},
    # One label for every count the portal hides, small or hidden beside a small one: a label saying which would
    # tell readers a hidden count is the threshold or more, and the sums could then give a small one back.
    "small": "hidden to protect small numbers",
    INCOMPLETE: "not available: a part is missing",
    "none": "no data",
}


@dataclass
class GroupFigure:
    group: EthnicGroup
    count: int | None
    status: str  # "" when shown, else a key of STATUS
    denominator: int | None
    rate: float | None = None
    interval: tuple | None = None  # the rate's 95% interval
    index: object = None
    from_previous: object = None  # the index of moving on from the stage before
    reading: str = ""
    is_comparison: bool = False
    index_note: str = "too few to say"  # why there is no index, in a table cell
    from_previous_note: str = "too few to say"
    basis: str = ""  # what its rate is of, as its dataset was loaded (RatesOf), MIXED, or "" (no figure)
    illustrative: bool | None = False  # None: added up from illustrative and real figures
    source: str = ""  # its denominator's kind as every output names it: "data file", "population: children aged …"
    as_published: str = ""  # London's own figure: who published it (evidence.cube.london_figure)
    boroughs_sum: int | None = None  # ... where its boroughs' figures, all loaded, add up to another number

    @property
    def published_note(self):
        """Where the figure is London's as its publisher published it, rather than its boroughs' sum: 'as published by
        the DfE', and what the boroughs add up to where that differs."""
        if not self.as_published or (self.count is None and not self.status):
            return ""
        name = self.as_published if self.as_published.lower().startswith("the ") else f"the {self.as_published}"
        differs = f"; its boroughs’ figures add up to {self.boroughs_sum:,}" if self.boroughs_sum is not None else ""
        return f"as published by {name}{differs}"

    @property
    def status_text(self):
        return STATUS.get(self.status, "")

    # Numbers as pages show them, formatted here: template filters on hundreds of cells cost more than the figures.
    @property
    def count_text(self):
        return f"{self.count:,}" if self.count is not None else self.status_text

    @property
    def denominator_text(self):
        return f"{self.denominator:,}" if self.denominator is not None else "–"

    @property
    def kind_text(self):
        """Its kind of denominator in a few words, for a table row where a view's kinds differ."""
        if self.basis == MIXED:
            return "added up from figures of different kinds of denominator: no rate"
        return self.source

    @property
    def rate_text(self):
        if self.rate is not None:
            return f"{self.rate:.1f}"
        if self.count is None and self.status not in HIDDEN:
            return "no data" if self.status == "none" else "not available"
        if self.count is not None and not self.denominator and self.basis:  # a count with nothing to divide it by
            return without_denominator(self)
        return "too few to say"

    @property
    def interval_text(self):
        return f"{self.interval[0]:.1f} to {self.interval[1]:.1f}" if self.interval else ""

    @property
    def index_text(self):
        return self.index_cell(self.index, self.index_note)

    @property
    def index_value_text(self):
        return self.index.value_text() if self.index else ""

    @property
    def from_previous_text(self):
        return self.index_cell(self.from_previous, self.from_previous_note)

    def index_cell(self, index, note):
        """An index as a table cell: the comparison group's own is 1 (where it has figures), else why there is none."""
        if self.is_comparison:  # 1 only where it has a rate: a hidden one is too few to say, as every index is
            return "1 (comparison)" if self.rate is not None else self.rate_text
        return f"{index.value_text()} ({index.interval_text()})" if index else note


@dataclass
class StageFigures:
    stage: Stage
    groups: list
    total: GroupFigure
    previous: Stage | None = None
    summary: list = field(default_factory=list)
    split_note: str = ""  # why a combined group is shown: the figures' split is not the population's
    left_out_note: str = ""  # which high-level groups a detailed view leaves out, as only given whole, and why
    denominator_name: str = ""  # the population stage the rates are of, or "" for the data file's own denominators
    is_population: bool = False  # a population measure's: each group's share of all, no rate of itself or index
    sources: tuple = ()  # the kinds of denominator its rates are of ("data file", "population: …"), one normally

    @property
    def mixed_denominators(self):
        """Rates of more than one kind of denominator (or a sum of both): each row then names its own."""
        return len(self.sources) > 1 or any(figure.basis == MIXED for figure in [*self.groups, self.total])

    @property
    def uses_population(self):
        return any(source.startswith("population") for source in self.sources)

    @property
    def denominator_heading(self):
        if self.mixed_denominators:
            return "Denominator (its kind on each row)"
        if self.denominator_name:
            return f"Population ({self.denominator_name.lower()})"
        return "Denominator (from the data file)" if self.sources else "Denominator"

    @property
    def denominator_caption(self):
        """What the rates are of, for the chart's caption."""
        if self.mixed_denominators:
            return (
                "the denominator named on each row of the table (rates of different kinds of denominator are "
                "never compared)"
            )
        if self.denominator_name == ALL_AGES:
            return (
                "the group's residents of all ages (the Census's all usual residents): per 1,000 residents of all ages"
            )
        if self.denominator_name:
            return f"the group's population ({self.denominator_name.lower()})"
        if self.sources:
            return "the denominator the data file gives for each group"
        return "no denominator: none of the same kind as these figures is loaded, so there are no rates"

    @property
    def without_data(self):
        return [figure.group.short_name for figure in self.groups if figure.status == "none"]

    @property
    def has_rates(self):
        return any(figure.rate is not None for figure in self.groups)

    @property
    def why_no_rates(self):
        """Why a stage without a rate has nothing to compare: 'hidden' (its figures are there, but hidden to protect
        small numbers), 'no denominator' (counts with nothing to divide them by), or '' (no figures)."""
        if any(figure.count is not None and not figure.denominator for figure in [*self.groups, self.total]):
            return "no denominator"
        return "hidden" if any(figure.status in HIDDEN for figure in self.groups) else ""


def shown(cell):
    """(count, status) as it may be shown: a hidden cell with no count says why it has none (a part missing, the
    publisher's symbol), as that gives nothing away; every other hidden count, that it is hidden."""
    if cell is None:
        return None, "none"
    if cell.hidden:
        return None, cell.symbol if cell.count is None and cell.symbol else "small"
    return cell.count, cell.symbol


ALL_AGES = "Residents of all ages"
ALL_AGES_SOURCE = f"population: {ALL_AGES.lower()}"  # the source of a rate whose denominator is TS021's, confirmed
# What every reading of an index between rates of residents of all ages says: children are a larger share of a
# younger group's residents, so its rate per resident (and its index against an older group) is inflated.
ALL_AGES_CAVEAT = (
    ", counted against residents of all ages rather than children, which overstates the difference for younger "
    "groups such as Mixed"
)


def population_name(stage):
    """What a population stage counts, as outputs name it: residents of all ages where TS021 was loaded as the
    children's population (the analyst confirmed it), else the stage's own name."""
    if Dataset.objects.filter(all_ages=True, observations__stage=stage).exists():
        return ALL_AGES
    return stage.name


def population_stage(measure):
    slug = "all-residents" if measure.kind == Measure.Kind.WORKFORCE else "children"
    return Stage.objects.filter(measure__slug="population", slug=slug).first()


class Denominators:
    """Each group's population in an area for a year: the nearest year loaded at or before it, else the first. Real
    figures are divided only by a real population, never the demo's illustrative one; illustrative figures by
    whichever is loaded (their rates are illustrative either way, and say so)."""

    def __init__(self, stage):
        self.stage = stage
        self.name = population_name(stage) if stage else ""
        self.source = f"population: {self.name.lower()}"
        self.cells, periods = protected_cells([stage]) if stage else ({}, {})
        self.years = sorted(periods)

    def year_for(self, year):
        earlier = [loaded for loaded in self.years if loaded <= year]
        return earlier[-1] if earlier else (self.years[0] if self.years else None)

    def get(self, year, area, group_id, illustrative=False):
        cell = self.cells.get((self.stage.pk if self.stage else 0, self.year_for(year), area, group_id))
        count, status = shown(cell)
        if status or (illustrative is False and cell.illustrative is not False):
            return None
        return count


def stage_figures(measure, stages, *, area, year, groups, comparison):
    """Figures for each stage, in order: rate per 1,000 of the group's population, the index against the
    comparison group (and against the stage before), and a sentence for each group."""
    if measure.kind == Measure.Kind.POPULATION:
        return population_figures(stages, area=area, year=year, groups=groups)
    cells, _ = protected_cells(stages)
    denominators = Denominators(population_stage(measure))
    used = splits.splits_used(cells, stages, year, area, groups)
    groups = splits.in_view(groups, used)
    combined = combined_groups(used)
    result, previous = [], None
    for stage in stages:
        figures = [figure_for(cells, denominators, stage, year, area, group) for group in [None, *groups]]
        total, by_group = figures[0], figures[1:]
        by_group += [figure_for(cells, denominators, stage, year, area, group) for group in combined]
        reference = next((figure for figure in by_group if figure.group == comparison), None)
        for figure in by_group:
            figure.is_comparison = figure.group == comparison
            if figure.is_comparison and figure.rate is None:
                figure.reading = no_rate_to_compare(measure, figure)
            if reference and not figure.is_comparison:
                compare(measure, stage, figure, reference)
            if previous and reference:
                before = {item.group: item for item in previous.groups}
                compare_with_before(figure, reference, before[figure.group], before[reference.group])
        stage_result = StageFigures(stage, by_group, total, previous.stage if previous else None)
        stage_result.summary = summary(by_group)
        combined_sources = {figure.source for figure in by_group if figure.group in combined and figure.denominator}
        stage_result.split_note = splits.note(used, combined_sources)
        stage_result.left_out_note = splits.left_out_note(splits.left_out(cells, stage, year, area, groups))
        stage_result.sources = tuple(
            sorted({figure.source for figure in [*by_group, total] if figure.denominator is not None})
        )
        stage_result.denominator_name = denominators.name if stage_result.sources == (denominators.source,) else ""
        result.append(stage_result)
        previous = stage_result
    return result


def population_figures(stages, *, area, year, groups):
    """A population measure's figures: each group's number and its share of the whole per 1,000. Population
    figures are the other measures' denominators: no rate of themselves, no index, nothing 'too few'."""
    cells, _ = protected_cells(stages)
    groups = splits.in_view(groups, splits.splits_used(cells, stages, year, area, groups))
    nobody, result = Denominators(None), []
    for stage in stages:
        name = population_name(stage)
        total = figure_for(cells, nobody, stage, year, area, None)
        by_group = []
        for group in groups:
            figure = figure_for(cells, nobody, stage, year, area, group)
            share = make_figure(group, figure.count, figure.status, total.count)
            share.interval = None  # a count of everyone, not a sample
            share.source = f"population: {name.lower()}"  # its denominator, the total, named as every figure's is
            by_group.append(share)
        result.append(StageFigures(stage, by_group, total, denominator_name=name, is_population=True))
    return result


def combined_groups(used):
    """The combined groups to show, when the figures' split is not the Census's: their counts are protected sums
    of the publisher's groups, their populations of the Census's."""
    if used == {splits.POPULATION_SPLIT}:
        return []
    return list(EthnicGroup.objects.filter(level=EthnicGroup.Level.COMBINED))


def same_kind(*figures, basis=True):
    """Whether figures may be compared: all from illustrative or all from real datasets and (with `basis`) all rates
    of the same kind of denominator, as their datasets were loaded. Figures without a count have nothing to compare."""
    kinds = {(figure.basis if basis else "", figure.illustrative) for figure in figures if figure.count is not None}
    return all(illustrative is not None and (not basis or kind in RatesOf.values) for kind, illustrative in kinds) and (
        len(kinds) <= 1
    )


def compare(measure, stage, figure, reference):
    """The figure's index against the comparison group, and its sentence: only between rates of the same kind."""
    if same_kind(figure, reference):
        figure.index = relative_rate_index(figure.count, figure.denominator, reference.count, reference.denominator)
    figure.reading = sentence(measure, stage, figure, reference)
    figure.index_note = index_note(figure, reference)
    if figure.index is None and figure.rate is not None and reference.rate is not None:  # both rates, unlike kinds
        figure.reading = unlike_sentence(measure=measure, figure=figure, reference=reference)
        figure.index_note = "not compared: another kind of denominator"


def compare_with_before(figure, reference, before, reference_before):
    """The index of moving on from the stage before: counts over counts, of the same kind of dataset only (never a
    real file's counts over the demo's)."""
    if same_kind(figure, before, reference, reference_before, basis=False):
        figure.from_previous = relative_rate_index(figure.count, before.count, reference.count, reference_before.count)
        figure.from_previous_note = index_note(figure, reference, (before, reference_before))
    else:
        figure.from_previous_note = "not compared: illustrative and real figures"


def figure_for(cells, denominators, stage, year, area, group):
    """A group's figure: its count over its own dataset's kind of denominator, the row's own from the file or the
    group's population of the same kind (RatesOf), never one chosen by what else is in the view."""
    group_id = group.pk if group else None
    cell = cells.get((stage.pk, year, area, group_id))
    count, status = shown(cell)
    basis, illustrative = (cell.basis, cell.illustrative) if cell else ("", False)
    denominator, source = None, ""
    if basis == RatesOf.FILE:
        denominator, source = (cell.denominator if not cell.hidden else None), "data file"
    elif basis == RatesOf.POPULATION:
        denominator, source = denominators.get(year, area, group_id, illustrative), denominators.source
    figure = make_figure(group, count if not status else None, status, denominator)
    figure.basis, figure.illustrative, figure.source = basis, illustrative, source
    if cell is not None and not cell.hidden:
        figure.as_published, figure.boroughs_sum = cell.as_published, cell.boroughs_sum
    return figure


def make_figure(group, count, status, denominator):
    figure = GroupFigure(group, count, status, denominator)
    figure.rate = per_thousand(count, denominator) if count is not None else None
    figure.interval = rate_interval(count, denominator)
    return figure


NO_FIGURES = {"none", "x", "z", INCOMPLETE}


def sentence(measure, stage, figure, reference):
    verb = stage.verb or f"to be counted as {stage.name.lower()}"
    if figure.status in NO_FIGURES or reference.status in NO_FIGURES:
        names = f"{figure.group.short_name} with {reference.group.short_name}"
        return f"There are no figures to compare {names} {measure.what_is_counted}."
    if figure.index is None:
        return no_index_sentence(measure=measure, stage=stage, figure=figure, reference=reference, verb=verb)
    zero = 0 in (figure.count, reference.count)
    return reading(
        group=figure.group.short_name,
        comparison=reference.group.short_name,
        index=figure.index,
        verb=verb,
        counted=measure.what_is_counted,
        lead=none_counted_lead(measure=measure, stage=stage, figure=figure, reference=reference) if zero else "",
        caveat=ALL_AGES_CAVEAT if any(of_all_ages(item) for item in (figure, reference)) else "",
    )


def of_all_ages(figure):
    """Whether a figure's rate is of residents of all ages (TS021 confirmed as the children's population)."""
    return getattr(figure, "source", "") == ALL_AGES_SOURCE


def no_rate_to_compare(measure, figure):
    """What a comparison group without a rate (hidden, no figures, no population) says instead of its index."""
    name = f"{figure.group.short_name} {measure.what_is_counted}"
    return f"There is no rate for {name} to compare with ({figure.rate_text}), so no group has an index."


def summary(figures):
    """The sentences worth leading with: clear differences, largest first."""
    clear = [figure for figure in figures if figure.index and figure.index.is_clear]
    return [figure.reading for figure in sorted(clear, key=lambda figure: -figure.index.value)[:3]]


def series(measure, stage, *, area, groups, stages=None, denominators=None):
    """Each group's figure in each year loaded, {group: [(year, figure)]}; and, for each year, the kinds of
    denominator its rates are of (`GroupFigure.source`). `stages`: all the view's stages, whose
    protected table the page has read already (a slice of it for each stage would be made again and again), and
    `denominators` the population, read once for all of a page's trends."""
    cells, periods = protected_cells(stages or [stage])
    denominators = denominators or Denominators(population_stage(measure))
    by_group = {
        group: [(year, figure_for(cells, denominators, stage, year, area, group)) for year in sorted(periods)]
        for group in groups
    }
    kinds = {year: set() for year in periods}
    for points in by_group.values():
        for year, figure in points:
            if figure.denominator is not None:
                kinds[year].add(figure.source)
    return by_group, {year: frozenset(found) for year, found in kinds.items()}


def years_loaded(stages):
    return protected_cells(stages)[1]


def years_with_figures(stages, area):
    """The years in which the area has figures, at any stage, shown or hidden (a borough's new year is not London's;
    a year whose every count is small has figures too small to show, not none)."""
    cells, _ = protected_cells(stages)
    if id(cells) not in _years_by_area:
        by_area = {}
        for (_, year, place, _), cell in cells.items():
            if cell.count is not None or cell.symbol:
                by_area.setdefault(place, set()).add(year)
        _years_by_area.clear()  # one measure's at a time: pages ask for one measure after another
        _years_by_area[id(cells)] = (cells, by_area)
    return _years_by_area[id(cells)][1].get(area, set())


_years_by_area = {}  # id of the protected cells -> (those cells, kept so the id is not reused; years by area)


def completeness(stages):
    """Which years each area's figures are complete in, and what the others lack (evidence.completeness), from the
    stages' protected cells: worked out once per table, as the years by area are."""
    cells, periods = protected_cells(stages)
    if id(cells) not in _completeness:
        found = completeness_of(cells, periods)
        _completeness.clear()
        _completeness[id(cells)] = (cells, found)
    return _completeness[id(cells)][1]


def completeness_of(cells, periods):
    stage_names = dict(Stage.objects.values_list("pk", "name"))
    return evidence_completeness.measure(
        cells, Structure.current(), periods=periods, names=evidence_completeness.area_names(), stage_names=stage_names
    )


_completeness = {}  # as _years_by_area
