"""
Protected tables kept in the database (KeptTable), built by the scheduled job (build_evidence_tables)
soon after a load, or by the first page that needs one: a process that has not built a measure's tables
reads them here in a fraction of a second instead of building them (seconds for a big load). Rows are
compressed JSON, not pickle: the database never holds code to run.
"""

import json
import zlib

from django.db import IntegrityError, transaction

from evidence.cube import Cell
from evidence.models import KeptTable


def encode(cells, periods):
    rows = [
        [stage, year, area[0], area[1], group, cell.count, cell.symbol, cell.denominator, cell.hidden]
        for (stage, year, area, group), cell in cells.items()
    ]
    return zlib.compress(json.dumps({"cells": rows, "periods": list(periods.items())}).encode(), 1)


def decode(blob):
    data = json.loads(zlib.decompress(bytes(blob)))
    cells = {
        (stage, year, (kind, place), group): Cell(count, symbol, denominator, hidden)
        for stage, year, kind, place, group, count, symbol, denominator, hidden in data["cells"]
    }
    return cells, {year: period for year, period in data["periods"]}


def fetch(key):
    """(cells, periods) kept under this key, or None."""
    blob = KeptTable.objects.filter(key=key).values_list("cells", flat=True).first()
    return decode(blob) if blob is not None else None


def exists(key):
    return KeptTable.objects.filter(key=key).exists()


def keep(key, made, version):
    """Keep a table under its key; tables of other data versions are dropped (they can never be asked for)."""
    KeptTable.objects.exclude(key__startswith=f"{version}|").delete()
    try:
        with transaction.atomic():
            KeptTable.objects.create(key=key, cells=encode(*made))
    except IntegrityError:  # another process kept the same table first
        pass
