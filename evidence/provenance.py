"""
Where a view's figures come from: the datasets with rows in its area, its periods and its stages, and in
the population its rates are of; nothing else (a borough's DfE file is not the source of another borough's
demo figures). Read from one small query per stage and data version (which datasets gave rows for each
year and borough), kept in this process as the protected tables are.
"""

from evidence.cube import ENGLAND, LONDON
from evidence.models import Dataset, Observation
from evidence.protection import data_version
from reference.models import LocalAuthority


def _index(version, stage_ids):
    """{stage id: {(year, area key): {dataset ids}}} for these stages, a borough's rows counting for its
    sub-region and London too (their figures are its figures added up)."""
    kept = _kept.setdefault(version, {})
    if len(_kept) > 1:  # older data versions can never be asked for again
        for old in [key for key in _kept if key != version]:
            del _kept[old]
    missing = [stage for stage in stage_ids if stage not in kept]
    if missing:
        sub_regions = dict(LocalAuthority.objects.values_list("pk", "sub_region_id"))
        for stage in missing:
            kept[stage] = {}
        rows = Observation.objects.filter(stage_id__in=missing)
        for stage, year, la, london, dataset in rows.values_list(
            "stage_id", "year", "local_authority_id", "london", "dataset_id"
        ).distinct():
            if la is None:
                places = [LONDON] if london else [ENGLAND]  # London's own figure, as its publisher published it
            else:
                places = [("la", la), ("sub-region", sub_regions.get(la)), LONDON]
            for place in places:
                kept[stage].setdefault((year, place), set()).add(dataset)
    return kept


def sources(area, slices):
    """The datasets behind a view of an area: `slices` are the (stage, year) pairs it shows there.
    Returns {"datasets": [...], "illustrative": whether any of them is generated}."""
    slices = [(stage, year) for stage, year in slices if stage is not None and year is not None]
    version = data_version()
    index = _index(version, sorted({stage.pk for stage, _ in slices}))
    ids = set()
    for stage, year in slices:
        ids |= index[stage.pk].get((year, area), set())
    datasets = list(Dataset.objects.filter(pk__in=ids).select_related("loaded_by")) if ids else []
    return {"datasets": datasets, "illustrative": any(dataset.is_illustrative for dataset in datasets)}


def by_year(area, stage):
    """{year: frozenset of dataset ids} behind a stage's rows for an area, year by year (the trend's sources)."""
    index = _index(data_version(), [stage.pk])[stage.pk]
    return {year: frozenset(ids) for (year, place), ids in index.items() if place == area}


_kept = {}  # data version -> {stage id: {(year, area key): dataset ids}}
