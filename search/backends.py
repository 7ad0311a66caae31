"""
The two search engines behind submissions/search.py: PostgreSQL full-text search and SQLite
FTS5. Each turns a parsed query and filters into SQL over the search entry table; nothing
outside search.py calls them.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from submissions import query as web_query
from submissions import reference
from submissions.models import Practice, SearchWord
from submissions.snippets import MARK_END, MARK_START, snippet

WORD_MIN = 3
QUERY_CANCELED = "57014"  # PostgreSQL's code for a statement cancelled by statement_timeout
# Snippets are made from this much of the text around the first match, never from the whole text:
# highlighting a phrase costs time and memory in proportion to the text it is given.
EXCERPT_BEFORE, EXCERPT_LENGTH = 1_000, 4_000


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


class BaseBackend:
    """SQL shared by both engines: filters and pages of the narrow search entry table."""

    contains = None  # the database's function for "where in this string is that one" (0: nowhere)

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

    def search(self, condition, sort, offset, limit):
        """Facet counts (as facet_counts) and one page (as page) of the entries a search matches."""
        return self.facet_counts(condition), self.page(condition, sort, offset, limit)

    def page(self, condition, sort, offset, limit):
        """(id, tags) of one page of the matching entries."""
        if sort == "relevance" and condition.parsed:
            return self.ranked_page(condition, offset, limit)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.practice_id, e.tags FROM submissions_searchentry e WHERE {condition.sql} "
                f"ORDER BY {self.ORDER[sort]} LIMIT %s OFFSET %s",
                [*condition.params, limit, offset],
            )
            return cursor.fetchall()


class PostgreSQLBackend(BaseBackend):
    contains = "strpos"

    def tagged(self, tags, with_text):
        """
        With search text, the tags are lexemes of the search vector (migration 0015), so the one GIN
        index scan answers for the words and the tags together. Without, a string test of the tags
        column: cheap on entries read in date or title order, where testing lexemes would read each
        entry's out-of-line vector (2 s for page 2,000 of a category by title, instead of 0.3 s).
        """
        if with_text:
            return "e.search_vector @@ %s::tsquery", [" | ".join(f"'#{tag}'" for tag in tags)]
        return super().tagged(tags, with_text)

    @contextmanager
    def searching(self):
        """Keep the planner on the GIN index even for common words. Its alternative, a sequential
        scan, reads and decompresses every entry's whole vector: 10x slower at 100,000 entries.
        A statement past the time limit is cancelled (QueryCanceled, an OperationalError)."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(settings.PORTAL_SEARCH_TIMEOUT_MS)])
            yield

    def timed_out(self, error):
        return getattr(error.__cause__, "pgcode", None) == QUERY_CANCELED

    HEADLINE = (
        f'StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MinWords=8, MaxWords=22, FragmentDelimiter=" … "'
    )

    SUMMARY_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"

    def tsquery(self, parsed, expansions, phrases=True):
        """
        tsquery SQL built from websearch_to_tsquery pieces: each term parsed safely, combined exactly.
        With phrases=False, a looser query that every entry the exact one finds also matches: each phrase
        becomes all of its words, and phrases left out are not left out.
        """
        parts, params = [], []
        for group in parsed.groups:
            alternatives = []
            for term in group:
                for text in [term.text, *([] if term.phrase else expansions.get(term.text, []))]:
                    alternatives.append("websearch_to_tsquery('english', %s)")
                    params.append(f'"{text}"' if term.phrase and phrases else text)
            parts.append(f"({' || '.join(alternatives)})")
        for term in parsed.excluded:
            if term.phrase and not phrases:
                continue
            parts.append("!!websearch_to_tsquery('english', %s)")
            params.append(f'"{term.text}"' if term.phrase else term.text)
        return " && ".join(parts), params

    def match(self, parsed, expansions):
        """
        The GIN index holds no word positions, so it checks a phrase against the whole vector of every
        entry with the phrase's words: vectors stored out of line, slow to read. Instead the index finds
        the entries with the words (which it answers alone), and the phrase is looked for first in the
        short ranking vector of the title, themes and summary, which begins the whole vector and holds
        most phrase matches; only where it is not found there is the whole vector read.
        """
        exact, params = self.tsquery(parsed, expansions)
        if not parsed.has_phrase:
            return f"e.search_vector @@ ({exact})", params
        check = f"e.search_vector @@ ({exact})"
        if parsed.groups and not any(term.phrase for term in parsed.excluded):
            wanted, wanted_params = self.tsquery(web_query.ParsedQuery(groups=parsed.groups), expansions)
            check, params = f"(e.rank_vector @@ ({wanted}) OR {check})", [*wanted_params, *params]
        loose, loose_params = self.tsquery(parsed, expansions, phrases=False)
        if not loose:
            return check, params
        return f"e.search_vector @@ ({loose}) AND {check}", [*loose_params, *params]

    # Counts by local authority and year, and every theme and category at once from the generated
    # tally columns (see migration 0014): one sum each instead of a string test per tag per row.
    COUNTS = (
        "SELECT local_authority_id, year, COUNT(*), SUM(theme_tally), SUM(category_tally) FROM {rows} GROUP BY 1, 2"
    )

    def facet_counts(self, condition):
        with connection.cursor() as cursor:
            rows = f"submissions_searchentry e WHERE {condition.sql}"
            cursor.execute(self.COUNTS.format(rows=rows), condition.params)
            return untallied(cursor.fetchall())

    def search(self, condition, sort, offset, limit):
        """
        A phrase is checked against each matching entry's word positions, stored out of line: too slow
        to do twice, so its counts and page come from one pass over the matching rows. Otherwise as
        two queries, which PostgreSQL can run in parallel: faster for words in many entries.
        """
        if not condition.parsed.has_phrase:
            return super().search(condition, sort, offset, limit)
        if sort == "relevance":
            tsquery, tsparams = self.tsquery(condition.parsed, condition.expansions)
            rank, order = f"ts_rank(e.rank_vector, ({tsquery}))", "rank DESC, published_at DESC, practice_id"
        else:
            tsparams, rank, order = [], "0", self.ORDER[sort].replace("e.", "")
        counts = self.COUNTS.format(rows="matches")
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH matches AS MATERIALIZED ("
                f"  SELECT e.practice_id, e.local_authority_id, e.year, e.theme_tally, e.category_tally, e.tags,"
                f"         e.published_at, {'e.title' if sort == 'title' else 'NULL'} AS title, {rank} AS rank"
                f"    FROM submissions_searchentry e WHERE {condition.sql}) "
                f"SELECT *, NULL, NULL, NULL FROM ({counts}) counts UNION ALL "
                f"SELECT NULL, NULL, NULL, NULL, NULL, practice_id, tags, ROW_NUMBER() OVER (ORDER BY {order}) "
                f"  FROM (SELECT * FROM matches ORDER BY {order} LIMIT %s OFFSET %s) page "
                "ORDER BY 8 NULLS FIRST",
                [*tsparams, *condition.params, limit, offset],
            )
            rows = cursor.fetchall()
        return untallied([row[:5] for row in rows if row[7] is None]), [row[5:7] for row in rows if row[7]]

    def ranked_page(self, condition, offset, limit):
        tsquery, tsparams = self.tsquery(condition.parsed, condition.expansions)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.practice_id, e.tags FROM submissions_searchentry e WHERE {condition.sql} "
                f"ORDER BY ts_rank(e.rank_vector, ({tsquery})) DESC, e.published_at DESC, e.practice_id "
                "LIMIT %s OFFSET %s",
                [*condition.params, *tsparams, limit, offset],
            )
            return cursor.fetchall()

    def snippets(self, ids, condition):
        """The summary, highlighted, where it matches (as it mostly does, and cheaply: it is short); else
        the best fragments of an excerpt of the description and impact: the few thousand characters from
        just before the first place a searched word's stem appears (or the start, if none is found)."""
        tsquery, tsparams = self.tsquery(condition.parsed, condition.expansions)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, CASE WHEN to_tsvector('english', summary) @@ ({tsquery})"
                f" THEN ts_headline('english', summary, ({tsquery}), %s)"
                f" ELSE ts_headline('english', substr(body, greatest(1, coalesce(("
                "   SELECT min(nullif(strpos(lower(body), (ts_lexize('english_stem', word))[1]), 0))"
                f"   FROM unnest(%s::text[]) word), 1) - %s), %s), ({tsquery}), %s) END "
                "FROM (SELECT id, summary, description || ' ' || impact AS body"
                "        FROM submissions_practice WHERE id = ANY(%s)) entry",
                [*tsparams, *tsparams, self.SUMMARY_HEADLINE, condition.words, EXCERPT_BEFORE, EXCERPT_LENGTH]
                + [*tsparams, self.HEADLINE, ids],
            )
            by_id = dict(cursor.fetchall())
        return [by_id.get(pk) for pk in ids]

    def write(self, pk, document):
        # The ranking vector is the first part of the whole one (as in BULK_INDEX_POSTGRESQL): match() relies on it.
        vector = (
            "setweight(to_tsvector('english', %(title)s), 'A') || setweight(to_tsvector('english', %(themes)s), 'A')"
            " || setweight(to_tsvector('english', %(summary)s), 'B')"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE submissions_searchentry SET rank_vector = {vector}, search_vector = {vector}"
                " || setweight(to_tsvector('english', %(context)s), 'B')"
                " || setweight(to_tsvector('english', %(body)s), 'C') || searchentry_tag_lexemes(tags)"
                " WHERE practice_id = %(pk)s",
                {**document, "pk": pk},
            )

    def delete(self, pk):
        pass  # the vectors live on the search entry row, which index() and remove() delete

    def clear(self):
        pass

    def bulk_index(self):
        """Every published entry in one statement: what index() does, row by row, in SQL."""
        with connection.cursor() as cursor:
            cursor.execute(BULK_INDEX_POSTGRESQL, [Practice.Status.PUBLISHED])
            return cursor.rowcount

    def recount_words(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO submissions_searchword (word, entries) "
                "SELECT left(w, 60), COUNT(*) FROM submissions_searchentry e, regexp_split_to_table(e.words, ' ') w "
                "WHERE w <> '' GROUP BY left(w, 60)"
            )

    def finds(self, word):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM submissions_searchentry e"
                " WHERE e.search_vector @@ websearch_to_tsquery('english', %s))",
                [word],
            )
            return cursor.fetchone()[0]

    def similar_word(self, word):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM submissions_searchword WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC, entries DESC, word LIMIT 1",
                [word, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None


TALLY_BITS = 24  # each tag's count in a tally sum: see migration 0014


def untallied(rows):
    """(local authority, year, count, theme tally, category tally) rows as facet_counts returns them."""
    tags = []
    for prefix, column in (("t", 3), ("c", 4)):
        total, pk = sum(int(row[column] or 0) for row in rows), 1
        while total:
            if count := total & ((1 << TALLY_BITS) - 1):
                tags.append((f"{prefix}{pk}", count))
            total, pk = total >> TALLY_BITS, pk + 1
    return [tuple(row[:3]) for row in rows], tags


BULK_INDEX_POSTGRESQL = f"""
    INSERT INTO submissions_searchentry (practice_id, local_authority_id, sub_region_id, call_id, published_at, year,
                                         title, tags, words, rank_vector, search_vector)
    SELECT p.id, p.local_authority_id, la.sub_region_id, p.call_id, p.published_at,
           EXTRACT(YEAR FROM p.published_at AT TIME ZONE 'Europe/London'), p.title,
           ',' || COALESCE(t.tags, '') || COALESCE(c.tags, ''),
           (SELECT COALESCE(string_agg(DISTINCT w, ' ' ORDER BY w), '')
              FROM regexp_split_to_table(lower(concat_ws(' ', p.title, t.names, p.summary, la.name, la.short_name,
                                                         sr.name, r.titles, p.description, p.impact)),
                                         '[^[:alpha:]]+') w
             WHERE length(w) >= {WORD_MIN}),
           d.rank,
           d.rank || setweight(to_tsvector('english', concat_ws(' ', la.name, la.short_name, sr.name, r.titles)), 'B')
                  || setweight(to_tsvector('english', p.description || ' ' || p.impact), 'C')
                  || searchentry_tag_lexemes(COALESCE(t.tags, '') || COALESCE(c.tags, ''))
      FROM submissions_practice p
      JOIN submissions_localauthority la ON la.id = p.local_authority_id
      JOIN submissions_subregion sr ON sr.id = la.sub_region_id
      LEFT JOIN LATERAL (SELECT string_agg('t' || th.id || ',', '' ORDER BY th.id) tags,
                                string_agg(th.name, ' ' ORDER BY th.name) names
                           FROM submissions_practice_themes pt JOIN submissions_theme th ON th.id = pt.theme_id
                          WHERE pt.practice_id = p.id) t ON TRUE
      LEFT JOIN LATERAL (SELECT string_agg('c' || pc.sharingcategory_id || ',', '' ORDER BY pc.sharingcategory_id) tags
                           FROM submissions_practice_categories pc WHERE pc.practice_id = p.id) c ON TRUE
      LEFT JOIN LATERAL (SELECT string_agg(title, ' ') titles
                           FROM submissions_resource WHERE practice_id = p.id) r ON TRUE
      CROSS JOIN LATERAL (SELECT setweight(to_tsvector('english', p.title), 'A')
                                 || setweight(to_tsvector('english', COALESCE(t.names, '')), 'A')
                                 || setweight(to_tsvector('english', p.summary), 'B') AS rank) d
     WHERE p.status = %s AND p.revision_of_id IS NULL AND p.published_at IS NOT NULL
"""


class SQLiteBackend(BaseBackend):
    contains = "instr"
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
        lists = reference.lists()
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

    def snippets(self, ids, condition):
        """Made in Python from a bounded excerpt (submissions/snippets.py): FTS5's snippet() takes
        seconds on a long entry that repeats the searched word."""
        words = [*condition.words, *(word for family in condition.expansions.values() for word in family)]
        texts = Practice.objects.filter(pk__in=ids).values_list("pk", "summary", "description", "impact")
        by_id = {pk: snippet(summary, f"{description}\n{impact}", words) for pk, summary, description, impact in texts}
        return [by_id.get(pk) for pk in ids]

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

    def bulk_index(self):
        from submissions.search import index  # SQLite indexes row by row, exactly as on publishing

        published = (
            Practice.objects.published().exclude(published_at=None).select_related("local_authority__sub_region")
        )
        count = 0
        for practice in published.prefetch_related("themes", "categories", "resources").iterator(chunk_size=500):
            index(practice)
            count += 1
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
