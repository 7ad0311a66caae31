"""
Reads a plan written as the sub-regions write them today (docs/decisions/0010): a title, numbered
areas, "Activity:", "Action:", "Owner:"/"Owners:" and "Action / Owner:" lines, and dated updates
("16/07/20: ...") under an action, from a .txt or .docx file. Nothing is saved here: `parse` returns
what it read, with errors (the file is refused) and warnings (lines it could not place).
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from inputs.text_fields import clean_text, is_hidden
from plans.models import LINE_LIMIT, TEXT_LIMIT
from submissions.importers.errors import ProformaFileError
from submissions.importers.files import DAMAGED, OLE2, open_word
from submissions.importers.limits import Limits, TooMuchToRead
from submissions.importers.text import CONTROL, decode

MAX_BYTES = 2 * 1024 * 1024
EARLIEST_UPDATE = date(2000, 1, 1)
MAX_LINES = 5_000
MAX_UNPACKED_BYTES = 10 * 1024 * 1024  # a .docx's parts, unpacked: a few pages' document is well under 1 MB
MAX_CHARACTERS = 2_000_000  # the text read from a .docx: about as much as the largest text file holds
MAX_PIECES = 30_000  # a .docx's elements (runs, their text, bookmarks): a few pages' plan has a few thousand
AREA = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
LABEL = re.compile(r"^(activity|action\s*/\s*owners?|action|owners?)\s*:\s*(.*)$", re.IGNORECASE)
DATED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*[:\-–]\s*(.*)$")
LOOKS_DATED = re.compile(r"^\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?\s*:")  # "16.07.20:", "16/7:": a date, wrongly
VERSION = re.compile(r"\s+v\.?\s*(\d{1,3})\s*$", re.IGNORECASE)
DIRECTORS = re.compile(r"\bDCS[’']?s?\b", re.IGNORECASE)
LEADS = re.compile(r"\blead\b.*\beach\s+LA\b|\beach\s+LA[’']?s?\s+lead\b", re.IGNORECASE)
OWNER_HEAD_END = re.compile(r",|\(|\s+to\s+|\s+with\s+", re.IGNORECASE)
OWNER_SPLIT = re.compile(r"\s*/\s*|\s+and\s+|\s*&\s*", re.IGNORECASE)


@dataclass
class ParsedAction:
    what: str = ""
    activity: str = ""
    owners_text: str = ""
    owners: list = field(default_factory=list)  # (kind, name) pairs: "named", "directors" or "leads"
    updates: list = field(default_factory=list)  # [date, text] pairs, as written (oldest first)


@dataclass
class ParsedArea:
    number: int
    title: str
    why: str = ""
    actions: list = field(default_factory=list)


@dataclass
class ParsedPlan:
    title: str = ""
    introduction: str = ""
    version_number: int = 1
    areas: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def counts(self):
        actions = [action for area in self.areas for action in area.actions]
        return {
            "areas": len(self.areas),
            "actions": len(actions),
            "updates": sum(len(action.updates) for action in actions),
            "owners": sum(len(action.owners) for action in actions),
        }


TOO_LARGE = f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: a plan is a few pages"
NOT_TEXT = "The file is not text: save the plan as a Word (.docx) or text (.txt) file"
MACRO_ENABLED = (".docm", ".dotm")
MACROS = (
    "The file is a macro-enabled Word document (.docm), and documents with macros are not opened: "
    "save it as a Word document (.docx) and choose that"
)
OLD_WORD = (
    "The file is password-protected or in the older .doc format: remove any password, save it as a Word "
    "document (.docx) and choose that"
)
NOT_WORD = "The file is not a Word document that can be read: save it again as .docx"
UNREADABLE = {DAMAGED, "The selected file is not a Word document"}  # the proforma's words for them


class PlanFileError(Exception):
    """The file cannot be read as a plan at all."""


def read_lines(name, content):
    """The file's paragraphs as lines of text; a .docx's numbered-list paragraphs get their numbers. What the
    file is comes from its first bytes (a Word file is a zip), not its name, but for a macro-enabled name."""
    if len(content) > MAX_BYTES:
        raise PlanFileError(TOO_LARGE)
    if name.lower().endswith(MACRO_ENABLED):
        raise PlanFileError(MACROS)
    if content.startswith(OLE2):
        raise PlanFileError(OLD_WORD)
    if content.startswith(b"PK\x03\x04") or name.lower().endswith(".docx"):
        return _docx_lines(content)
    try:
        text = decode(content)  # as the proforma's text files: by byte-order mark (UTF-16 too), else UTF-8 or 1252
    except ProformaFileError as error:
        raise PlanFileError(NOT_TEXT) from error
    return [CONTROL.sub("", line) for line in text.splitlines()]


def _open_word(content):
    """The Word document, opened as the proforma's uploads are (see submissions.importers.files)."""
    try:
        return open_word(content, max_unpacked=MAX_UNPACKED_BYTES, holds="a plan")
    except ProformaFileError as error:
        message = NOT_WORD if str(error) in UNREADABLE else str(error)
        raise PlanFileError(message) from error


def limits():
    """A plan's limits, as the proforma's importer states its own (submissions.importers.limits)."""
    return Limits(
        max_bytes=MAX_BYTES,
        max_lines=MAX_LINES,
        max_characters=MAX_CHARACTERS,
        max_pieces=MAX_PIECES,
        seconds=3,
        why="a plan is a few pages",
        subject="The file",
    )


def _docx_lines(content):
    """One line a paragraph, as a text file saved from the same document has: the empty paragraphs are its blank
    lines, so a title over two paragraphs is read as one, as it is from the text file."""
    document = _open_word(content)
    lines, number, reading = [], 0, limits().reading()
    list_styles = {style.style_id for style in document.styles if (style.name or "").startswith("List Number")}
    for paragraph in document.paragraphs:
        try:
            for _ in paragraph._p.iter():  # counted before python-docx reads its runs, which is the slow part
                reading.piece()
            text = paragraph.text.strip()
            reading.line(text)
        except TooMuchToRead as error:
            raise PlanFileError(str(error)) from error
        if text and _numbered(paragraph, list_styles) and not AREA.match(text):
            number += 1
            text = f"{number}. {text}"
        lines.append(text)
    if "" not in lines:  # spaced by its styles, not by empty paragraphs: each paragraph stands alone
        lines = [part for line in lines for part in (line, "")][: MAX_LINES + 1]
    return lines


def _numbered(paragraph, list_styles):
    """In a Word numbered list: numbered itself, or in a List Number style (looked up once, not per paragraph)."""
    properties = paragraph._p.pPr
    return properties is not None and (properties.numPr is not None or properties.style in list_styles)


def _to_date(day, month, year, line_number, raw):
    """An update's date: a real one, from 2000 (before the plans, a mistyped year) to today (not yet written)."""
    year = int(year) + (2000 if len(year) == 2 else 0)
    try:
        written_on = date(year, int(month), int(day))
    except ValueError:
        raise ValueError(f"Line {line_number}: ‘{raw}’ is not a date (write dates as dd/mm/yy or dd/mm/yyyy)") from None
    if written_on < EARLIEST_UPDATE:
        raise ValueError(f"Line {line_number}: ‘{raw}’ is before {EARLIEST_UPDATE:%-d %B %Y}: check the year")
    today = timezone.localdate()
    if written_on > today:
        raise ValueError(
            f"Line {line_number}: ‘{raw}’ is after today ({today:%-d %B %Y}): an update is dated when written"
        )
    return written_on


def parse_owners(text):
    """Owners named at the start of an owner line: "Tony / Martin to engage…" is Tony and Martin."""
    head = OWNER_HEAD_END.split(text.strip().rstrip("."), maxsplit=1)[0]
    if LEADS.search(text) and not DIRECTORS.search(head):
        return [("leads", "Each local authority's lead")]
    owners = []
    for part in OWNER_SPLIT.split(head):
        part = part.strip(" .;")
        if not part:
            continue
        owner = ("directors", "The sub-region's DCSs") if DIRECTORS.fullmatch(part.split()[-1]) else ("named", part)
        if owner not in owners:
            owners.append(owner)
    return owners


def parse(name, content):
    """Read a plan file into a ParsedPlan. Errors mean it must not be imported."""
    plan = ParsedPlan()
    try:
        lines = read_lines(name, content)
    except PlanFileError as error:
        plan.errors.append(str(error))
        return plan
    if len(lines) > MAX_LINES:
        plan.errors.append(f"The file has more than {MAX_LINES:,} lines: a plan is a few pages")
        return plan
    _Reader(plan).read(lines)
    clean_long_text(plan)
    if not any(line.strip() for line in lines):
        plan.errors.insert(0, "The file is empty")
    elif not plan.areas and not plan.errors:
        plan.errors.append(
            "No numbered areas were found: each area for collaboration starts on its own line with its number, "
            "such as ‘1. Understanding the data’"
        )
    return plan


def clean_long_text(plan):
    """The plan's paragraphs as the portal's forms store long text (inputs.text_fields.clean_text); one-line text
    has lost its hidden characters already, with a warning (_Reader.one_line)."""
    plan.introduction = clean_text(plan.introduction)
    for area in plan.areas:
        area.why = clean_text(area.why)
        for action in area.actions:
            action.what, action.activity = clean_text(action.what), clean_text(action.activity)
            for update in action.updates:
                update[1] = clean_text(update[1])


class _Reader:
    """Reads lines one paragraph at a time, remembering where the last one went."""

    def __init__(self, plan):
        self.plan = plan
        self.area = self.action = self.update = None
        self.activity = ""
        self.place = "title"  # where an unlabelled paragraph goes next
        self.title_lines, self.intro = [], []

    def read(self, lines):
        for number, raw in enumerate(lines, start=1):
            line = " ".join(raw.split())
            if not line:
                if self.place == "title" and self.title_lines:
                    self.place = "introduction"
                continue
            if len(line) > TEXT_LIMIT:
                self.plan.errors.append(f"Line {number} is longer than {TEXT_LIMIT:,} characters")
                continue
            self.line(number, line)
        title = " ".join(self.title_lines).strip()
        if match := VERSION.search(title):
            self.plan.version_number = int(match.group(1))
            title = title[: match.start()]
        self.plan.title = title.rstrip(" :")[:LINE_LIMIT] or "Plan"
        self.plan.introduction = "\n\n".join(self.intro)

    def line(self, number, line):
        if match := AREA.match(line):
            self.start_area(int(match.group(1)), match.group(2), number)
        elif match := DATED.match(line):
            self.dated(number, match)
        elif LOOKS_DATED.match(line):
            self.plan.errors.append(f"Line {number}: ‘{line.split(':')[0]}’ is not a date (write dd/mm/yy)")
        elif (match := LABEL.match(line)) and self.area is not None:
            self.labelled(match.group(1).lower().replace(" ", ""), match.group(2).strip(), number)
        else:
            self.paragraph(number, line)

    def start_area(self, number, title, line_number):
        if any(area.number == number for area in self.plan.areas):
            self.plan.errors.append(f"Line {line_number}: there are two areas numbered {number}")
        title = self.one_line(line_number, title, "the area's title")
        self.area = ParsedArea(number=number, title=title.strip()[:LINE_LIMIT])
        self.plan.areas.append(self.area)
        self.action = self.update = None
        self.activity, self.place = "", "why"

    def one_line(self, number, text, what):
        """One-line text without the control and text-direction characters the portal's forms refuse in one,
        left out with a warning (they make text read differently from what is stored)."""
        kept = "".join(character for character in text if not is_hidden(character))
        if kept != text:
            self.plan.warnings.append(f"Line {number}: hidden formatting characters were left out of {what}")
        return kept

    def labelled(self, label, text, number):
        if label.startswith(("action/owner", "owner")):
            text = self.one_line(number, text, "the owners")
        if label == "activity":
            self.activity, self.place, self.update = text, "activity", None
        elif label == "action":
            self.new_action(text)
            self.place = "what"
        elif label.startswith("action/owner"):
            owners = parse_owners(text)
            # "Action / Owners: DCSs / LIIA." names only owners: the activity above it is the action.
            if " to " not in f" {text} " and self.activity:
                self.activity, what = "", self.activity
            else:
                what = text
            self.new_action(what)
            self.action.owners_text, self.action.owners = text, owners
            self.place = "after owner"
        elif self.action is None or self.action.owners_text:
            self.plan.warnings.append(f"Line {number}: an owner line with no action above it was left out: {text}")
        else:
            self.action.owners_text, self.action.owners = text, parse_owners(text)
            self.place = "after owner"

    def new_action(self, what):
        self.action = ParsedAction(what=what, activity=self.activity)
        self.area.actions.append(self.action)
        self.activity, self.update = "", None

    def dated(self, number, match):
        day, month, year, text = match.groups()
        raw = f"{day}/{month}/{year}"
        try:
            written_on = _to_date(day, month, year, number, raw)
        except ValueError as error:
            self.plan.errors.append(str(error))
            return
        if self.action is None:
            self.plan.warnings.append(f"Line {number}: an update dated {raw} with no action above it was left out")
            return
        self.update = [written_on, text]
        self.action.updates.append(self.update)
        self.place = "update"

    def paragraph(self, number, line):
        if self.place == "title":
            self.title_lines.append(self.one_line(number, line, "the title"))
        elif self.place == "introduction":
            self.intro.append(line)
        elif self.place == "why":
            self.area.why = f"{self.area.why}\n\n{line}".strip()
        elif self.place == "activity":
            self.activity = f"{self.activity}\n\n{line}".strip()
        elif self.place == "what":
            self.action.what = f"{self.action.what}\n{line}".strip()
        elif self.place == "update":
            self.update[1] = f"{self.update[1]}\n\n{line}".strip()
        else:
            self.plan.warnings.append(f"Line {number}: could not tell where this goes, so it was left out: {line[:80]}")
