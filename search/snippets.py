"""
Result snippets for the SQLite engine, made in Python from a bounded excerpt. FTS5's snippet()
scores every window of the whole text, which takes seconds on a long entry that repeats the word
searched for; this reads each text once, up to the first match, and marks a few dozen words.
PostgreSQL makes its own (search_backends.PostgreSQLBackend.snippets).
"""

import re

MARK_START, MARK_END = "\x02", "\x03"  # the engines' highlight markers, turned into <mark> after escaping
NO_MARKS = str.maketrans("", "", MARK_START + MARK_END)
ENDINGS = ("ations", "ation", "ings", "ions", "ing", "ion", "ies", "ed", "es", "ly", "s")
BEFORE, AFTER = 100, 200  # characters of context either side of the first match


def root(word):
    """The start of a word that its other forms share, as a stemmer would roughly find it."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def matcher(words):
    roots = sorted({root(word.lower()) for word in words if word}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, roots)) + r")\w{0,30}", re.IGNORECASE) if roots else None


def snippet(summary, body, words):
    """The summary, marked, if it matches; else the words around the first match in the body; else None."""
    pattern = matcher(words)
    if pattern is None:
        return None
    summary, body = summary.translate(NO_MARKS), body.translate(NO_MARKS)  # text's own can't pass for ours
    if pattern.search(summary):
        return pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", summary)
    first = pattern.search(body)
    if first is None:
        return None
    start, end = max(0, first.start() - BEFORE), min(len(body), first.end() + AFTER)
    excerpt = body[start:end]
    if start:
        excerpt = "… " + excerpt.split(" ", 1)[-1]
    if end < len(body):
        excerpt = excerpt.rsplit(" ", 1)[0] + " …"
    return pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", excerpt)
