"""
What the two search engines behind search/engine.py share: PostgreSQL full-text search
(postgresql.py) and SQLite FTS5 (sqlite.py) each turn a parsed query and filters into SQL over
the search entry table; nothing outside engine.py calls them.
"""

from dataclasses import dataclass
from datetime import UTC

from django.db import connection
from django.utils import timezone

from search import query as web_query
from search.snippets import snippet

WORD_MIN = 3
QUERY_CANCELED = "57014"  # PostgreSQL's code for a statement cancelled by statement_timeout


@dataclass
class Condition:
    """Which published entries a request asks for: the text match and the filters, as SQL."""

    parsed: web_query.ParsedQuery
    expansions: dict
    match_sql: str
    match_params: list
    filter_sql: str
    filter_params: list

    @property
    def sql(self):
        return " AND ".join(part for part in (self.match_sql, self.filter_sql) if part) or "1 = 1"

    @property
    def params(self):
        return [*self.match_params, *self.filter_params]

    @property
    def words(self):
        """Each word searched for, alone or in a phrase, but for those too common to mark ("and", "the")."""
        terms = [term for group in self.parsed.groups for term in group]
        return [word for term in terms for word in term.text.split() if word not in web_query.STOPWORDS]

    @property
    def snippet_words(self):
        """The words a snippet marks: those searched for and the other forms of them searched for too."""
        return [*self.words, *(word for family in self.expansions.values() for word in family)]


class BaseBackend:
    """SQL shared by both engines: filters and pages of the narrow search entry table."""

    contains = None  # the database's function for "where in this string is that one" (0: nowhere)
    stemmer = None  # the engine's stemmer, as snowballstemmer names it: snippets mark the words it finds

    def searching(self):
        """A context for a search's statements, stopped after PORTAL_SEARCH_TIMEOUT_MS."""
        raise NotImplementedError

    def timed_out(self, error):
        """Whether a database error is a statement stopped by searching()'s time limit."""
        raise NotImplementedError

    def purge(self):
        """Drop what the engine keeps of removed text beyond its rows (after erasing a person)."""

    def condition(self, parsed, expansions, filters):
        match_sql, match_params = self.match(parsed, expansions) if parsed else ("", [])
        filter_sql, filter_params = self.filter_sql(filters, with_text=bool(parsed))
        return Condition(parsed, expansions, match_sql, match_params, filter_sql, filter_params)

    def filter_sql(self, filters, with_text):
        clauses, params = [], []
        for column, objects in (
            ("e.sub_region_id", filters.sub_regions),
            ("e.local_authority_id", filters.local_authorities),
            ("e.year", filters.years),
            ("e.call_id", filters.calls),
        ):
            if objects:
                clauses.append(f"{column} IN ({', '.join(['%s'] * len(objects))})")
                params += [getattr(o, "pk", o) for o in objects]
        for prefix, objects in (("t", filters.themes), ("c", filters.categories)):
            if objects:
                sql, tag_params = self.tagged([f"{prefix}{o.pk}" for o in objects], with_text)
                clauses.append(sql)
                params += tag_params
        return " AND ".join(clauses), params

    def tagged(self, tags, with_text):
        """SQL and parameters for "the entry has any of these tags" ("t3" for theme 3, "c2" for category 2)."""
        clauses = [f"{self.contains}(e.tags, %s) > 0"] * len(tags)
        return "(" + " OR ".join(clauses) + ")", [f",{tag}," for tag in tags]

    ORDER = {"newest": "e.published_at DESC, e.practice_id", "title": "e.title, e.practice_id"}
    # The same orders backwards, for reading a page past the middle from the end.
    REVERSED = {"newest": "e.published_at, e.practice_id DESC", "title": "e.title DESC, e.practice_id DESC"}

    def search(self, condition, sort, offset, limit):
        """Facet counts (as facet_counts) and one page (as page) of the entries a search matches."""
        return self.facet_counts(condition), self.page(condition, sort, offset, limit)

    def page(self, condition, sort, offset, limit, total=None):
        """
        (id, tags) of one page of the matching entries. Given how many match, a page past the middle of a
        sort is read from the end, in the order reversed, then turned round: OFFSET reads every row it skips,
        so the last page then skips as few as the first does instead of all the others.
        """
        if sort == "relevance" and condition.parsed:
            return self.ranked_page(condition, offset, limit)
        order, backwards = self.ORDER[sort], False
        if total is not None:
            end = min(offset + limit, total)
            if offset >= end:
                return []
            if total - end < offset:
                order, backwards = self.REVERSED[sort], True
                offset, limit = total - end, end - offset
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.practice_id, e.tags FROM submissions_searchentry e WHERE {condition.sql} "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [*condition.params, limit, offset],
            )
            rows = cursor.fetchall()
        return rows[::-1] if backwards else rows

    def cards(self, ids, condition):
        """What each entry's result card shows, and its snippet, made in Python by the engine's stemmer
        (search/snippets.py): the engines' own highlighters cost more than the search. One plain statement: the
        ORM's query for the same twenty rows cost twice the database's time again (0.55 ms)."""
        words = condition.snippet_words
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, title, summary, published_at, local_authority_id, description, impact"
                f" FROM submissions_practice WHERE id IN ({', '.join(['%s'] * len(ids))})",
                ids,
            )
            texts = cursor.fetchall()
        return {
            pk: (
                title,
                summary,
                aware(published_at),
                authority,
                snippet(summary, f"{description}\n{impact}", words, self.stemmer),
            )
            for pk, title, summary, published_at, authority, description, impact in texts
        }


def aware(moment):
    """A time read by a plain statement, in UTC: SQLite's driver gives it without its time zone."""
    return moment if moment is None or timezone.is_aware(moment) else timezone.make_aware(moment, UTC)
