"""Figures a file would load where figures are already loaded: the same stage, area (or England) and period; and the
illustrative figures of its measures, which real figures remove.

A view never mixes two datasets' counts for one stage, area and period (the groups would no longer add up to the
total, and the sources would be wrong), so such a file is refused unless the analyst chooses to replace them; then
every figure already loaded for each of those slices goes, whichever dataset it came from (docs/decisions/0011)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from evidence.models import Dataset, Measure, Observation, Stage
from evidence.readers.common import LONDON
from reference.models import LocalAuthority

SHOWN = 20  # slices listed on the preview and by the command; the rest are counted


@dataclass(frozen=True)
class Overlap:
    area: str
    period: str
    stage: str
    figures: int
    datasets: tuple

    @property
    def slice(self):
        return f"{self.area} {self.period}, {self.stage}"

    def __str__(self):
        sources = ", ".join(f"‘{title}’" for title in self.datasets)
        figures = f"{self.figures:,} figure{'' if self.figures == 1 else 's'}"
        return f"{self.slice}: {figures} already loaded from {sources}"


def existing(slices, *, besides=None, real=False):
    """The figures already loaded for these slices ((stage id, year, area id or None) -> period as the file
    gives it), one Overlap a slice, in the file's order of stages, periods and areas. For a `real` file, illustrative
    figures are not among them: its load removes them whatever the analyst chooses (`remove_illustrative`)."""
    if not slices:
        return []
    rows = Observation.objects.filter(
        stage_id__in={stage for stage, _, _ in slices}, year__in={year for _, year, _ in slices}
    )
    if besides is not None:
        rows = rows.exclude(dataset_id=besides)
    if real:
        rows = rows.exclude(
            dataset_id__in=list(Dataset.objects.filter(is_illustrative=True).values_list("pk", flat=True))
        )
    found = defaultdict(dict)  # slice -> dataset id -> figures
    counted = rows.values_list("stage_id", "year", "local_authority_id", "london", "dataset_id")
    for stage, year, la_id, london, dataset_id, figures in counted.annotate(figures=Count("pk")).order_by():
        la_id = LONDON if london else la_id
        if (stage, year, la_id) in slices:
            found[(stage, year, la_id)][dataset_id] = figures
    if not found:
        return []
    titles = dict(
        Dataset.objects.filter(pk__in={pk for each in found.values() for pk in each}).values_list("pk", "title")
    )
    areas = dict(LocalAuthority.objects.values_list("pk", "name")) | {LONDON: "London"}
    stages = {stage.pk: str(stage) for stage in Stage.objects.select_related("measure")}
    return [
        Overlap(
            areas.get(key[2], "England"),
            slices[key],
            stages[key[0]],
            sum(by_dataset.values()),
            tuple(titles[pk] for pk in sorted(by_dataset)),
        )
        for key, by_dataset in sorted(
            found.items(), key=lambda item: (item[0][0], item[0][1], areas.get(item[0][2], ""))
        )
    ]


def replace(slices, dataset):
    """Delete every figure of other datasets in these slices; each dataset that lost figures is marked as replaced by
    `dataset`, with its row count and measures brought up to date (one that lost all keeps its provenance)."""
    by_stage_year = defaultdict(set)
    for stage, year, la_id in slices:
        by_stage_year[(stage, year)].add(la_id)
    touched = set()
    for (stage, year), areas in by_stage_year.items():
        rows = Observation.objects.filter(stage_id=stage, year=year).exclude(dataset=dataset)
        in_slices = rows.filter(local_authority_id__in=areas - {None, LONDON})
        if None in areas:
            in_slices = in_slices | rows.filter(local_authority=None, london=False)
        if LONDON in areas:
            in_slices = in_slices | rows.filter(london=True)
        touched |= set(in_slices.values_list("dataset_id", flat=True).distinct())
        in_slices.delete()
    brought_up_to_date(touched, dataset)


@dataclass(frozen=True)
class Illustrative:
    """A measure's illustrative figures, which real figures for it remove (the preview and the load say so)."""

    measure: str
    figures: int
    datasets: tuple

    def __str__(self):
        sources = ", ".join(f"‘{title}’" for title in self.datasets)
        return (
            f"{self.measure}: all {self.figures:,} illustrative figure{'' if self.figures == 1 else 's'} from {sources}"
        )


def illustrative_rows(stage_ids):
    """The illustrative figures of every stage of the measures these stages are of: filtered by ids alone, as a delete
    joined to its datasets and stages is planned badly by PostgreSQL on a freshly loaded table (minutes for 20,000)."""
    measures = Stage.objects.filter(pk__in=stage_ids).values_list("measure_id", flat=True)
    stages = list(Stage.objects.filter(measure__in=list(measures)).values_list("pk", flat=True))
    datasets = list(Dataset.objects.filter(is_illustrative=True).values_list("pk", flat=True))
    return Observation.objects.filter(dataset_id__in=datasets, stage_id__in=stages)


def illustrative(stage_ids):
    """What a real file with figures for these stages would remove: each of their measures' illustrative figures,
    all stages, areas and periods (a view never shows the demo's suspensions beside a real file's exclusions)."""
    if not stage_ids:
        return []
    found = defaultdict(dict)  # measure id -> dataset id -> figures
    measures = dict(Stage.objects.values_list("pk", "measure_id"))
    counted = illustrative_rows(stage_ids).values_list("stage_id", "dataset_id").annotate(n=Count("pk"))
    for stage, dataset, figures in counted.order_by():
        by_dataset = found[measures[stage]]
        by_dataset[dataset] = by_dataset.get(dataset, 0) + figures
    if not found:
        return []
    titles = dict(Dataset.objects.filter(is_illustrative=True).values_list("pk", "title"))
    named = Measure.objects.filter(pk__in=found).order_by("position", "name").values_list("pk", "name")
    return [
        Illustrative(name, sum(found[pk].values()), tuple(sorted(titles[dataset] for dataset in found[pk])))
        for pk, name in named
    ]


def remove_illustrative(stage_ids, dataset):
    """Delete the illustrative figures `illustrative` lists, marking their datasets as replaced by `dataset`."""
    removed = illustrative(stage_ids)
    if removed:
        rows = illustrative_rows(stage_ids)
        touched = set(rows.values_list("dataset_id", flat=True).distinct())
        rows.delete()
        brought_up_to_date(touched, dataset)
    return removed


def brought_up_to_date(touched, dataset):
    for old in Dataset.objects.filter(pk__in=touched):
        old.row_count = old.observations.count()
        old.replaced_by = dataset
        old.save(update_fields=["row_count", "replaced_by"])
        old.measures.set(Measure.objects.filter(stages__observations__dataset=old).distinct())


def replaced(overlaps):
    """What a load replaced, in a sentence ("" if nothing)."""
    if not overlaps:
        return ""
    figures = sum(overlap.figures for overlap in overlaps)
    slices = "; ".join(overlap.slice for overlap in overlaps[:SHOWN])
    more = f" and {len(overlaps) - SHOWN:,} more" if len(overlaps) > SHOWN else ""
    return f"Replaced {figures:,} figure{'' if figures == 1 else 's'} already loaded: {slices}{more}."


def illustrative_removed(removed):
    """What a load removed of the illustrative figures, in a sentence ("" if nothing)."""
    if not removed:
        return ""
    return f"Removed the illustrative figures real ones replace: {'; '.join(str(item) for item in removed)}."
