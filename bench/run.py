"""
`make bench`: search and browse at scale, measured side by side in one run.

Loads N synthetic published entries (100,000 on PostgreSQL, 10,000 on SQLite by default),
then prints one table: the search page's server-side time (p50/p95) for a fixed set of
queries beside the engine's floor (the count and ranked query the search sends for its results, run
directly on a cursor, timed in turn with the page: bench/floor.py), the same searches done
the naive way (icontains, as the Django admin does) and the speed-up, SQL queries per page
at 10 and 50 results a page, and the browse and search pages' throughput under gunicorn as
a share of a hello-world view's through the portal's middleware stack, with the same view on
a bare Django (no middleware) to give the stack's own cost, measured back to back. Last, issue
31's goals as a table (bench/goals.py). Figures are ratios because these machines are shared
and noisy.

--verbose lists the search page's SQL statements; --profile TEXT profiles that search's page
instead (bench/profile.py).
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
from django.test.utils import override_settings

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
import portal.wsgi  # noqa: F401  (measured as a served process is: see freeze_after_first_request)
from bench import data, floor, goals, server
from publishing import exports
from search import engine
from submissions.models import Practice

bench.environment.request_log_unprinted()  # again: importing portal.wsgi set Django up afresh

QUERIES = data.QUERIES


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def timed_scan(function, repeat=3, long_ms=1_000):
    """As timed(), but one run is enough for a scan that takes over a second: at 100,000 entries an icontains
    search takes 20 s or more, and three of each made most of the benchmark's time."""
    times = []
    while len(times) < repeat and not (times and times[-1] > long_ms):
        times += timed(function, 1)
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
    """{(page, per page): (queries of the data, statements)}, and the search page's statements at 10 a page."""
    counts, listed = {}, {}
    for per_page in (10, 50):
        with override_settings(PORTAL_RESULTS_PER_PAGE=per_page):
            for name, url in [("browse", "/practice/"), ("search", "/practice/?q=exclusion"), ("detail", detail_url)]:
                statements = floor.page_statements(client, url)
                queries = [statement for statement in statements if not statement.transaction_control]
                counts[(name, per_page)] = (len(queries), len(statements))
                listed[(name, per_page)] = statements
    return counts, listed[("search", 10)]


def throughput(paths, seconds):
    """Requests per second of each path under gunicorn (2 workers each) and wrk, one after another: paths
    are (name, server, path), the server "stack" (the portal's settings) or "bare" (bench.bare_settings)."""
    if not shutil.which("wrk"):
        return None
    with server.gunicorn(workers=2) as stack, server.gunicorn(workers=2, settings="bench.bare_settings") as bare:
        bases = {"stack": stack, "bare": bare}
        rates = {}
        for name, which, path in paths:
            url = f"{bases[which]}{path}"
            subprocess.run(["wrk", "-t2", "-c8", "-d2s", url], capture_output=True)  # warm up
            out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", url], capture_output=True, text=True).stdout
            rates[name] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            rates[name + " errors"] = int(errors.group(1)) if errors else 0
        return rates


THROUGHPUT = [  # stack and bare hello-world at the start and the end, the pages between
    ("hello", "stack", "/bench/hello/"),
    ("bare hello", "bare", "/bench/hello/"),
    ("browse", "stack", "/practice/"),
    ("browse last page", "stack", None),  # /practice/?page=(the last)
    ("search", "stack", "/practice/?q=exclusion"),
    ("hello again", "stack", "/bench/hello/"),
    ("bare hello again", "bare", "/bench/hello/"),
]


def search_times(client, params, repeat):
    """The page's times and its floor's, taken in turn so that the machine's noise falls on both alike: the page
    first asked for since the last publication (the shared cache emptied before it), then asked again (its answer
    from the cache, as a search repeated by anyone is), then the floor."""
    statements = floor.engine_statements(client, params)
    floor.time_directly(statements)
    page_times, repeat_times, floor_times = [], [], []
    for _ in range(repeat):
        page_times += timed(lambda: (cache.clear(), client.get("/practice/", params)), 1)
        repeat_times += timed(lambda: client.get("/practice/", params), 1)
        floor_times.append(floor.time_directly(statements))
    return page_times, repeat_times, floor_times


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000 if connection.vendor == "postgresql" else 10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--verbose", action="store_true", help="list the search page's SQL statements")
    parser.add_argument("--profile", metavar="TEXT", help="profile the search page for TEXT instead (cProfile, SQL)")
    args = parser.parse_args()

    started = time.perf_counter()
    if loaded := data.prepare(args.entries):
        print(f"Loaded and indexed {loaded} entries in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.profile is not None:
        from bench import profile

        profile.report(args.profile, repeat=args.repeat)
        return

    client = Client()
    rows = []
    for label, text, filters in QUERIES:
        params = {"q": text, **filters}
        page_times, repeat_times, floor_times = search_times(client, params, args.repeat)
        browse = engine.run(text, _filters(filters))
        naive_times = timed_scan(lambda text=text, filters=filters: naive(text, filters))
        rows.append(Row(label, browse.total, page_times, floor_times, statistics.median(naive_times), repeat_times))

    total = engine.run().total
    last_page = max(1, -(-total // engine.per_page()))
    # Uncached, to see the real cost of deep pages (in service a browse page is cached until the next publication).
    first_times = timed(lambda: (cache.clear(), client.get("/practice/")), args.repeat)
    last_times = timed(lambda: (cache.clear(), client.get("/practice/", {"page": last_page})), args.repeat)
    detail_url = Practice.objects.published().order_by("pk").first().get_absolute_url()
    counts, search_statements = query_counts(client, detail_url)
    paths = [(name, which, path or f"/practice/?page={last_page}") for name, which, path in THROUGHPUT]
    rates = throughput(paths, args.wrk_seconds)
    report(connection.vendor, total, rows, first_times, last_times, counts, rates)
    if args.verbose:
        report_statements(search_statements)
    report_exports(export_figures(min(10_000, total), min(1_000, total)))
    print(f"\nIssue 31's goals ({connection.vendor}, {total:,} entries, this run)\n")
    print(goals.table(goals.goals(figures(rows, first_times, last_times, counts, rates))))
    print(f"\n(bench.run took {time.perf_counter() - started:.0f} s)", file=sys.stderr)


class Row:
    """One bench query's figures: the page's times and its floor's (ms), and the icontains search's p50."""

    def __init__(self, label, matches, page_times, floor_times, naive_ms, repeat_times=()):
        self.label, self.matches, self.naive_ms = label, matches, naive_ms
        self.repeat_p50 = statistics.median(repeat_times) if repeat_times else None
        self.p50, self.p95 = statistics.median(page_times), p95(page_times)
        self.floor_p50, self.floor_p95 = statistics.median(floor_times), p95(floor_times)

    @property
    def over_floor(self):
        return self.p50 - self.floor_p50

    @property
    def p95_multiple(self):
        return self.p95 / self.floor_p95

    @property
    def speedup(self):
        return self.naive_ms / self.p50


def figures(rows, first_times, last_times, counts, rates):
    by_label = {row.label: row for row in rows}
    hello = None if rates is None else (rates["hello"] + rates["hello again"]) / 2
    bare = None if rates is None else (rates["bare hello"] + rates["bare hello again"]) / 2
    return goals.Figures(
        speedup=statistics.median(row.speedup for row in rows),
        rare_word_over_floor_ms=by_label["rare word"].over_floor,
        p95_multiples={label: by_label[label].p95_multiple for label in ("one word", "two words", "phrase")},
        all_match_p95_multiple=by_label["common word"].p95_multiple,
        last_over_first=statistics.median(last_times) / statistics.median(first_times),
        statements_per_search=counts[("search", 10)][1],
        search_share=None if rates is None else rates["search"] / hello,
        browse_share=None if rates is None else rates["browse"] / hello,
        stack_cost=None if rates is None else bare / hello,
    )


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


def report(vendor, total, rows, first_times, last_times, counts, rates):
    print(f"\nSearch benchmark: {vendor}, {total:,} published entries (times in ms, server side, in process)")
    print(
        "page: first asked for since the last publication (the cache emptied before each); repeated: asked again,\n"
        "answered from the cache. floor: the engine's own queries for the same search (its count of the matches by\n"
        "facet and its ranked page, as the page sends them), run directly in turn\n"
    )
    print(
        f"{'':<26}{'':>8}{'':>7}{'page':>14}{'floor':>14}{'page - floor':>14}{'page/floor':>11}"
        f"{'':>11}{'speed-up over':>15}{'repeated':>10}"
    )
    print(
        f"{'query':<26}{'matches':>8}{'% all':>7}{'p50':>7}{'p95':>7}{'p50':>7}{'p95':>7}{'p50':>14}{'p95':>11}"
        f"{'icontains':>11}{'icontains':>15}{'p50':>10}"
    )
    for row in rows:
        print(
            f"{row.label:<26}{row.matches:>8,}{row.matches / total:>7.1%}{row.p50:>7.1f}{row.p95:>7.1f}"
            f"{row.floor_p50:>7.1f}{row.floor_p95:>7.1f}{row.over_floor:>+14.1f}{row.p95_multiple:>10.2f}x"
            f"{row.naive_ms:>11.0f}{row.speedup:>14.0f}x{row.repeat_p50 or 0:>10.1f}"
        )
    print(f"{'median speed-up over icontains':<115}{statistics.median(row.speedup for row in rows):>7.0f}x")
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
    bare = (rates["bare hello"] + rates["bare hello again"]) / 2
    print(
        "\nThroughput under gunicorn (2 workers), wrk -t2 -c32, back to back"
        " (browse pages cached between publications);"
        "\nshares are of the hello-world through the portal's middleware stack (mean of its two runs)"
    )
    for name, _, _ in THROUGHPUT:
        if name.startswith("bare"):
            share = "  hello-world on a bare Django (no middleware)"
        elif name.startswith("hello"):
            share = "  hello-world through the portal's middleware stack"
        else:
            share = f"{rates[name] / hello:>8.1%} of the stack's hello-world"
        print(f"  {name:<20}{rates[name]:>9.0f} req/s  {share}  ({rates[name + ' errors']} errors)")
    print(f"  the middleware stack's cost: bare hello / stack hello {bare / hello:.2f}x")


def report_statements(statements):
    """The search page's statements (10 a page), in order, with their time on the page: what --verbose adds."""
    print(f"\nThe search page's {len(statements)} SQL statements (/practice/?q=exclusion, 10 a page), in order:")
    for number, statement in enumerate(statements, 1):
        print(f"  {number:>2}. {statement.ms:>6.1f} ms  {statement.summary()}")


if __name__ == "__main__":
    main()
