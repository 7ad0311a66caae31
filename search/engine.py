"""
Browse and full-text search over published practice: one small interface, two engines.

- PostgreSQL (production): a stored, weighted tsvector with a GIN index for matching, a
  compact vector (title, themes, summary) for ranking cheaply, themes and categories as
  lexemes of the vector for filtering and as tallies for counting them all with one sum,
  websearch_to_tsquery, ts_rank, ts_headline for the shown page only (the summary first), and
  pg_trgm for "did you mean".
- SQLite (the embedded default): an FTS5 table with the porter stemmer, bm25 and snippet().

Only published entries are ever indexed (index() and remove() follow the signals the services
that publish and unpublish send), so unpublished text cannot appear in a result, a snippet, a
count or a suggestion.
"""

import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from hashlib import sha1
from html import escape

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import apnumber
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from reference import cached, generation
from search import query as web_query
from search.backends import WORD_MIN
from search.models import SearchEntry, SearchWord
from search.postgresql import PostgreSQLBackend
from search.snippets import MARK_END, MARK_START
from search.sqlite import SQLiteBackend
from submissions.models import Practice

SUGGEST_BELOW = 3  # results
SORTS = {"relevance": "Relevance", "newest": "Newest", "title": "Title (A to Z)"}
LETTERS = re.compile(rf"[^\W\d_]{{{WORD_MIN},}}")


# -- what is indexed ---------------------------------------------------------------------------


def document_of(practice):
    """The searchable text of an entry, by weight: A title and themes, B summary and context, C body."""
    authority = practice.local_authority
    return {
        "title": practice.title,
        "themes": " ".join(theme.name for theme in practice.themes.all()),
        "summary": practice.summary,
        "context": " ".join(
            [authority.name, authority.short_name, authority.sub_region.name]
            + [resource.title for resource in practice.resources.all()]
        ),
        "body": f"{practice.description}\n{practice.impact}",
    }


def tags_for(themes, categories):
    return "," + "".join(f"t{theme.pk}," for theme in themes) + "".join(f"c{c.pk}," for c in categories)


def theme_ids_in(tags):
    return [int(tag[1:]) for tag in tags.strip(",").split(",") if tag.startswith("t")]


def words_of(document):
    return sorted({word.lower() for text in document.values() for word in LETTERS.findall(text)})


def entry_of(practice, words):
    published_at = practice.published_at or timezone.now()
    return SearchEntry(
        practice=practice,
        local_authority=practice.local_authority,
        sub_region_id=practice.local_authority.sub_region_id,
        call_id=practice.call_id,
        published_at=published_at,
        year=timezone.localtime(published_at).year,
        title=practice.title,
        tags=tags_for(practice.themes.all(), practice.categories.all()),
        words=" ".join(words),
    )


@transaction.atomic
def index(practice):
    """Put a published entry in the index, or bring its entry up to date."""
    remove(practice, bump=False)
    document = document_of(practice)
    words = words_of(document)
    entry_of(practice, words).save(force_insert=True)
    backend().write(practice.pk, document)
    _count_words(words, +1)
    generation.bump()


def index_new(practices):
    """What index() does, for many entries not in the index (rebuild() has emptied it): a few statements
    for them all, not several an entry."""
    documents = {practice.pk: document_of(practice) for practice in practices}
    words = {pk: words_of(document) for pk, document in documents.items()}
    SearchEntry.objects.bulk_create(entry_of(practice, words[practice.pk]) for practice in practices)
    for pk, document in documents.items():
        backend().write(pk, document)
    _add_to_word_counts(Counter(word for each in words.values() for word in each))


@transaction.atomic
def remove(practice, bump=True):
    """Take an entry out of the index (unpublished, or about to be re-indexed)."""
    entry = SearchEntry.objects.filter(practice=practice).first()
    if entry is None:
        return
    _count_words(entry.words.split(), -1)
    backend().delete(practice.pk)
    entry.delete()
    if bump:
        generation.bump()


@transaction.atomic
def index_published(sender, practice, **kwargs):
    """The proforma's services published an entry (submissions.signals.practice_published)."""
    index(practice)


def remove_unpublished(sender, practice, **kwargs):
    """The proforma's services unpublished an entry (submissions.signals.practice_unpublished)."""
    remove(practice)


def rebuild():
    """Index every published entry from scratch (after renaming a theme, say). Returns how many."""
    SearchEntry.objects.all().delete()
    SearchWord.objects.all().delete()
    backend().clear()
    count = backend().bulk_index(index_new=index_new)
    _recount_words()
    generation.bump()
    return count


def purge():
    """Make sure text taken out of the index is gone from the engine's own storage too."""
    backend().purge()


def _count_words(words, delta):
    _add_to_word_counts(dict.fromkeys(words, delta))


def _add_to_word_counts(deltas):
    """deltas: {word: entries to add (or take away)}."""
    if not deltas:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO submissions_searchword (word, entries) VALUES (%s, %s) "
            "ON CONFLICT (word) DO UPDATE SET entries = submissions_searchword.entries + excluded.entries",
            [(word[:60], delta) for word, delta in deltas.items()],
        )
    SearchWord.objects.filter(entries__lte=0).delete()


def _recount_words():
    backend().recount_words()


# -- asking ------------------------------------------------------------------------------------


@dataclass
class Filters:
    sub_regions: list = field(default_factory=list)
    local_authorities: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    years: list = field(default_factory=list)
    calls: list = field(default_factory=list)  # not a facet: set by links from a call's page and the coverage page

    def __bool__(self):
        return any(vars(self).values())


@dataclass
class FewerWords:
    """What a search found when no entry had every word: entries with `count` of these words (or phrases)."""

    count: int
    words: list

    def __str__(self):
        return f"No entry has all of {', '.join(self.words)}; these have {apnumber(self.count)} of them"


@dataclass
class Results:
    hits: list
    total: int
    facets: dict
    suggestion: str | None = None
    fewer: "FewerWords | None" = None  # nothing had every word: these have this many of them
    too_slow: bool = False  # stopped at the time limit: the page asks for fewer words
    generation: int | None = None  # the publication a search's answer is of (reference.generation)
    no_words: bool = False  # the text has nothing to search for ("the", "😀"): it finds nothing


class SearchTooSlow(Exception):
    """A search stopped at PORTAL_SEARCH_TIMEOUT_MS."""


@contextmanager
def _time_limited(engine):
    try:
        with engine.searching():
            yield
    except OperationalError as error:
        if engine.timed_out(error):
            raise SearchTooSlow from error
        raise


def per_page():
    return settings.PORTAL_RESULTS_PER_PAGE


SEARCH_SECONDS = 600  # a search's answer is kept this long at most, and never past a publication


def run(text="", filters=None, sort="relevance", offset=0, limit=None):
    """The published entries matching the text and filters, a page of them, and counts by facet. When nothing has
    every word of a search of several, the entries with most of them, and how many that is.

    A search's answer is the same for everyone and changes only when something is published, so it is cached
    under the publication generation, as a browse page's counts are; signed-in users' rights change only which
    filters (calls) they may choose, and those are part of the key."""
    limit = limit or per_page()
    filters = filters or Filters()
    parsed = web_query.parse(text)
    if sort == "relevance" and not parsed:
        sort = "newest"
    if not parsed and text.strip():  # only words too common to search for ("the"), or none ("😀")
        return Results([], 0, _facets_of(([], [])), no_words=True)
    if not parsed:
        return _answer(text, filters, sort, offset, limit).results()
    current = generation.current()
    key = f"search:{current}:{_digest(text, filters, sort, offset, limit)}"
    if (answer := cache.get(key)) is None:
        answer = _answer(text, filters, sort, offset, limit, current)
        if not answer.too_slow:
            cache.set(key, answer, SEARCH_SECONDS)
    results = answer.results()
    results.generation = current
    return results


def _digest(text, filters, sort, offset, limit):
    """A short key for a search's text, filters (by id), sort and page."""
    chosen = [(name, sorted(getattr(value, "pk", value) for value in values)) for name, values in vars(filters).items()]
    return sha1(repr((text, chosen, sort, offset, limit)).encode()).hexdigest()


@dataclass
class Answer:
    """What a search or browse found, as plain data (what is cached): Results makes the cards from it."""

    total: int
    facets: dict
    rows: list = field(default_factory=list)  # (id, tags) of the page's entries, in order
    texts: dict | None = None  # id: (title, summary, published_at, local authority id, snippet) of each, when read
    suggestion: str | None = None
    fewer: "FewerWords | None" = None
    too_slow: bool = False

    def results(self):
        hits = _cards(self.rows, self.texts)
        return Results(hits, self.total, self.facets, self.suggestion, self.fewer, self.too_slow)


def _answer(text, filters, sort, offset, limit, current=None):
    """What run() returns, as plain data."""
    engine, parsed, known, expansions = _ask(text, current)
    fewer = None
    try:
        with _time_limited(engine):
            found = _found(engine, parsed, engine.condition(parsed, expansions, filters), sort, offset, limit)
            if not found.total and len(parsed.groups) > 1:
                for fewer_parsed, count in web_query.fewer_words(parsed):
                    condition = engine.condition(fewer_parsed, expansions, filters)
                    if (found := _found(engine, fewer_parsed, condition, sort, offset, limit)).total:
                        fewer = FewerWords(count, [web_query.group_label(group) for group in parsed.groups])
                        break
    except SearchTooSlow:
        return Answer(0, _facets_of(([], [])), too_slow=True)
    # A word we have never indexed, in a search that found (almost) nothing, is probably misspelt.
    unknown = [word for word in parsed.words if word not in known] if found.total < SUGGEST_BELOW or fewer else []
    found.suggestion = _suggestion(text, unknown) if unknown else None
    found.fewer = fewer
    return found


def _found(engine, parsed, condition, sort, offset, limit):
    """How many entries match, their counts by facet, and the page of them asked for, with snippets."""
    if parsed:
        counts, rows = engine.search(condition, sort, offset, limit)
        facets = _facets_of(counts)
        texts = engine.cards([pk for pk, _ in rows], condition) if rows else {}
        texts = {pk: (*fields, _highlighted(snippet)) for pk, (*fields, snippet) in texts.items()}
    else:
        facets = _facets(engine, condition)
        total = sum(facets["local_authority"].values())
        rows = engine.page(condition, sort, offset, limit, total=total) if total else []
        texts = None
    return Answer(sum(facets["local_authority"].values()), facets, rows, texts)


def matching_ids(text="", filters=None, sort="relevance", limit=None):
    """The ids of every published entry a browse page would list, in its order: for exports."""
    engine, parsed, _, expansions = _ask(text)
    if not parsed and text.strip():  # nothing to search for finds nothing, as on the page
        return []
    condition = engine.condition(parsed, expansions, filters or Filters())
    if sort == "relevance" and not parsed:
        sort = "newest"
    with _time_limited(engine):
        return [pk for pk, _ in engine.page(condition, sort, 0, limit or settings.PORTAL_EXPORT_MAX_ENTRIES)]


def _ask(text, current=None):
    """The engine, the parsed search text, the words of it the index knows and the other forms to look for."""
    parsed = web_query.parse(text)
    known = _Known(parsed, current)
    expansions = {word: [w for w in web_query.word_family(word) if w in known] for word in parsed.words}
    return backend(), parsed, known, expansions


class _Known:
    """The words of a search, and their other forms, that the index has seen: looked up only if asked (a word with
    no other forms needs it only for "did you mean"), and kept until the next publication, which may change them."""

    def __init__(self, parsed, current=None):
        self.parsed, self.current, self.words = parsed, current, None

    def __contains__(self, word):
        if self.words is None:
            self.words = self._look_up()
        return word in self.words

    def _look_up(self):
        candidates = set(self.parsed.words)
        for word in self.parsed.words:
            candidates.update(web_query.word_family(word))
        current = self.current if self.current is not None else generation.current()
        key = f"words:{current}:{sha1(repr(sorted(candidates)).encode()).hexdigest()}"
        if (known := cache.get(key)) is None:
            known = set(SearchWord.objects.filter(word__in=candidates).values_list("word", flat=True))
            cache.set(key, known, SEARCH_SECONDS)
        return known


def _facets(engine, condition):
    """Counts of the entries a browse (no search) lists, cached until the next publication."""
    digest = sha1(f"{condition.sql}{condition.params}".encode()).hexdigest()
    key = f"facets:{generation.current()}:{digest}"
    if (cached := cache.get(key)) is None:
        cached = _facets_of(engine.facet_counts(condition))
        cache.set(key, cached, 300)
    return cached


def _facets_of(counts):
    """Counts by local authority (and so sub-region), theme, category and year, from an engine's counts."""
    places, tags = counts
    facets = {name: {} for name in ("local_authority", "theme", "category", "year")}
    for authority_id, year, count in places:
        facets["local_authority"][authority_id] = facets["local_authority"].get(authority_id, 0) + count
        facets["year"][year] = facets["year"].get(year, 0) + count
    for tag, count in tags:
        name, pk = ("theme" if tag[0] == "t" else "category"), int(tag[1:])
        facets[name][pk] = facets[name].get(pk, 0) + count
    authorities = cached.lists()["local_authority"]
    facets["sub_region"] = {}
    for authority_id, count in facets["local_authority"].items():
        sub_region_id = authorities[authority_id].sub_region_id
        facets["sub_region"][sub_region_id] = facets["sub_region"].get(sub_region_id, 0) + count
    return facets


CARD_FIELDS = ["id", "title", "summary", "published_at", "local_authority_id"]


def _cards(rows, texts=None):
    """The entries of (id, theme ids) rows with what a result card shows: from texts (id: card fields and snippet,
    as a search reads them with its snippets), or else read in one query whatever the page size."""
    if not rows:
        return []
    lists = cached.lists()
    if texts is None:
        practices = Practice.objects.only(*CARD_FIELDS).in_bulk([pk for pk, _ in rows])
        snippets = {}
    else:
        practices = {pk: _card(pk, *fields) for pk, (*fields, _) in texts.items()}
        snippets = {pk: snippet for pk, (*_, snippet) in texts.items()}
    cards = []
    for pk, tags in rows:
        practice = practices[pk]
        practice.local_authority = lists["local_authority"][practice.local_authority_id]
        themes = [lists["theme"][theme_id] for theme_id in theme_ids_in(tags) if theme_id in lists["theme"]]
        practice.card_themes = sorted(themes, key=lambda theme: theme.name)
        practice.snippet = snippets.get(pk)
        cards.append(practice)
    return cards


def _card(pk, title, summary, published_at, local_authority_id):
    """An entry as read from the database with only a card's fields (the others are read if asked for)."""
    values = {"id": pk, "title": title, "summary": summary, "published_at": published_at}
    values["local_authority_id"] = local_authority_id
    names = [f.attname for f in Practice._meta.concrete_fields if f.attname in values]  # from_db takes them in order
    return Practice.from_db("default", names, [values[name] for name in names])


# What the description's Markdown puts at the start of a line ("- ", "1. ", "## ") and around strong words: a
# snippet is read as plain text.
MARKDOWN_MARKS = re.compile(r"^\s*(?:#{1,6}|[-*+•]|\d{1,3}[.)])\s+|\*\*|__")


def _highlighted(snippet):
    """Escape the whole snippet first, then turn the engine's markers into <mark>: markup in an entry never runs."""
    if not snippet:
        return None
    text = escape(" ".join(MARKDOWN_MARKS.sub("", line).strip() for line in snippet.splitlines()).strip())
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def _suggestion(text, unknown):
    """The text with its misspelt words corrected. A word we have never seen but that finds entries
    anyway is another form of an indexed one ("exclusion" finds "exclusions"), not a misspelling."""
    corrected = text
    changed = False
    engine = backend()
    for word in unknown:
        if engine.finds(word):
            continue
        if (better := engine.similar_word(word)) and better != word:
            corrected = re.sub(rf"\b{re.escape(word)}\b", better, corrected, flags=re.IGNORECASE)
            changed = True
    return corrected if changed else None


def related(practice, limit=3):
    """
    Published entries sharing a theme with this one (with no themes, its local authority), those with
    most words of its title and themes first. The shared theme narrows the entries through an index
    before any ranking, which matching the words alone would not: they are in most entries.
    """
    themes = list(practice.themes.all())
    texts = [practice.title, *(theme.name for theme in themes)]
    words = dict.fromkeys(w for text in texts for w in web_query.words_in(text) if w not in web_query.STOPWORDS)
    if not words:
        return []
    parsed = web_query.ParsedQuery(groups=[[web_query.Term(word) for word in words]])
    filters = Filters(themes=themes) if themes else Filters(local_authorities=[practice.local_authority])
    engine = backend()
    condition = engine.condition(parsed, {}, filters)
    try:
        with _time_limited(engine):
            rows = [row for row in engine.page(condition, "relevance", 0, limit + 1) if row[0] != practice.pk]
    except SearchTooSlow:
        return []  # related practice is a courtesy: the entry's page shows without it
    return _cards(rows[:limit])


def backend():
    return PostgreSQLBackend() if connection.vendor == "postgresql" else SQLiteBackend()
