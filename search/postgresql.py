"""The PostgreSQL engine: a weighted tsvector with a GIN index, ts_rank, pg_trgm."""

from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction

from search import query as web_query
from search.backends import QUERY_CANCELED, WORD_MIN, BaseBackend
from submissions.models import Practice

# The planner's and the time limit's settings for one search, until the end of the transaction (set_config's true).
SETTINGS = "SELECT set_config('enable_seqscan', 'off', true), set_config('statement_timeout', %s, true)"


class PostgreSQLBackend(BaseBackend):
    stemmer = "english"  # english_stem's (search/snippets.py)
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
        A statement past the time limit is cancelled (QueryCanceled, an OperationalError).

        Both settings end with each statement of the search. Outside a transaction (a page's request), each
        statement is sent after the settings in one message, which PostgreSQL runs as one transaction of its own:
        no BEGIN, no savepoint, no statement of their own, and the time limit applies to each statement. Inside a
        longer transaction (a command's, a test's) they would outlive it, so the search, which only reads, sets
        them once in a savepoint and rolls it back, which undoes them."""
        timeout = str(settings.PORTAL_SEARCH_TIMEOUT_MS)
        if connection.in_atomic_block:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(SETTINGS, [timeout])
                yield
                transaction.set_rollback(True)
            return

        def after_the_settings(execute, sql, params, many, context):
            if many or isinstance(params, dict):
                return execute(sql, params, many, context)
            if params is None:
                sql, params = sql.replace("%", "%%"), []  # the settings' parameter makes every % a placeholder's
            return execute(f"{SETTINGS}; {sql}", [timeout, *params], many, context)

        with connection.execute_wrapper(after_the_settings):
            yield

    def timed_out(self, error):
        return getattr(error.__cause__, "pgcode", None) == QUERY_CANCELED

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
        if one_term(condition):
            return self.ranked_by_title_first(condition, offset, limit)
        tsquery, tsparams = self.tsquery(condition.parsed, condition.expansions)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.practice_id, e.tags FROM submissions_searchentry e WHERE {condition.sql} "
                f"ORDER BY ts_rank(e.rank_vector, ({tsquery})) DESC, e.published_at DESC, e.practice_id "
                "LIMIT %s OFFSET %s",
                [*condition.params, *tsparams, limit, offset],
            )
            return cursor.fetchall()

    def ranked_by_title_first(self, condition, offset, limit):
        """
        The same page as ranked_page's, ranking only the matches with the word in their title or themes (weight A)
        when there are enough of them to fill it, found by their own index (migration 0022). For a query of one
        lexeme, ts_rank with its default weights (tsrank.c, calc_rank_or) is (wjm + resj - wjm/(jm+1)^2) / 1.6449:
        resj the sum of each position's weight over (j+1)^2, wjm the largest weight, first at position jm. With an
        A position (1.0) that is at least 1/1.6449 = 0.61; with only B ones (0.4, the summary) it is resj / 1.6449,
        below 0.4 as the sum of 1/(j+1)^2 is below 1.6449. So every entry with the word at A ranks above every entry
        without, and the first offset + limit of them, in the same order, are the page. They match the word: the
        whole vector begins with the ranking one, so it is not asked (it is read out of line: reading it for the
        48,000 such entries of "children" made the page 1.6 times slower). With fewer of them, or a word that is
        more than one lexeme ("o'brien": numnode), the page ranks every match, in the same statement: its one-time
        filters run only one of the two.
        """
        tsquery, tsparams = self.tsquery(condition.parsed, condition.expansions)
        rank, order = f"ts_rank(e.rank_vector, ({tsquery}))", "rank DESC, published_at DESC, practice_id"
        wanted = offset + limit
        filters = f" AND {condition.filter_sql}" if condition.filter_sql else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH titled AS MATERIALIZED ("
                f"  SELECT e.practice_id, e.tags, e.published_at, {rank} AS rank FROM submissions_searchentry e"
                f"   WHERE ts_filter(e.rank_vector, '{{a}}') @@ ({tsquery}) AND numnode(({tsquery})) = 1{filters}"
                f"   ORDER BY {order} LIMIT %s) "
                f"SELECT practice_id, tags FROM ("
                f"  SELECT * FROM titled WHERE (SELECT COUNT(*) FROM titled) = %s"
                f"  UNION ALL"
                f"  (SELECT e.practice_id, e.tags, e.published_at, {rank} AS rank FROM submissions_searchentry e"
                f"    WHERE (SELECT COUNT(*) FROM titled) < %s AND {condition.sql} ORDER BY {order} LIMIT %s)"
                f") page ORDER BY {order} LIMIT %s OFFSET %s",
                [*tsparams, *tsparams, *tsparams, *condition.filter_params, wanted, wanted]
                + [*tsparams, wanted, *condition.params, wanted, limit, offset],
            )
            return cursor.fetchall()

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

    def bulk_index(self, index_new):
        """Every published entry in one statement: what index_new() does, in SQL."""
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


def one_term(condition):
    """Whether a search is of one word, with no other forms to look for and nothing left out: ranked as one term."""
    groups, excluded = condition.parsed.groups, condition.parsed.excluded
    if len(groups) != 1 or len(groups[0]) != 1 or excluded or groups[0][0].phrase:
        return False
    return not condition.expansions.get(groups[0][0].text)


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
