"""
Web-search syntax, as people type it into the search box: words, "quoted phrases",
OR between alternatives and -word or -"phrase" to leave things out. Parsed once
here, then turned into PostgreSQL tsquery or SQLite FTS5 by search/engine.py.
"""

import re
from dataclasses import dataclass, field
from itertools import combinations

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Words too common to search on: PostgreSQL's English configuration's own (its english.stop), so that SQLite, which
# would search them, finds what PostgreSQL does.
STOPWORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves what which who whom this that these those am is are
    was were be been being have has had having do does did doing a an the and but if or because as until while of
    at by for with about against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each few more most other
    some such no nor not only own same so than too very s t can will just don should now""".split()
)


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False


@dataclass
class ParsedQuery:
    """All groups must match; within a group any term may. Excluded terms must not match."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def __bool__(self):
        return bool(self.groups or self.excluded)

    @property
    def words(self):
        """The plain words searched for, for suggestions and expansion."""
        return [term.text for group in self.groups for term in group if not term.phrase]

    @property
    def has_phrase(self):
        return any(term.phrase for group in [*self.groups, self.excluded] for term in group)


def words_in(text):
    return [word.lower() for word in WORD.findall(text)]


def parse(text):
    parsed = ParsedQuery()
    join_next = False
    for negated, quoted, bare in TOKEN.findall(text or ""):
        if bare == "OR" and not negated:
            join_next = bool(parsed.groups)
            continue
        if bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        phrase = quoted != "" or bare == ""
        words = words_in(quoted if phrase else bare)
        if not words or (not phrase and len(words) == 1 and words[0] in STOPWORDS):
            join_next = False
            continue
        terms = [Term(" ".join(words), phrase=True)] if phrase or len(words) > 1 else [Term(words[0])]
        if negated:
            parsed.excluded.extend(terms)
        elif join_next:
            parsed.groups[-1].extend(terms)
        else:
            parsed.groups.append(terms)
        join_next = False
    return parsed


# Latin roots change -d- to -s- between verb and noun: exclude/exclusion, decide/decision,
# include/inclusion. Stemmers keep the two apart; searching one should find the other.
ALTERNATIONS = [
    (re.compile(r"sions?$"), ["de", "ded", "des", "ding"]),
    (re.compile(r"(de|ded|des|ding)$"), ["sion", "sions"]),
]


def word_family(word):
    """Other forms of a word that a stemmer does not connect to it (the caller keeps those it has seen)."""
    family = []
    for pattern, endings in ALTERNATIONS:
        if pattern.search(word):
            root = pattern.sub("", word)
            family += [root + ending for ending in endings if root + ending != word]
    return family


FEWER_WORDS_MAX_GROUPS = 6  # beyond this, only "any of the words": "at least k of n" grows as n choose k


def at_least(parsed, count):
    """A query that matches entries with at least `count` of the query's groups (words, phrases or OR sets): as
    every group must match, each of the new groups is one way of choosing enough of the old ones."""
    groups = parsed.groups
    choices = combinations(groups, len(groups) - count + 1)
    return ParsedQuery(
        groups=[[term for group in chosen for term in group] for chosen in choices], excluded=parsed.excluded
    )


def fewer_words(parsed):
    """For a search nothing matched in full: queries asking for one group fewer each time, down to any one of them,
    each with how many groups it asks for. Long queries go straight to any one of them."""
    total = len(parsed.groups)
    counts = range(total - 1, 0, -1) if total <= FEWER_WORDS_MAX_GROUPS else [1]
    return [(at_least(parsed, count), count) for count in counts]


def group_label(group):
    """A group as the search text put it: a word, a quoted phrase, or alternatives joined by "or"."""
    return " or ".join(f"‘{term.text}’" if term.phrase else term.text for term in group)
