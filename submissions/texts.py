"""What the proforma's texts say of each other: a summary from the description, a title from it, and titles
that name no work ('Various')."""

import re

# A title that names no work: two of the first three real returns were called 'Various'.
VAGUE_TITLE = re.compile(
    r"^\s*(?:various|multiple|several|assorted|misc(?:ellaneous)?|a range)"
    r"(?:\s+(?:projects?|approaches|initiatives|pieces of work|pieces|strands|areas|items|things|work))?\s*[.!]?\s*$",
    re.IGNORECASE,
)
TITLE_LENGTH = 70  # a suggested title's longest, in characters
BOLD_LINE = re.compile(r"^\*\*(?P<text>[^*\n]+)\*\*$", re.MULTILINE)  # a heading in an imported description
DANGLING = re.compile(r"(?:\s+(?:and|or|but|of|by|to|for|in|on|with|the|a|an))+$", re.IGNORECASE)  # cut off
LIST_MARK = re.compile(r"^\s*(?:[-*]|\d{1,3}[.)])\s+")
# Where a sentence's main clause can end: a comma, semicolon or colon, a dash or bracket, or 'which', 'that', 'who'.
CLAUSE_END = re.compile(r"[,;:]|\s[-–—]\s|\s\(|\s(?=(?:which|that|who|whose|where|whereby)\b)", re.IGNORECASE)
# A clause that only sets the scene ('Since 2020, …', 'Alongside this approach, …') names no work.
LEAD_IN = re.compile(
    r"^(?:since|when|while|whilst|after|before|although|though|as|because|if|following|alongside|recognising|"
    r"in|on|at|for|with|over|during|through|by|from)\b",
    re.IGNORECASE,
)
FEWEST_WORDS = 4  # in a clause taken for a title: 'Hackney has a group', not 'In 2020'


def is_vague_title(title):
    return bool(VAGUE_TITLE.match(title or ""))


def suggested_title(description, authority=None):
    """A name for the work from its description, read as a title rather than a sentence cut off: its first bold
    line, or else its first heading-like line, or else its first sentence's main clause, cut at a clause's end to
    TITLE_LENGTH characters; failing those, '<authority> anti-racist practice'. '' when the description has no
    words (or nothing fits and no authority is given)."""
    if not description.split():
        return ""
    bold = BOLD_LINE.search(description)
    candidates = (bold and bold.group("text"), next(heading_lines(description), None), first_sentence(description))
    for candidate in filter(None, candidates):
        if title := as_title(candidate):
            return title
    return f"{authority.name} anti-racist practice" if authority else ""


def heading_lines(description):
    """Paragraphs that read as headings: one short line of a few words, not a list item, not ending as a
    sentence or a lead-in does ('Examples include:'), and not introducing a list."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", description.strip()) if p.strip()]
    for paragraph, after in zip(paragraphs, [*paragraphs[1:], ""], strict=True):
        words = paragraph.split()
        if (
            "\n" not in paragraph
            and 2 <= len(words) <= 10
            and len(paragraph) <= TITLE_LENGTH
            and paragraph[0].isupper()
            and not LIST_MARK.match(paragraph)
            and not LIST_MARK.match(after)
            and paragraph[-1] not in ".,;:!?…"
            and not DANGLING.search(paragraph)
        ):
            yield paragraph


def first_sentence(description):
    """The first sentence of the first line that says something: a line leading in to a list ('Examples include:')
    is passed over for the list's first item."""
    lines = [line.strip() for line in description.strip().splitlines() if line.strip()]
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        if not line.endswith(":") and (LIST_MARK.match(line) or not LIST_MARK.match(after)):
            return re.split(r"(?<=[.!?])\s", LIST_MARK.sub("", line), maxsplit=1)[0]
    return ""


def as_title(text):
    """The text whole if it is short enough, else its main clause: up to the first clause's end that leaves
    FEWEST_WORDS words or more and no scene-setting lead-in, if that fits; never an ellipsis or a dangling 'and'."""
    text = " ".join(text.split()).rstrip(".:;, ")
    if not any(character.isalpha() for character in text):  # '-', '1.', '**': marks, not words
        return ""
    if len(text) <= TITLE_LENGTH:
        return text
    for end in CLAUSE_END.finditer(text):
        clause = DANGLING.sub("", text[: end.start()]).rstrip(".:;, ")
        if len(clause) > TITLE_LENGTH:
            break
        if len(clause.split()) >= FEWEST_WORDS and not LEAD_IN.match(clause):
            return clause
    return ""


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
