"""
`make bench`: search and browse at scale, measured side by side in one run.

Loads N synthetic published entries (100,000 on PostgreSQL, 10,000 on SQLite by default),
then prints one table: the search page's server-side time (p50/p95) for a fixed set of
queries, the same searches done the naive way (icontains, as the Django admin does) and
the speed-up, SQL queries per page at 10 and 50 results a page, and the browse and
search pages' throughput under gunicorn as a share of a hello-world view's, measured
back to back. Figures are ratios because these machines are shared and noisy.
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
import portal.wsgi  # noqa: F401  (measured as a served process is: see freeze_after_first_request)
from bench import data, server
from publishing import exports
from search import engine
from submissions.models import Practice

QUERIES = [
    ("one word", "exclusion", {}),
    ("two words", "youth justice", {}),
    ("phrase", '"stop and search"', {}),
    ("rare word", "windrush", {}),
    ("common word", "children", {}),
    ("one word + sub-region", "exclusion", {"sub_region": "east-london"}),
    ("two words + theme", "youth justice", {"theme": "youth-justice"}),
    ("common word + LA + year", "children", {"local_authority": "hackney", "year": "2024"}),
]


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(times):
    return sorted(times)[max(0, round(0.95 * len(times)) - 1)]


def naive(text, filters):
    """OR of icontains over the same fields, each word required: what Django admin search does."""
    results = Practice.objects.published()
    for word in re.findall(r"\w+", text):
        results = results.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(impact__icontains=word)
            | Q(local_authority__name__icontains=word)
            | Q(themes__name__icontains=word)
            | Q(resources__title__icontains=word)
        )
    if "sub_region" in filters:
        results = results.filter(local_authority__sub_region__slug=filters["sub_region"])
    results = results.distinct().order_by("-published_at")
    return results.count(), list(results[:20])


def query_counts(client, detail_url):
    counts = {}
    for per_page in (10, 50):
        with override_settings(PORTAL_RESULTS_PER_PAGE=per_page):
            for name, url in [("browse", "/practice/"), ("search", "/practice/?q=exclusion"), ("detail", detail_url)]:
                client.get(url)  # warm the reference cache
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(url).status_code == 200
                statements = [query["sql"] for query in captured]
                queries = [sql for sql in statements if not TRANSACTION_CONTROL.match(sql)]
                counts[(name, per_page)] = (len(queries), len(statements))
    return counts


# BEGIN, COMMIT, savepoints and SET LOCAL: statements, but not queries of the data
TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET LOCAL)\b", re.IGNORECASE)


def throughput(paths, seconds):
    """Requests per second of each path under gunicorn (2 workers) and wrk, one after another."""
    if not shutil.which("wrk"):
        return None
    with server.gunicorn(workers=2) as base:
        rates = {}
        for name, path in paths:
            url = f"{base}{path}"
            subprocess.run(["wrk", "-t2", "-c8", "-d2s", url], capture_output=True)  # warm up
            out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", url], capture_output=True, text=True).stdout
            rates[name] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            rates[name + " errors"] = int(errors.group(1)) if errors else 0
        return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000 if connection.vendor == "postgresql" else 10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    args = parser.parse_args()

    started = time.perf_counter()
    if loaded := data.prepare(args.entries):
        print(f"Loaded and indexed {loaded} entries in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    client = Client()
    rows = []
    speedups = []
    for label, text, filters in QUERIES:
        params = {"q": text, **filters}
        client.get("/practice/", params)
        page_times = timed(lambda params=params: client.get("/practice/", params), args.repeat)
        browse = engine.run(text, _filters(filters))
        naive_times = timed(lambda text=text, filters=filters: naive(text, filters), 3)
        speedup = statistics.median(naive_times) / statistics.median(page_times)
        speedups.append(speedup)
        rows.append(
            (
                label,
                browse.total,
                statistics.median(page_times),
                p95(page_times),
                statistics.median(naive_times),
                speedup,
            )
        )

    total = engine.run().total
    last_page = max(1, -(-total // engine.per_page()))
    # Uncached, to see the real cost of deep pages (in service a browse page is cached until the next publication).
    first_times = timed(lambda: (cache.clear(), client.get("/practice/")), args.repeat)
    last_times = timed(lambda: (cache.clear(), client.get("/practice/", {"page": last_page})), args.repeat)
    detail_url = Practice.objects.published().order_by("pk").first().get_absolute_url()
    counts = query_counts(client, detail_url)
    rates = throughput(
        [
            ("hello", "/bench/hello/"),
            ("browse", "/practice/"),
            ("browse last page", f"/practice/?page={last_page}"),
            ("search", "/practice/?q=exclusion"),
            ("hello again", "/bench/hello/"),
        ],
        args.wrk_seconds,
    )
    report(connection.vendor, total, rows, speedups, first_times, last_times, counts, rates)
    report_exports(export_figures(min(10_000, total), min(1_000, total)))


def export_figures(csv_entries, file_entries):
    """Downloads of a browse page's entries: time, and for CSV the peak memory (Python allocations) at two
    sizes, to show it stays flat as the result set grows."""
    ids = engine.matching_ids(limit=csv_entries)

    def csv_bytes(some_ids):
        return sum(len(line.encode()) for line in exports.csv_lines(some_ids, True))

    figures = {}
    for label, some_ids in (("csv", ids), ("csv small", ids[: max(1, csv_entries // 10)])):
        start = time.perf_counter()
        size = csv_bytes(some_ids)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        csv_bytes(some_ids)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        figures[label] = (len(some_ids), seconds, size, peak)
    few = ids[:file_entries]
    for label, make in (
        ("xlsx", lambda: exports.xlsx_file(few, True)),
        (
            "docx",
            lambda: exports.practice_pack(Practice.objects.filter(pk__in=few), description="All", show_contacts=True),
        ),
    ):
        start = time.perf_counter()
        size = len(make())
        figures[label] = (len(few), time.perf_counter() - start, size, None)
    return figures


def report_exports(figures):
    print("\nDownloads of a browse page's entries (in process)")
    for label, (entries, seconds, size, peak) in figures.items():
        memory = f"  peak memory {peak / 2**20:.1f} MiB" if peak is not None else ""
        print(f"  {label:<10}{entries:>7,} entries {seconds:>7.2f} s {size / 2**20:>7.1f} MiB{memory}")
    ratio = figures["csv"][3] / figures["csv small"][3]
    growth = figures["csv"][0] / figures["csv small"][0]
    print(f"  CSV peak memory grows {ratio:.2f}x for {growth:.0f}x the entries (streamed, {exports.CHUNK} at a time)")


def _filters(filters):
    from django.http import QueryDict

    from search.browse import BrowseRequest

    query = QueryDict(mutable=True)
    for key, value in filters.items():
        query[key] = value
    return BrowseRequest.from_query(query).filters


def report(vendor, total, rows, speedups, first_times, last_times, counts, rates):
    print(f"\nSearch benchmark: {vendor}, {total:,} published entries (times in ms, server side, in process)\n")
    print(f"{'query':<28}{'matches':>9}{'% of all':>9}{'p50':>8}{'p95':>8}{'icontains':>11}{'speed-up':>10}")
    for label, matches, p50, p95_, naive_ms, speedup in rows:
        print(
            f"{label:<28}{matches:>9,}{matches / total:>9.1%}{p50:>8.1f}{p95_:>8.1f}{naive_ms:>11.0f}{speedup:>9.0f}x"
        )
    print(f"{'median speed-up over icontains':<60}{statistics.median(speedups):>13.0f}x")
    first, last = statistics.median(first_times), statistics.median(last_times)
    print(
        f"\nbrowse, uncached: first page p50 {first:.1f} ms; last page p50 {last:.1f} ms; last/first {last / first:.2f}"
    )
    print("\nSQL queries per page (and statements, with BEGIN, COMMIT and SET LOCAL)   10 a page   50 a page")
    for name in ("browse", "search", "detail"):
        (q10, s10), (q50, s50) = counts[(name, 10)], counts[(name, 50)]
        print(f"  {name:<20}{f'{q10} ({s10})':>10}{f'{q50} ({s50})':>12}")
    if rates is None:
        print("\nthroughput: wrk is not installed (apt-get install wrk)")
        return
    hello = (rates["hello"] + rates["hello again"]) / 2
    print(
        "\nThroughput under gunicorn (2 workers), wrk -t2 -c32, back to back (browse pages cached between publications)"
    )
    for name in ("hello", "browse", "browse last page", "search", "hello again"):
        share = "" if name.startswith("hello") else f"{rates[name] / hello:>8.1%} of hello-world"
        print(f"  {name:<20}{rates[name]:>9.0f} req/s  {share}  ({rates[name + ' errors']} errors)")


if __name__ == "__main__":
    main()
