"""
What loading a file would do to the pages, for its preview: the sub-regions and London it leaves incomplete (which
boroughs or groups are missing), and the period each area it touches will open on. Worked out from whether figures
are there, before and after, as the load would leave them: its slices replacing what is loaded for them, and a real
file's measures without their illustrative figures (docs/decisions/0011).
"""

from dataclasses import dataclass

from evidence import completeness
from evidence.cube import ENGLAND, LONDON, Cell, Structure, complete, raw_cells
from evidence.models import Measure, Observation, RatesOf, Stage
from evidence.readers.common import LONDON as LONDON_ROWS
from reference.models import LocalAuthority


@dataclass(frozen=True)
class Opens:
    """The period an area's page for a measure will open on after the load, and on before it."""

    area: str
    measure: str
    period: str
    before: str = ""  # "" where it had no figures
    newest: str = ""  # the newest period with figures, where it is not the one opened on (it is incomplete)

    def __str__(self):
        change = ", as now" if self.before == self.period else (f" (now {self.before})" if self.before else "")
        why = f": {self.newest} is incomplete" if self.newest else ""
        return f"{self.area} will open on {self.period}{change}{why} ({self.measure})"


@dataclass(frozen=True)
class Rateless:
    """A measure whose figures in some boroughs lose their population: the load leaves them no rate."""

    measure: str
    boroughs: tuple  # names

    def __str__(self):
        """'Youth justice in 29 boroughs will have no rates: Barking and Dagenham, Barnet, Bexley and 26 more'."""
        many = len(self.boroughs)
        more = many - completeness.NAMES_SHOWN
        names = ", ".join(self.boroughs[: completeness.NAMES_SHOWN]) + (f" and {more:,} more" if more > 0 else "")
        return f"{self.measure} in {many:,} borough{'' if many == 1 else 's'} will have no rates: {names}"


def without_population(report):
    """The measures whose counts in some boroughs would be left with no population to divide them by: a population
    file for some boroughs replaces the demo's illustrative population for all, so the boroughs it does not cover
    lose theirs (docs/decisions/0011)."""
    stages = Stage.objects.filter(pk__in=report.stage_ids, measure__slug="population")
    result = []
    for stage in stages:
        having = Observation.objects.filter(stage=stage, local_authority__isnull=False)
        before = set(having.values_list("local_authority_id", flat=True).distinct())
        kept = set(having.filter(dataset__is_illustrative=False).values_list("local_authority_id", flat=True))
        lost = before - kept - {la_id for stage_id, _, la_id in report.slices if stage_id == stage.pk}
        if not lost:
            continue
        kind = Measure.Kind.WORKFORCE
        measures = Measure.objects.exclude(slug="population")
        measures = measures.filter(kind=kind) if stage.slug == "all-residents" else measures.exclude(kind=kind)
        counts = Observation.objects.filter(
            stage__measure__in=measures,
            dataset__rates_of=RatesOf.POPULATION,
            local_authority__in=lost,
            count__isnull=False,
        )
        found = {}
        for measure, la_id in counts.values_list("stage__measure_id", "local_authority_id").distinct().order_by():
            found.setdefault(measure, set()).add(la_id)
        names = dict(LocalAuthority.objects.filter(pk__in=lost).values_list("pk", "name"))
        for measure in Measure.objects.filter(pk__in=found).order_by("position", "name"):
            result.append(Rateless(measure.name, tuple(sorted(names[la_id] for la_id in found[measure.pk]))))
    return result


def foresee(report):
    """Fill in the report's `incomplete`, `defaults` and `rateless`: what the load would leave, against what is
    loaded now."""
    report.rateless = without_population(report)
    stages = list(Stage.objects.filter(measure__stages__in=report.stage_ids).distinct().select_related("measure"))
    by_measure = {}
    for stage in stages:
        by_measure.setdefault(stage.measure, []).append(stage.pk)
    structure, names = Structure.current(), completeness.area_names()
    stage_names = {stage.pk: stage.name for stage in stages}
    areas = touched(report, structure)
    for measure, stage_ids in by_measure.items():
        before_cells, periods = raw_cells(stage_ids)
        after_cells = after_load(before_cells, report)
        periods = {**periods, **{year: period for (_, year, _), period in report.slices.items()}}
        before = completeness.measure(
            complete(before_cells, structure), structure, periods=periods, names=names, stage_names=stage_names
        )
        after = completeness.measure(
            complete(after_cells, structure), structure, periods=periods, names=names, stage_names=stage_names
        )
        report.incomplete += new_gaps(before, after, report, areas, stage_ids)
        report.defaults += opening(before, after, areas, names, periods, measure)


def after_load(cells, report):
    """The cells as the load would leave them (whether each figure is there, not its count): the file's slices in
    place of what is loaded for them, and no illustrative figures beside real ones."""
    after = {
        key: cell
        for key, cell in cells.items()
        if cell.illustrative is False and (key[0], key[1], row_place(key[2])) not in report.slices
    }
    bits = [(group, 1 << index) for group, index in report.group_bits.items()]
    for (stage, year, la_id), met in report.seen.items():
        counted = report.counted.get((stage, year, la_id), 0)
        for group, bit in bits:
            if met & bit:
                area = LONDON if la_id == LONDON_ROWS else ("la", la_id) if la_id else ENGLAND
                cell = Cell(1, "") if counted & bit else Cell(None, "c")
                cell.as_published = "its publisher" if area == LONDON else ""
                after[(stage, year, area, group)] = cell
    return after


def row_place(area):
    """An area key of the cells as a load's report keys the file's rows: a borough's id, LONDON_ROWS, None (England)."""
    return area[1] if area[0] == "la" else LONDON_ROWS if area == LONDON else None


def touched(report, structure):
    """The areas whose figures the file changes: its boroughs, their sub-regions, London; England if it has it."""
    boroughs = {("la", la_id) for la_id in report.authorities if la_id and la_id != LONDON_ROWS}
    sub_regions = [whole for whole, parts in structure.areas.items() if boroughs & set(parts)]
    return [
        *([LONDON] if boroughs or LONDON_ROWS in report.authorities else []),
        *sub_regions,
        *sorted(boroughs),
        *([ENGLAND] if None in report.authorities else []),
    ]


def new_gaps(before, after, report, areas, stage_ids):
    """Gaps of sub-regions and London after the load, in the file's periods, that were not there before."""
    years = {year for stage, year, _ in report.slices if stage in stage_ids}
    found = []
    for area in areas:
        if area != LONDON and area[0] != "sub-region":
            continue
        for year in sorted(years):
            was = {(gap.stage, gap.missing_key) for gap in before.missing(area, year)}
            found += [gap for gap in after.missing(area, year) if (gap.stage, gap.missing_key) not in was]
    return found


def opening(before, after, areas, names, periods, measure):
    result = []
    for area in areas:
        year = after.default_year(area)
        if year is None:
            continue
        was = before.default_year(area)
        newest = max(after.years.get(area, {year}))
        result.append(
            Opens(
                names.get(area, ""),
                measure.name,
                periods.get(year, str(year)),
                periods.get(was, "") if was is not None else "",
                periods.get(newest, "") if newest != year else "",
            )
        )
    return result
