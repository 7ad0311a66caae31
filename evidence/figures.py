"""
What a measure page, its charts, its downloads and the API show: rates and indices by ethnic
group for one area and period, at each stage, worked out from protected cells only.
"""

from dataclasses import dataclass, field

from evidence import splits
from evidence.cube import INCOMPLETE
from evidence.models import EthnicGroup, Measure, Stage, Symbol
from evidence.protection import protected_cells
from evidence.readings import HIDDEN, index_note, no_index_sentence
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
    def rate_text(self):
        if self.rate is not None:
            return f"{self.rate:.1f}"
        if self.count is None and self.status not in HIDDEN:
            return "no data" if self.status == "none" else "not available"
        return "too few to say"

    @property
    def interval_text(self):
        return f"{self.interval[0]:.1f} to {self.interval[1]:.1f}" if self.interval else ""

    @property
    def index_text(self):
        return self.index_cell(self.index, self.index_note)

    @property
    def index_value_text(self):
        return f"{self.index.value:.2f}" if self.index else ""

    @property
    def from_previous_text(self):
        return self.index_cell(self.from_previous, self.from_previous_note)

    def index_cell(self, index, note):
        """An index as a table cell: the comparison group's own is 1 (where it has figures), else why there is none."""
        if self.is_comparison:  # 1 only where it has a rate: a hidden one is too few to say, as every index is
            return "1 (comparison)" if self.rate is not None else self.rate_text
        return f"{index.value:.2f} ({index.interval_text()})" if index else note


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

    @property
    def denominator_source(self):
        return f"population: {self.denominator_name.lower()}" if self.denominator_name else "data file"

    @property
    def without_data(self):
        return [figure.group.short_name for figure in self.groups if figure.status == "none"]

    @property
    def has_rates(self):
        return any(figure.rate is not None for figure in self.groups)


def shown(cell):
    """(count, status) as it may be shown: a hidden cell with no count says why it has none (a part missing, the
    publisher's symbol), as that gives nothing away; every other hidden count, that it is hidden."""
    if cell is None:
        return None, "none"
    if cell.hidden:
        return None, cell.symbol if cell.count is None and cell.symbol else "small"
    return cell.count, cell.symbol


def population_stage(measure):
    slug = "all-residents" if measure.kind == Measure.Kind.WORKFORCE else "children"
    return Stage.objects.filter(measure__slug="population", slug=slug).first()


class Denominators:
    """Each group's population in an area for a year: the nearest year loaded at or before it, else the first."""

    def __init__(self, stage):
        self.stage = stage
        self.name = stage.name if stage else ""
        self.cells, periods = protected_cells([stage]) if stage else ({}, {})
        self.years = sorted(periods)

    def year_for(self, year):
        earlier = [loaded for loaded in self.years if loaded <= year]
        return earlier[-1] if earlier else (self.years[0] if self.years else None)

    def get(self, year, area, group_id):
        count, status = shown(self.cells.get((self.stage.pk if self.stage else 0, self.year_for(year), area, group_id)))
        return count if not status else None


def stage_figures(measure, stages, *, area, year, groups, comparison):
    """Figures for each stage, in order: rate per 1,000 of the group's population, the index against the
    comparison group (and against the stage before), and a sentence for each group."""
    if measure.kind == Measure.Kind.POPULATION:
        return population_figures(stages, area=area, year=year, groups=groups)
    cells, _ = protected_cells(stages)
    denominators = Denominators(population_stage(measure))
    used = splits.splits_used(cells, stages, year, area, groups)
    groups = splits.in_view(groups, used)
    own = own_denominators(cells, stages, year, area, groups)
    combined = combined_groups(used)
    result, previous = [], None
    for stage in stages:
        figures = [figure_for(cells, denominators, stage, year, area, group, own) for group in [None, *groups]]
        total, by_group = figures[0], figures[1:]
        by_group += [figure_for(cells, denominators, stage, year, area, group, own) for group in combined]
        reference = next((figure for figure in by_group if figure.group == comparison), None)
        for figure in by_group:
            figure.is_comparison = figure.group == comparison
            if figure.is_comparison and figure.rate is None:
                figure.reading = no_rate_to_compare(measure, figure)
            if reference and not figure.is_comparison:
                figure.index = relative_rate_index(
                    figure.count, figure.denominator, reference.count, reference.denominator
                )
                figure.reading = sentence(measure, stage, figure, reference)
                figure.index_note = index_note(figure, reference)
            if previous and reference:
                before = {item.group: item for item in previous.groups}
                figure.from_previous = relative_rate_index(
                    figure.count, before[figure.group].count, reference.count, before[reference.group].count
                )
                figure.from_previous_note = index_note(
                    figure, reference, (before[figure.group], before[reference.group])
                )
        stage_result = StageFigures(stage, by_group, total, previous.stage if previous else None)
        stage_result.summary = summary(by_group)
        stage_result.split_note = splits.note(used)
        stage_result.left_out_note = splits.left_out_note(splits.left_out(cells, stage, year, area, groups))
        stage_result.denominator_name = "" if own else denominators.name
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
        total = figure_for(cells, nobody, stage, year, area, None)
        by_group = []
        for group in groups:
            figure = figure_for(cells, nobody, stage, year, area, group)
            share = make_figure(group, figure.count, figure.status, total.count)
            share.interval = None  # a count of everyone, not a sample
            by_group.append(share)
        result.append(StageFigures(stage, by_group, total, denominator_name=stage.name, is_population=True))
    return result


def combined_groups(used):
    """The combined groups to show, when the figures' split is not the Census's: their counts are protected sums
    of the publisher's groups, their populations of the Census's."""
    if used == {splits.POPULATION_SPLIT}:
        return []
    return list(EthnicGroup.objects.filter(level=EthnicGroup.Level.COMBINED))


def own_denominators(cells, stages, year, area, groups):
    """Whether the view's rates are of the data file's own denominators: only when every group's count (shown
    or hidden) at every stage has one; else all are of the population, never a mix of the two."""
    counted = [
        cell
        for stage in stages
        for group in groups
        if (cell := cells.get((stage.pk, year, area, group.pk))) is not None and (cell.count is not None or cell.hidden)
    ]
    return bool(counted) and all(cell.denominator is not None for cell in counted)


def figure_for(cells, denominators, stage, year, area, group, own=False):
    group_id = group.pk if group else None
    cell = cells.get((stage.pk, year, area, group_id))
    count, status = shown(cell)
    if own:
        denominator = cell.denominator if cell and not cell.hidden else None
    else:
        denominator = denominators.get(year, area, group_id)
    return make_figure(group, count if not status else None, status, denominator)


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
    return reading(
        group=figure.group.short_name,
        comparison=reference.group.short_name,
        index=figure.index,
        verb=verb,
        counted=measure.what_is_counted,
    )


def no_rate_to_compare(measure, figure):
    """What a comparison group without a rate (hidden, no figures, no population) says instead of its index."""
    name = f"{figure.group.short_name} {measure.what_is_counted}"
    return f"There is no rate for {name} to compare with ({figure.rate_text}), so no group has an index."


def summary(figures):
    """The sentences worth leading with: clear differences, largest first."""
    clear = [figure for figure in figures if figure.index and figure.index.is_clear]
    return [figure.reading for figure in sorted(clear, key=lambda figure: -figure.index.value)[:3]]


def series(measure, stage, *, area, groups, stages=None, denominators=None):
    """Each group's figure in each year loaded, {group: [(year, figure)]}; and, for each year, whether its rates
    are of the data file's own denominators (else of the population loaded). `stages`: all the view's stages, whose
    protected table the page has read already (a slice of it for each stage would be made again and again), and
    `denominators` the population, read once for all of a page's trends."""
    cells, periods = protected_cells(stages or [stage])
    denominators = denominators or Denominators(population_stage(measure))
    own = {year: own_denominators(cells, [stage], year, area, groups) for year in periods}
    by_group = {
        group: [
            (year, figure_for(cells, denominators, stage, year, area, group, own[year])) for year in sorted(periods)
        ]
        for group in groups
    }
    return by_group, own


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
