"""
Where a search page's time goes: `python -m bench.profile windrush` (or `python -m bench.run --profile windrush`),
against the database DATABASE_URL names, loaded as bench/run.py loads it.

Prints, for the search page of the text (in process, through the portal's middleware stack, with the request
log formatted and written as in service, to a null stream; the cache emptied before each request, as the bench's
page figures are: a search's answer and rendered results are kept until the next publication, the process's kept
cards and filter options only with --nothing-kept): the page's p50 beside its SQL statements' own
times (p50 of each, in order); the search alone and each template's rendering, timed in the same requests;
a short account of the parts of the page under cProfile (the search and its steps, the filters' lists,
template rendering, the request log) and of where the code that spends the time lives; and cProfile's top
functions by cumulative time over all the requests, then the project's own.
"""

import argparse
import cProfile
import io
import pstats
import re
import statistics
import sys
import time
from contextlib import contextmanager
from unittest.mock import patch

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.template.base import Template
from django.test import Client
from django.utils.http import urlencode

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
import portal.wsgi  # noqa: F401  (measured as a served process is: see freeze_after_first_request)
from bench import data, floor
from search.browse import BrowseRequest
from search.templatetags import search_results

bench.environment.request_log_unprinted()  # again: importing portal.wsgi set Django up afresh

VIEWS, BROWSE, CURSORS = "django/views/generic/base.py", "search/browse.py", "django/db/backends/utils.py"
POSTGRESQL, SQLITE = "search/postgresql.py", "search/sqlite.py"

# Parts of a page, each the cumulative time of the functions named (path ending, function) per request: of
# alternatives (one engine's or the other's, or an engine's method and the shared one it calls) the largest. A
# part whose functions were not called (or are renamed) is left out. Indented parts are within the one above.
PARTS = [
    ("the whole request, through the middleware stack", [("django/test/client.py", "request")]),
    ("  the view, making its context (the search is lazy: it runs from the template)", [(VIEWS, "view")]),
    ("  template rendering, the search inside it", [("django/template/response.py", "render")]),
    ("    the search (engine.run)", [("search/engine.py", "run")]),
    ("      words the index knows (SearchWord lookup)", [("search/engine.py", "_known_words")]),
    ("      the time-limit savepoint and settings", [(POSTGRESQL, "searching"), (SQLITE, "searching")]),
    ("      counts and the ranked page", [("search/backends.py", "search"), (POSTGRESQL, "search")]),
    ("        counts by facet", [(POSTGRESQL, "facet_counts"), (SQLITE, "facet_counts")]),
    ("        the ranked page", [(POSTGRESQL, "ranked_page"), (SQLITE, "ranked_page")]),
    ("      result cards", [("search/engine.py", "_cards")]),
    ("      snippets", [("search/snippets.py", "snippet")]),
    ("      did-you-mean suggestion", [("search/engine.py", "_suggestion")]),
    ("    the filters' option lists (less the search, if they were first to ask for it)", [(BROWSE, "facet_groups")]),
    ("    pagination", [(BROWSE, "pages")]),
    ("  the request log line", [("operations/logs.py", "log")]),
    ("every SQL statement's execute, all of the above (Django's cursor wrapper)", [(CURSORS, "execute")]),
]

# Where each function's own time (cProfile's tottime) goes, by where its code lives: the first area that matches.
# Helpers (Python's built-ins and standard library, django.utils, asgiref, other libraries) count for whoever
# called them, in proportion to the time each caller spent in them: hasattr() for the template engine, say.
AREAS = [
    (
        "waiting on the database (the driver's execute and fetch)",
        lambda path, name: path == "~" and DRIVER.search(name),
    ),
    ("Django's template engine and the project's template tags", "django/template/", "/templatetags/"),
    ("Django's database layer (ORM, cursor wrappers)", "django/db/"),
    (
        "middleware (Django's, whitenoise, csp, axes, sessions, auth, messages)",
        "django/middleware/",
        "/whitenoise/",
        "/csp/",
        "/axes/",
        "django/contrib/sessions/",
        "django/contrib/auth/",
        "django/contrib/messages/",
    ),
    ("the request log (logging, operations/logs.py)", "/logging/", "operations/logs.py"),
    (
        "request handling, URLs and the test client",
        "django/test/",
        "django/core/handlers/",
        "django/http/",
        "django/urls/",
    ),
    ("the search's own Python (search/)", lambda path, name: PROJECT.search(path) and "/search/" in path),
    ("the portal's other code (views, middleware, reference lists)", lambda path, name: PROJECT.search(path)),
]
HELPERS = "helpers nobody could be found to have called"
DRIVER = re.compile(r"psycopg|sqlite3")
PROJECT = re.compile(rf"^{re.escape(str(settings.BASE_DIR))}/(?!\.venv/)")  # the project's own files


def cumulative_ms(stats, functions, requests):
    """The cumulative time of these functions per request (ms), the largest of them, or None if none was called."""
    found = [
        value[3]
        for (path, _, name), value in stats.stats.items()
        if any(path.endswith(suffix) and name == function for suffix, function in functions)
    ]
    return max(found) * 1000 / requests if found else None


def home_of(path, name):
    """The area a function's code belongs to, or None for a helper."""
    for label, *where in AREAS:
        if any(test(path, name) if callable(test) else test in path for test in where):
            return label
    return None


def own_time_by_area(stats, requests):
    """{area: ms per request} of every function's own time, helpers' counted for their callers: they add up to
    the whole profile."""
    shares = {}

    def shares_of(function, seen=()):
        """{area: fraction} of a function's own time."""
        if function in shares:
            return shares[function]
        if (home := home_of(function[0], function[2])) is not None:
            return shares.setdefault(function, {home: 1.0})
        callers = {caller: value[2] or value[1] for caller, value in stats.stats[function][4].items()}
        total, result = sum(callers.values()), {}
        for caller, weight in callers.items():
            for area, fraction in ({HELPERS: 1.0} if caller in seen else shares_of(caller, (*seen, function))).items():
                result[area] = result.get(area, 0.0) + fraction * weight / total
        return shares.setdefault(function, result or {HELPERS: 1.0})

    areas = dict.fromkeys([label for label, *_ in AREAS] + [HELPERS], 0.0)
    for function, value in stats.stats.items():
        for area, fraction in shares_of(function).items():
            areas[area] += value[2] * fraction * 1000 / requests
    return areas


@contextmanager
def templates_timed():
    """{template name: ms} of each template rendered in the block, with the templates it includes (inclusive)."""
    rendered, render = {}, Template._render

    def timed_render(template, context):
        start = time.perf_counter()
        try:
            return render(template, context)
        finally:
            name = template.origin.template_name or str(template.origin)
            rendered[name] = rendered.get(name, 0.0) + (time.perf_counter() - start) * 1000

    with patch.object(Template, "_render", timed_render):
        yield rendered


def timed(function):
    start = time.perf_counter()
    function()
    return [(time.perf_counter() - start) * 1000]


def emptied(nothing_kept):
    """Empty the cache; with nothing_kept, the process's kept cards and filter options too: a process that has
    shown none of the page's entries yet."""
    cache.clear()
    if nothing_kept:
        search_results.cards.pieces.clear()
        search_results.options.pieces.clear()


def report(text, repeat=20, out=sys.stdout, nothing_kept=False):
    params = {"q": text}
    client = Client()
    for _ in range(3):
        client.get("/practice/", params)  # warm the process's caches, as a served process's first requests do
    page_times, statements, templates, search_times = [], [], [], []
    browse = BrowseRequest.from_query(QueryDict(urlencode(params)))
    # Each request with the shared cache emptied first, as page_statements() does: the page as first asked for since
    # the last publication (a search's answer and its rendered results are kept until the next), not a cache hit.
    for _ in range(repeat):  # the page (its statements and templates timed as it runs), then its search alone
        emptied(nothing_kept)
        with templates_timed() as rendered:
            ms, sent = floor.timed_page(client, "/practice/", params)
        page_times.append(ms)
        statements.append(sent)
        templates.append(rendered)
        emptied(nothing_kept)
        search_times += timed(browse.run)
    profiler = cProfile.Profile()
    for _ in range(repeat):
        emptied(nothing_kept)
        profiler.enable()
        client.get("/practice/", params)
        profiler.disable()

    page = statistics.median(page_times)
    print(f"\nThe search page for {text!r}: {connection.vendor}, p50 {page:.1f} ms over {repeat} requests", file=out)
    print("\nIts SQL statements, in order, each its p50 on the page (in the same requests)", file=out)
    print("(execute and fetch on PostgreSQL; to the first row on SQLite), ranked ones marked *:", file=out)
    total = 0.0
    alike = [run for run in statements if len(run) == len(statements[-1])]  # the same statements each time
    for number, each in enumerate(zip(*alike, strict=True), 1):
        ms = statistics.median(statement.ms for statement in each)
        total += ms
        mark = "*" if each[0].ranked else " "
        print(f"  {number:>2}.{mark}{ms:>6.1f} ms  {each[0].summary()}", file=out)
    print(f"  {'':>3}{total:>7.1f} ms  in all: {total / page:.0%} of the page's p50", file=out)
    search = statistics.median(search_times)
    print(f"\nThe search alone (BrowseRequest.run(), in turn with the page): p50 {search:.1f} ms", file=out)
    print(
        "Each template's rendering in the same requests, ms per page, with what it includes (the first to ask", file=out
    )
    print("for the search's results, or its facets, runs the lazy search inside it):", file=out)
    for name in sorted(templates[-1], key=lambda name: -statistics.median(run.get(name, 0) for run in templates)):
        ms = statistics.median(run.get(name, 0) for run in templates)
        print(f"  {name:<60}{ms:>7.1f}", file=out)

    stats = pstats.Stats(profiler)
    print("\nParts of the page, ms per request (cProfile's cumulative times: inflated by profiling)", file=out)
    search = cumulative_ms(stats, [("search/engine.py", "run")], repeat) or 0
    for label, functions in PARTS:
        ms = cumulative_ms(stats, functions, repeat)
        if ms is not None and label.strip().startswith("the filters' option lists") and ms > search:
            ms -= search  # the lazy search ran inside them: it has its own line
        if ms is not None:
            print(f"  {label:<84}{ms:>7.1f}", file=out)
    areas = own_time_by_area(stats, repeat)
    whole = sum(areas.values())
    database = AREAS[0][0]
    python = whole - areas[database]
    print(
        "\nThe same time by where the code that spends it lives (own time): ms per request profiled, its share,",
        file=out,
    )
    print(
        "and an estimate without the profiler: the database's is the statements' time above, the rest of the\n"
        "page's p50 is shared among the other areas as in the profile (profiling slows Python, not the database)",
        file=out,
    )
    for label, ms in sorted(areas.items(), key=lambda area: -area[1]):
        estimate = total if label == database else max(0.0, page - total) * ms / python
        print(f"  {label:<76}{ms:>7.1f}{ms / whole:>6.0%}{estimate:>8.1f}", file=out)
    print(f"  {'in all':<76}{whole:>7.1f}{'':>6}{max(page, total):>8.1f}", file=out)

    for title, restriction in (("all functions", ()), ("the project's own functions", (PROJECT.pattern,))):
        text_out = io.StringIO()
        pstats.Stats(profiler, stream=text_out).sort_stats("cumulative").print_stats(*restriction, 30)
        print(f"\ncProfile, {repeat} requests: top 30 of {title} by cumulative time", file=out)
        print(text_out.getvalue().split("\n", 2)[-1].rstrip(), file=out)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("text", nargs="?", default="windrush")
    parser.add_argument("--entries", type=int, default=100_000 if connection.vendor == "postgresql" else 10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--nothing-kept", action="store_true", help="empty the process's kept cards and filter options too, each time"
    )
    args = parser.parse_args()
    if loaded := data.prepare(args.entries):
        print(f"Loaded and indexed {loaded} entries", file=sys.stderr)
    report(args.text, repeat=args.repeat, nothing_kept=args.nothing_kept)


if __name__ == "__main__":
    main()
