"""
`make bench`, evidence, on the database in DATABASE_URL. Prints one table:

- loading a long CSV of 100,000 rows (33 boroughs × 19 groups × 10 years × 16 stages) through the
  real loader: time, and the peak memory Python allocated while loading it beside loading a tenth of
  its rows for the same stages, periods and boroughs (flat memory: the two peaks are about the same);
- building the protected tables every page reads (build_evidence_tables, which run_scheduled runs soon
  after a load): one table per measure, beside the eleven tables built before (each measure's stages,
  its first stage again, each population stage again) timed in the same run; then, after a load of
  a few rows for one measure, a visitor's first page before that measure's table is rebuilt (it reads
  the last one built), and rebuilding only that measure beside rebuilding every one (as before);
- the first measure page after it in a process that built nothing (it reads the tables kept), then
  p50 and p95 over several areas, granularities and measures, as readers get it (the rendered
  figures kept for five minutes) and rendered afresh each time, beside the accessibility
  statement (a plain page) measured in the same run.
"""

import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
from evidence import demo, protection
from evidence.cube import Structure, complete, raw_cells
from evidence.loading import Options, load_dataset
from evidence.models import Dataset, KeptTable, Measure

YEARS = [f"{year}/{(year + 1) % 100:02d}" for year in range(2014, 2024)]
PAGES = [
    "/evidence/measures/childrens-social-care/?area=hackney",
    "/evidence/measures/childrens-social-care/?area=london",
    "/evidence/measures/childrens-social-care/?area=east-london&level=high&comparison=white",
    "/evidence/measures/youth-justice/?area=newham&comparison=black-african",
    "/evidence/measures/exclusions/?area=london&period=2018",
]
RUNS = 30
EXCLUSIONS = "/evidence/measures/exclusions/?area=london"


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8") as file:
        file.write("la_code,period,measure,stage,ethnic_group,count,denominator\n")
        file.writelines(",".join(map(str, row)) + ",\n" for row in rows)
    return len(rows)


def load(path):
    with open(path, "rb") as binary:
        return load_dataset(binary, Options(source="long"), provenance={"title": "bench", "publisher": "bench"})


def peak_memory(path):
    """Peak Python allocation (MB) while loading the file, the dataset then removed. With DEBUG off, as in
    production: while it is on, Django keeps the SQL of every query (the last 9,000), which is most of the peak."""
    with override_settings(DEBUG=False), transaction.atomic():
        tracemalloc.start()
        dataset = load(path)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        dataset.delete()
    return peak


def timed(work):
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def eleven_tables():
    """The build as it was before one table per measure: each measure's stages together, then its first stage
    alone and each population stage alone again (eleven tables for the demo's five measures), none kept."""
    for measure in Measure.objects.with_data().prefetch_related("stages"):
        stages = list(measure.stages.all())
        singles = stages if measure.kind == Measure.Kind.POPULATION else stages[:1]
        for group in [stages, *([stage] for stage in singles)]:
            cells, _ = raw_cells([stage.pk for stage in group])
            structure = Structure.current()
            protection.protect(complete(cells, structure), structure, protection.small_number())


def load_csv(path, rows):
    write_csv(path, rows)
    load(path)


def timed_pages(client, urls, runs, fresh=False):
    """p50 and p95 in ms; fresh: the rendered figures are dropped before each request (tables stay built)."""
    times = []
    for _ in range(runs):
        for url in urls:
            if fresh:
                cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    Dataset.objects.all().delete()
    folder = Path(tempfile.mkdtemp())
    rows = list(demo.rows(random.Random(2021), years=YEARS))
    full = write_csv(folder / "full.csv", rows)
    # A tenth of the rows over the same stages, periods and boroughs (two of the 19 groups): what the loader keeps
    # grows with those (the totals it checks), never with the rows, so the two peaks should be about the same.
    two_groups = sorted({row[4] for row in rows})[:2]
    tenth = write_csv(folder / "tenth.csv", [row for row in rows if row[4] in two_groups])
    small_peak = peak_memory(folder / "tenth.csv")
    full_peak = peak_memory(folder / "full.csv")
    started = time.perf_counter()
    load(folder / "full.csv")
    load_seconds = time.perf_counter() - started
    KeptTable.objects.all().delete()
    protection._made.clear()
    eleven_seconds = timed(eleven_tables)
    build_seconds = timed(protection.build_all)
    load_csv(folder / "few.csv", [(*row[:1], "2024/25", *row[2:]) for row in rows if row[2] == "exclusions"][:20])
    Client().get("/accessibility/")  # the process's first request imports the URLs and views: not the figures' cost
    protection._made.clear()  # a process that has read nothing yet: the page reads the last table built
    waiting_ms = timed(lambda: Client().get(EXCLUSIONS)) * 1000
    touched_seconds = timed(protection.build_all)

    client = Client()
    protection._made.clear()  # as in another process, which built nothing itself
    started = time.perf_counter()
    client.get(PAGES[0])
    first = (time.perf_counter() - started) * 1000
    for url in PAGES:
        client.get(url)  # each measure's protected tables, built once
    baseline = timed_pages(client, ["/accessibility/"], RUNS)
    p50, p95 = timed_pages(client, PAGES, RUNS)
    fresh = timed_pages(client, PAGES, RUNS, fresh=True)

    print(f"\nEvidence benchmark: {connection.vendor}\n")
    print(f"  load {full:,} rows (long CSV): {load_seconds:.1f} s")
    print(
        f"  then building every measure's protected tables (the scheduled job): {build_seconds:.1f} s, one per"
        f" measure; {eleven_seconds:.1f} s for the eleven built before ({build_seconds / eleven_seconds:.2f}×)"
    )
    print(
        f"  after loading 20 rows for one measure: {touched_seconds:.1f} s rebuilding that measure only, against"
        f" {build_seconds:.1f} s for every one as before ({touched_seconds / build_seconds:.2f}×); a visitor's first"
        f" page before it is rebuilt, in a process that had read nothing: {waiting_ms:.0f} ms (it reads the last table"
        f" built: it used to build that measure's, {touched_seconds:.1f} s)"
    )
    print(
        f"  peak Python memory while loading: {full_peak:.1f} MB for {full:,} rows, {small_peak:.1f} MB for {tenth:,}"
    )
    print(f"  measure page, first request after the load, in a process that built nothing: {first:.0f} ms")
    print(f"  measure page over {len(PAGES)} views × {RUNS}: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(f"  the same, its figures rendered afresh each time: p50 {fresh[0]:.0f} ms, p95 {fresh[1]:.0f} ms")
    print(f"  accessibility statement (plain page), same run: p50 {baseline[0]:.0f} ms, p95 {baseline[1]:.0f} ms")


if __name__ == "__main__":
    main()
