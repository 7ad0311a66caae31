"""The SQLite engine: an FTS5 table with the porter stemmer and bm25."""

import time
from contextlib import contextmanager
from itertools import islice

from django.conf import settings
from django.db import connection

from reference import cached
from search.backends import BaseBackend
from search.models import SearchWord
from submissions.models import Practice


class SQLiteBackend(BaseBackend):
    contains = "instr"
    stemmer = "porter"  # FTS5's porter tokenizer's (search/snippets.py)
    WEIGHTS = "10.0, 10.0, 4.0, 1.0, 4.0"  # title, themes, summary, body, context

    @contextmanager
    def searching(self):
        """SQLite has no statement timeout: a progress handler, called every 10,000 steps of its virtual
        machine, interrupts a statement once past the time limit from its start (an OperationalError,
        "interrupted"), as PostgreSQL's statement_timeout does."""
        limit = settings.PORTAL_SEARCH_TIMEOUT_MS / 1000
        deadline = time.monotonic() + limit

        def each_statement(execute, sql, params, many, context):
            nonlocal deadline
            deadline = time.monotonic() + limit
            return execute(sql, params, many, context)

        connection.ensure_connection()
        connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            with connection.execute_wrapper(each_statement):
                yield
        finally:
            connection.connection.set_progress_handler(None, 0)

    def timed_out(self, error):
        return str(error) == "interrupted"

    def facet_counts(self, condition):
        """[(local authority, year, count)] and [(tag, count)] for the matching entries, in one pass."""
        lists = cached.lists()
        tags = [f"t{pk}" for pk in lists["theme"]] + [f"c{pk}" for pk in lists["category"]]
        # One pass over the matching rows, returning a row per local authority and year: counting each tag
        # with a string test on these narrow rows is cheaper than grouping by tag combination and
        # splitting them up in Python.
        sums = ", COUNT(*) FILTER (WHERE instr(e.tags, %s) > 0)" * len(tags)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.local_authority_id, e.year, COUNT(*){sums} FROM submissions_searchentry e "
                f"WHERE {condition.sql} GROUP BY e.local_authority_id, e.year",
                [*(f",{tag}," for tag in tags), *condition.params],
            )
            rows = cursor.fetchall()
        totals = [sum(row[3 + i] for row in rows) for i in range(len(tags))]
        return [row[:3] for row in rows], [(tag, total) for tag, total in zip(tags, totals, strict=True) if total]

    def fts_query(self, parsed, expansions):
        """An FTS5 expression in which every term is a quoted string, so nothing typed is FTS5 syntax."""

        def quoted(text):
            return '"' + text.replace('"', '""') + '"'

        groups = [
            "(" + " OR ".join(quoted(t) for term in group for t in [term.text, *expansions.get(term.text, [])]) + ")"
            for group in parsed.groups
        ]
        expression = " AND ".join(groups)
        for term in parsed.excluded:
            expression = f"{expression} NOT {quoted(term.text)}" if expression else None
        return expression

    def match(self, parsed, expansions):
        expression = self.fts_query(parsed, expansions)
        if expression:
            return "e.practice_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [expression]
        # Only exclusions: everything but them, as PostgreSQL does.
        excluded = " OR ".join('"' + term.text.replace('"', '""') + '"' for term in parsed.excluded)
        return "e.practice_id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [excluded]

    def ranked_page(self, condition, offset, limit):
        expression = self.fts_query(condition.parsed, condition.expansions)
        if not expression:
            return BaseBackend.page(self, condition, "newest", offset, limit)
        filters = f"AND {condition.filter_sql}" if condition.filter_sql else ""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT e.practice_id, e.tags FROM search_fts f "
                "JOIN submissions_searchentry e ON e.practice_id = f.rowid "
                f"WHERE search_fts MATCH %s {filters} "
                f"ORDER BY bm25(search_fts, {self.WEIGHTS}), e.published_at DESC LIMIT %s OFFSET %s",
                [expression, *condition.filter_params, limit, offset],
            )
            return cursor.fetchall()

    def write(self, pk, document):
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_fts (rowid, title, themes, summary, body, context) VALUES (%s, %s, %s, %s, %s, %s)",
                [pk, document["title"], document["themes"], document["summary"], document["body"], document["context"]],
            )

    def delete(self, pk):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [pk])

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def purge(self):
        # FTS5 only marks deleted rows in its index until segments merge; 'optimize' merges them now.
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")

    def bulk_index(self, index_new):
        """Five hundred entries at a time, with the engine's own index_new(), which index() shares its rows with."""
        published = (
            Practice.objects.published().exclude(published_at=None).select_related("local_authority__sub_region")
        )
        rows = published.prefetch_related("themes", "categories", "resources").iterator(chunk_size=500)
        count = 0
        while chunk := list(islice(rows, 500)):
            index_new(chunk)
            count += len(chunk)
        return count

    def recount_words(self):
        pass  # index() counted each entry's words as it went

    def finds(self, word):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s)",
                ['"' + word.replace('"', '""') + '"'],
            )
            return bool(cursor.fetchone()[0])

    def similar_word(self, word):
        """pg_trgm's similarity, in Python, over words of about the same length and first letter."""
        candidates = SearchWord.objects.filter(
            word__startswith=word[0], word__regex=rf"^.{{{max(1, len(word) - 2)},{len(word) + 2}}}$"
        ).values_list("word", "entries")
        scored = [(trigram_similarity(word, candidate), entries, candidate) for candidate, entries in candidates]
        best = max(scored, default=None, key=lambda s: (s[0], s[1]))
        return best[2] if best and best[0] >= 0.3 else None


def trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a, b):
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0
