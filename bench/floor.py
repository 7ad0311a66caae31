"""
The engine's floor under a search page: the ranked query the search itself sends for its results,
taken from a page request as it runs (never a second copy of the SQL) and run again directly on a cursor.

A page request's statements are recorded with their parameters and their own time; the ranked ones are
those that compute a relevance rank (ts_rank on PostgreSQL, bm25 on SQLite) and order by it. Run directly, they
run inside the engine's own searching() context, so under the same planner settings and time limit as
on the page; only their execute and fetch are timed.
"""

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import engine

RANK = re.compile(r"\b(ts_rank|ts_rank_cd|bm25)\s*\(", re.IGNORECASE)  # computes a relevance rank
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
    process's caches."""
    client.get(path, params)
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


def ranked_statements(client, params):
    """The ranked statements of a search page: what the engine sends for its results, in order."""
    ranked = [statement for statement in page_statements(client, "/practice/", params) if statement.ranked]
    if not ranked:
        raise LookupError(f"no statement of the search page for {params} is ordered by a relevance rank")
    return ranked


def time_directly(statements):
    """Milliseconds to execute the statements and fetch their rows, on a cursor inside the engine's searching()."""
    with engine.backend().searching(), connection.cursor() as cursor:
        start = time.perf_counter()
        for statement in statements:
            cursor.execute(statement.sql, statement.params)
            cursor.fetchall()
        return (time.perf_counter() - start) * 1000
