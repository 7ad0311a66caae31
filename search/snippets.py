"""
Result snippets, made in Python for both engines: the summary, marked, if a searched word is in it; else the
words around the first place one is in the description and impact. A word is marked where its
stem is a searched word's, by the engine's own stemmer: PostgreSQL's english_stem is Snowball's English stemmer
and FTS5's porter tokenizer is Porter's, both in snowballstemmer (tests check its stems against each engine's).
The engines' own highlighters cost more than the search: ts_headline parses and ranks every cover of what it is
given (3 to 5 ms for a page of twenty), FTS5's snippet() scores every window of the whole text (seconds on a long
entry that repeats the word). This reads each text once, up to the first match, and stems only the words that
could match.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

from search.query import STOPWORDS

MARK_START, MARK_END = "\x02", "\x03"  # the engines' highlight markers, turned into <mark> after escaping
NO_MARKS = str.maketrans("", "", MARK_START + MARK_END)
BEFORE, AFTER = 100, 200  # characters of context either side of the first match
WORD_REST = r"[\w\u0300-\u036f]*"  # the rest of a word: letters, and accents typed as marks after them ("ọ̀")
WORD_LONGEST = 60  # a "word" longer than this (a pasted address, a run of letters) is never marked

# FTS5's tokenizer (unicode61) reads a letter without its accents: "Siobhan" finds "Siobhán", "Adebayo" "Adébáyọ̀".
# PostgreSQL's english configuration keeps them.
FOLDS_ACCENTS = {"porter": True, "english": False}


_stemmers = threading.local()  # a stemmer object keeps its word as it works: one a thread


def folded(text):
    """The text without its accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Each plain letter, and the accented letters that fold to it (Latin's, as people's names have them).
ACCENTED = {}
for _letter in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]):
    if len(_plain := folded(_letter)) == 1 and _plain != _letter:
        ACCENTED.setdefault(_plain.lower(), []).append(_letter)


@lru_cache(maxsize=50_000)
def stem(algorithm, word):
    """A lower-case word's stem as the engine's index has it: algorithm is "english" (PostgreSQL's english_stem)
    or "porter" (SQLite's FTS5, which also drops accents)."""
    stemmers = _stemmers.__dict__
    if algorithm not in stemmers:
        stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
    return stemmers[algorithm].stemWord(folded(word) if FOLDS_ACCENTS[algorithm] else word)


def _letters(start, folds):
    """A pattern for the start of a word, any accent allowed on its letters if the engine folds them."""
    if not folds:
        return re.escape(start)
    return "".join(f"[{re.escape(c)}{''.join(ACCENTED[c])}]" if c in ACCENTED else re.escape(c) for c in start)


def _inside_a_word(text, found):
    start = found.start()
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")


class Marker:
    """Finds and marks the words of a text that have a searched word's stem. Every form of a word starts with its
    stem less its last letter ("happy", "happiness": happi; "hoping": hope), so only the words starting so are
    stemmed; a short stem's words by its first two letters. The text is searched lower-cased, where a word's
    start is a plain string the regular expression engine looks for quickly (twenty times faster than ignoring
    case); in the rare text whose length lower-casing changes ("İ"), case is ignored instead."""

    def __init__(self, words, algorithm):
        self.algorithm = algorithm
        # Each word as the engines' tokenizers read it: "children's" is "children" and "s", a letter never marked.
        words = {
            piece for word in words for piece in re.findall(r"[^\W_]{2,}", word.lower())
        } - STOPWORDS  # left out of every query
        self.stems = {stem(algorithm, word) for word in words if word}
        starts = sorted({s[:-1] if len(s) >= 4 else s[:2] for s in self.stems if s}, key=len, reverse=True)
        letters = "|".join(_letters(start, FOLDS_ACCENTS[algorithm]) for start in starts)
        self.lowered = re.compile(rf"(?:{letters}){WORD_REST}") if letters else None
        self.cased = re.compile(rf"\b(?:{letters}){WORD_REST}", re.IGNORECASE) if letters else None

    def spans(self, text):
        """(start, end) of each matching word, in order."""
        if self.lowered is None:
            return
        lowered = text.lower()
        if len(lowered) != len(text):
            candidates, lowered = self.cased.finditer(text), None
        else:
            candidates = (found for found in self.lowered.finditer(lowered) if not _inside_a_word(lowered, found))
        for found in candidates:
            start, end = found.span()
            word = found.group(0) if lowered is not None else found.group(0).lower()
            if end - start <= WORD_LONGEST and stem(self.algorithm, word) in self.stems:
                yield start, end

    def first(self, text):
        return next(self.spans(text), None)

    def marked(self, text):
        """The text with each matching word between the markers."""
        parts, last = [], 0
        for start, end in self.spans(text):
            parts += [text[last:start], MARK_START, text[start:end], MARK_END]
            last = end
        return "".join([*parts, text[last:]])


@lru_cache(maxsize=256)
def marker(words, algorithm):
    return Marker(words, algorithm)


def unmarked(text):
    """The text without characters that could pass for our markers."""
    return text.translate(NO_MARKS) if MARK_START in text or MARK_END in text else text


def snippet(summary, body, words, algorithm):
    """The summary, marked, if a word is in it; else the words around the first match in the body; else None."""
    words_marker = marker(tuple(words), algorithm)
    summary, body = unmarked(summary), unmarked(body)
    if words_marker.first(summary):
        return words_marker.marked(summary)
    first = words_marker.first(body)
    if first is None:
        return None
    (found_start, found_end), (start, end) = first, (max(0, first[0] - BEFORE), min(len(body), first[1] + AFTER))
    opening = closing = ""
    if start:  # begin at a word, never inside the match
        cut = body.find(" ", start, found_start)
        start, opening = (cut + 1 if cut != -1 else start), "… "
    if end < len(body):
        cut = body.rfind(" ", found_end, end)
        end, closing = (cut if cut != -1 else end), " …"
    return opening + words_marker.marked(body[start:end]) + closing
