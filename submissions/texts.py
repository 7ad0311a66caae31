"""What the proforma's texts say of each other: a summary from the description, a title from it, and titles
that name no work ('Various')."""

import re

# A title that names no work: two of the first three real returns were called 'Various'.
VAGUE_TITLE = re.compile(
    r"^\s*(?:various|multiple|several|assorted|misc(?:ellaneous)?|a range)"
    r"(?:\s+(?:projects?|approaches|initiatives|pieces of work|pieces|strands|areas|items|things|work))?\s*[.!]?\s*$",
    re.IGNORECASE,
)
TITLE_LENGTH = 100  # a suggested title's longest, in characters
BOLD_LINE = re.compile(r"^\*\*(?P<text>[^*\n]+)\*\*$", re.MULTILINE)  # a heading in an imported description
DANGLING = re.compile(r"(?:\s+(?:and|or|but|of|by|to|for|in|on|with|the|a|an))+$", re.IGNORECASE)  # cut off
LIST_MARK = re.compile(r"^\s*(?:[-*]|\d{1,3}[.)])\s+")


def is_vague_title(title):
    return bool(VAGUE_TITLE.match(title or ""))


def suggested_title(description):
    """A name for the work from its description: its first bold line, or else its first sentence, shortened at a
    word to TITLE_LENGTH characters; '' when the description has no words."""
    if bold := BOLD_LINE.search(description):
        first = bold.group("text")
    else:
        paragraph = LIST_MARK.sub("", description.strip().split("\n", 1)[0])
        first = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    first = " ".join(first.split()).rstrip(".:;, ")
    if len(first) <= TITLE_LENGTH:
        return first
    shortened = DANGLING.sub("", first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0])
    return shortened.rstrip(".:;, ") + "…"


def summary_from(text, limit=600):
    """The first paragraph, cut at the last full sentence that fits."""
    first = text.split("\n\n", 1)[0].lstrip("- ").strip()
    if len(first) <= limit:
        return first
    cut = first[:limit]
    return cut[: cut.rfind(". ") + 1] if ". " in cut else cut.rsplit(" ", 1)[0] + "…"


def repeats_description(summary, description):
    """Whether the summary is the start of the description's first paragraph, as a summary filled from the
    description is: then printing both prints it twice."""
    summary = " ".join(summary.split()).rstrip("…")
    first = " ".join(description.split("\n\n", 1)[0].lstrip("- ").split())
    return bool(summary) and first.startswith(summary)
