"""
Protected tables kept in the database (KeptTable), one per measure (all its stages), keyed by the threshold, the
measure and its data version, and built after a load (never while a visitor waits: see protection.build_all).
Pages read the measure's newest table: the one for its data as it is now once built, until then the one before.
Rows are compressed JSON, not pickle: the database never holds code to run.
"""

import json
import zlib

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q

from evidence.cube import Cell
from evidence.models import Dataset, KeptTable

# Part of every key: a table kept in another format (before cells knew what their rates are of, or London's figure as
# its publisher published it) is never read, and build_all builds its measure again.
FORMAT = 4


def encode(cells, periods):
    rows = [
        [
            stage,
            year,
            area[0],
            area[1],
            group,
            cell.count,
            cell.symbol,
            cell.denominator,
            cell.hidden,
            cell.basis,
            cell.illustrative,
            cell.as_published,
            cell.boroughs_sum,
        ]
        for (stage, year, area, group), cell in cells.items()
    ]
    return zlib.compress(json.dumps({"cells": rows, "periods": list(periods.items())}).encode(), 1)


def decode(blob):
    data = json.loads(zlib.decompress(bytes(blob)))
    cells = {}
    for stage, year, kind, place, group, *values in data["cells"]:
        count, symbol, denominator, hidden, basis, illustrative, as_published, summed = values
        cells[(stage, year, (kind, place), group)] = Cell(
            count, symbol, denominator, hidden, basis, illustrative, as_published=as_published, boroughs_sum=summed
        )
    return cells, {year: period for year, period in data["periods"]}


def version(measure_id):
    """The measure's data version: changes when a dataset with figures for it is loaded or deleted (no other
    measure's), or marked illustrative or not in the admin (cells know it); None when it has none."""
    found = Dataset.objects.filter(measures=measure_id).aggregate(
        last=Max("pk"), at=Max("loaded_at"), n=Count("pk"), illustrative=Count("pk", filter=Q(is_illustrative=True))
    )
    if not found["n"]:
        return None
    return f"{found['last']}-{found['at'].timestamp()}-{found['n']}-{found['illustrative']}"


def prefix(measure_id, threshold):
    return f"{threshold}|{measure_id}|{FORMAT}@"


def current_key(measure_id, threshold):
    """The key of the measure's table for its data as it is now (built or not), or None when it has no data."""
    found = version(measure_id)
    return None if found is None else prefix(measure_id, threshold) + found


def newest(measure_id, threshold):
    """The key of the table pages read: the current one if built, else the last one built; None without data."""
    current = current_key(measure_id, threshold)
    if current is None:
        return None
    keys = KeptTable.objects.filter(key__startswith=prefix(measure_id, threshold)).order_by("-made_at", "-pk")
    keys = list(keys.values_list("key", flat=True))
    return current if current in keys else next(iter(keys), None)


def fetch(key):
    """(cells, periods) kept under this key, or None."""
    blob = KeptTable.objects.filter(key=key).values_list("cells", flat=True).first()
    return decode(blob) if blob is not None else None


def only(made, stage_ids):
    """The cells and periods of these stages of a measure's table (the trend, the population's children)."""
    cells, periods = made
    if all(key[0] in stage_ids for key in cells):
        return made
    cells = {key: cell for key, cell in cells.items() if key[0] in stage_ids}
    years = {key[1] for key in cells}
    return cells, {year: period for year, period in periods.items() if year in years}


@transaction.atomic
def keep(key, made, current):
    """Keep a measure's table under its key, and drop the older ones of the measure (never the `current` one, which a
    build running beside this one may have kept while this one was built)."""
    try:
        with transaction.atomic():
            KeptTable.objects.create(key=key, cells=encode(*made))
    except IntegrityError:  # another process kept the same table first
        pass
    measure_prefix = key.split("@", 1)[0] + "@"
    KeptTable.objects.filter(key__startswith=measure_prefix).exclude(key__in=[key, current]).delete()


def drop_others(prefixes, before):
    """Drop tables kept before `before` that no measure with data reads (its data deleted, another threshold)."""
    stale = KeptTable.objects.filter(made_at__lt=before)
    for measure_prefix in prefixes:
        stale = stale.exclude(key__startswith=measure_prefix)
    stale.delete()


def last_built():
    return KeptTable.objects.aggregate(at=Max("made_at"))["at"]
