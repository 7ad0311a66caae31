"""
The engine's floor under a search page: the queries the search itself sends to find its results (the count of
the matches by facet and the ranked page of them), taken from a page request as it runs (never a second copy of
the SQL) and run again directly on a cursor. Whatever the page adds (the words' lookup, the cards and snippets,
Python and templates) is above the floor.

A page request's statements are recorded with their parameters and their own time; the engine's are those that
compute a relevance rank (ts_rank on PostgreSQL, bm25 on SQLite) and order by it, and those that count the
matching search entries by local authority and year (on a phrase, one statement does both). Run directly, they
run inside the engine's own searching() context, so under the same planner settings and time limit as
on the page; only their execute and fetch are timed.
"""

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import engine

RANK = re.compile(r"\b(ts_rank|ts_rank_cd|bm25)\s*\(", re.IGNORECASE)  # computes a relevance rank
COUNT = re.compile(r"\bCOUNT\(\*\).*\bFROM\b.*\bsubmissions_searchentry\b.*\bGROUP BY\b", re.IGNORECASE | re.DOTALL)
# BEGIN, COMMIT, savepoints and SET LOCAL: statements, but not queries of the data
TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET LOCAL)\b", re.IGNORECASE)


@dataclass
class Statement:
    sql: str
    params: object
    ms: float  # its time on the page: to its first row on SQLite, with every row on PostgreSQL

    @property
    def ranked(self):
        return bool(RANK.search(self.sql)) and "ORDER BY" in self.sql.upper()

    @property
    def counts(self):
        return bool(COUNT.search(self.sql))

    @property
    def engines(self):
        """The engine's own work for the words: ranking the matches, or counting them."""
        return self.ranked or self.counts

    @property
    def transaction_control(self):
        return bool(TRANSACTION_CONTROL.match(self.sql))

    def summary(self, width=110):
        """The statement on one line, shortened: for --verbose and the profile."""
        line = " ".join(self.sql.split())
        return line if len(line) <= width else line[: width - 1] + "…"


@contextmanager
def recorded():
    """The statements run inside the block, in order, with their parameters and time (a list, filled as they run).
    BEGIN and COMMIT that Django sends through the connection rather than a cursor are recorded as such."""
    statements = []

    def record(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(Statement(sql, params, (time.perf_counter() - start) * 1000))

    with connection.execute_wrapper(record):
        yield statements


def page_statements(client, path, params=None):
    """Every statement a page sends, as CaptureQueriesContext counts them (with the BEGIN, COMMIT and ROLLBACK
    Django sends through the connection rather than a cursor), from a request after a first one has warmed the
    process's own copies (the reference lists), with the shared cache emptied: the page as it is first asked for
    since the last publication, not an answer the cache keeps."""
    client.get(path, params)
    cache.clear()
    return timed_page(client, path, params)[1]


def timed_page(client, path, params=None):
    """A request's time (ms) and its statements, as page_statements()."""
    with CaptureQueriesContext(connection) as captured, recorded() as statements:
        start = time.perf_counter()
        assert client.get(path, params).status_code == 200
        ms = (time.perf_counter() - start) * 1000
    through_cursors = iter(statements)
    return ms, [
        Statement(query["sql"], None, float(query["time"]) * 1000)
        if query["sql"] in CONNECTION_CONTROL
        else next(through_cursors)
        for query in captured
    ]


CONNECTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK"}  # as Django's debug_transaction() logs them


def engine_statements(client, params):
    """The statements of a search page that count and rank its matches: what the engine must do, in order."""
    statements = page_statements(client, "/practice/", params)
    if not any(statement.ranked for statement in statements):
        raise LookupError(f"no statement of the search page for {params} is ordered by a relevance rank")
    return [statement for statement in statements if statement.engines]


def time_directly(statements):
    """Milliseconds to execute the statements and fetch their rows, on a cursor inside the engine's searching()."""
    with engine.backend().searching(), connection.cursor() as cursor:
        start = time.perf_counter()
        for statement in statements:
            cursor.execute(statement.sql, statement.params)
            cursor.fetchall()
        return (time.perf_counter() - start) * 1000
