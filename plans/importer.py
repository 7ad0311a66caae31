"""
Reads a plan written as the sub-regions write them today (docs/decisions/0010): a title, numbered
areas, "Activity:", "Action:", "Owner:"/"Owners:" and "Action / Owner:" lines, and dated updates
under an action ("16/07/20: ...", "Update 16/07/20:", "Update (16/07/20)", "16 July 2020 –" and the like), from a
.txt or .docx file. Actions standing at plan level (a forward plan line, a "Forward plan" heading's actions, an
action above the first area) are read as plan-level items, not as an action of the last area; due dates written in
words ("in September") are kept as written and read as a date where the plan makes them unambiguous (due_date_of).
Nothing is saved here: `parse` returns what it read, with errors (the file is refused) and warnings (what it could
not place, and how it read what it guessed).
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from docx.oxml.ns import qn

from inputs.text_fields import clean_text, is_hidden
from plans.models import LINE_LIMIT, TEXT_LIMIT
from plans.summary import shortened
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
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
DASH = r"[:\-–—]"
# A dated update's line: "16/07/20: …", "16.07.2020 - …", "16 July 2020 – …", with or without "Update" before it
# ("Update 16/07/20:", "Update: 16 July 2020", "Update (16/07/20) …"); after "Update" or a bracket, no dash is needed.
DATED = re.compile(
    rf"^(?P<update>updated?\s*{DASH}?\s*)?(?P<open>\()?\s*"
    rf"(?P<date>(?P<day>\d{{1,2}})(?P<sep>[/.\-])(?P<month>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}})"
    rf"|(?P<word_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<word_month>{MONTH})\.?,?\s+(?P<word_year>\d{{4}}))"
    rf"(?(open)\s*\))(?:\s*{DASH}\s*(?P<text>.*)|(?P<rest>.*))$",
    re.IGNORECASE,
)
LOOKS_DATED = re.compile(  # "16/7:", "Update (16/7)": a date, wrongly
    rf"^(?:updated?\s*{DASH}?\s*\(?\s*\d{{1,4}}[/.\-]\d{{1,2}}(?:[/.\-]\d{{1,4}})?\)?"
    r"|\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?\s*:)",
    re.IGNORECASE,
)
MONTHS = {name[:3].lower(): number for number, name in enumerate(calendar.month_name) if name}  # "sep": 9
SEASON_ENDS = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}  # the month each ends with; a winter spans two years
DUE_WORDS = re.compile(
    r"\b(?:(?P<preposition>in|by|for|before|during|at|until)\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
    rf"(?:(?P<month>{MONTH})|(?P<season>spring|summer|autumn|fall|winter)\b"
    r"|(?P<meeting>next\s+(?:[\w’'-]+\s+){0,2}?meeting)\b)(?:\s+(?P<year>20\d\d)\b)?",
    re.IGNORECASE,
)
DUE_SCAN = 1_000  # characters of an action or owner line looked through for its due date in words
FORWARD_PLAN_LINE = re.compile(r"\bforward\s+plan\b", re.IGNORECASE)
PLAN_LEVEL_HEADING = re.compile(
    r"^(?:forward\s+plan|any\s+other\s+business|aob|plan[-\s]level\s+(?:actions|items)|for\s+the\s+whole\s+plan)"
    r"\s*:?$",
    re.IGNORECASE,
)
NOT_SAVED_YET = "They are saved as the plan's forward plan, shown at the foot of the plan's page."
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
    due_words: str = ""  # when it is due, in the document's words ("in September"), as written
    due_on: date | None = None  # those words as a date, where unambiguous (due_date_of)

    def due(self):
        """The action's due fields: the date read from its words, else the words as the meeting it is due by
        ("September" for "in September", as the action form's example has it)."""
        if self.due_on or not self.due_words:
            return {"due_on": self.due_on, "due_by_meeting": ""}
        words = DUE_WORDS.match(self.due_words)
        meeting = self.due_words[words.end("preposition") :] if words and words.group("preposition") else self.due_words
        return {"due_on": None, "due_by_meeting": meeting.strip()[:LINE_LIMIT]}


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
    forward_items: list = field(default_factory=list)  # ParsedActions standing at plan level, under no area
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def counts(self):
        actions = [action for area in self.areas for action in area.actions]
        return {
            "areas": len(self.areas),
            "actions": len(actions),
            "updates": sum(len(action.updates) for action in actions),
            "owners": sum(len(action.owners) for action in actions),
            "plan-level items": len(self.forward_items),
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
    lines, so a title over two paragraphs is read as one, as it is from the text file. A document spaced by its
    paragraph styles instead, with no empty paragraph between its first and last words, gets a blank line where
    Word shows space between two paragraphs (_Spacing), so its title in the Title style is still one title."""
    document = _open_word(content)
    lines, number, reading, spacing = [], 0, limits().reading(), _Spacing(document)
    list_styles = {style.style_id for style in document.styles if (style.name or "").startswith("List Number")}
    gaps = []  # before each paragraph: whether Word shows space or a change to or from a heading there
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
        gaps.append(spacing.before(paragraph._p))
    words = [index for index, line in enumerate(lines) if line]
    if words and "" not in lines[words[0] : words[-1]]:
        spaced = [part for line, gap in zip(lines, gaps, strict=True) for part in ([""] if gap else []) + [line]]
        return spaced[: MAX_LINES + 1]
    return [part for line, gap in zip(lines, gaps, strict=True) for part in ([""] if gap == HEADING else []) + [line]]


HEADING = "heading"  # a gap made by a change of style to or from a title or heading, whatever the spacing


class _Spacing:
    """Whether Word lays out space between a paragraph and the one before it: the larger of the space after the
    one and before the other (each from the paragraph's own format, else its style, else the styles that style is
    based on, else the document's defaults), none between two paragraphs of one style that asks for none
    (contextual spacing). A change to or from a Title, Subtitle or Heading style is a gap whatever the spacing,
    but a Title and a Subtitle together are one title."""

    def __init__(self, document):
        self.styles = {}
        self.default_style = None
        for style in document.styles.element.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            self.styles[style_id] = style
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                self.default_style = style_id
        defaults = document.styles.element.find(qn("w:docDefaults"))
        self.defaults = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None
        self.last = None  # (style id, space after, contextual) of the paragraph before

    def before(self, p):
        style_id = p.style or self.default_style
        chain = [p.pPr, *self.style_chain(style_id), self.defaults]
        space_before, space_after = self.first(chain, "before"), self.first(chain, "after")
        contextual = self.first(chain, "contextual")
        last, self.last = self.last, (style_id, space_after, contextual)
        if last is None:
            return False
        kinds = self.kind(last[0]), self.kind(style_id)
        if kinds == ("title", "title"):
            return False
        if last[0] != style_id and "heading" in kinds or kinds.count("title") == 1:
            return HEADING
        if last[0] == style_id and (contextual or last[2]):
            return False
        return max(last[1] or 0, space_before or 0) > 0

    def style_chain(self, style_id):
        chain, seen = [], set()
        while style_id in self.styles and style_id not in seen and len(chain) < 20:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style.find(qn("w:pPr")))
            based_on = style.find(qn("w:basedOn"))
            style_id = based_on.get(qn("w:val")) if based_on is not None else None
        return chain

    def kind(self, style_id):
        style = self.styles.get(style_id)
        name_element = style.find(qn("w:name")) if style is not None else None
        name = (name_element.get(qn("w:val")) or "").lower() if name_element is not None else ""
        if name in ("title", "subtitle"):
            return "title"
        return "heading" if name.startswith("heading") else "text"

    @staticmethod
    def first(chain, what):
        """The first setting in the chain: space "before" or "after" in twips (auto spacing as some), or whether
        spacing is "contextual"; None where nothing sets it."""
        for properties in chain:
            if properties is None:
                continue
            if what == "contextual":
                element = properties.find(qn("w:contextualSpacing"))
                if element is not None:
                    return element.get(qn("w:val"), "1") not in ("0", "false", "off")
                continue
            element = properties.find(qn("w:spacing"))
            if element is None:
                continue
            if element.get(qn(f"w:{what}Autospacing")) in ("1", "true", "on"):
                return 1
            value = element.get(qn(f"w:{what}"))
            if value is not None:
                return int(value) if value.isdigit() else 0
        return None


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


def _month(name):
    return MONTHS[name[:3].lower()]


def _update_text(match):
    """An update line's text; None for a date that is no update's: a date followed by text with no dash or colon
    between them, unless "Update" or a bracket says it is one ("Update (16/07/20) Carmel to share …")."""
    if match.group("text") is not None:
        return match.group("text")
    rest = match.group("rest")
    if (match.group("update") or match.group("open")) and (not rest or rest[0].isspace()):
        return rest.strip()
    return None


def _due_words(text):
    """The first words in the text that say when it is due: a month or season after "in", "by", "for"…, or with
    a year ("Autumn 2021"), or a next meeting; looked for in its first DUE_SCAN characters, where an action or
    owner line says it, so that a line of thousands of words is not searched at every word."""
    for match in DUE_WORDS.finditer(text, 0, DUE_SCAN):
        if match.group("preposition") or match.group("year") or match.group("meeting"):
            return match
    return None


def due_date_of(words, latest_update):
    """A due date in words (a DUE_WORDS match) as (date or None, how it was read, for the warning).

    A month or season is due on its last day ("by end of March": 31 March; spring, summer and autumn end in May,
    August and November). Its year is the one written ("Autumn 2021"), else it is read from the plan: a plan
    names months ahead of the meeting that wrote them, and the document was last written at its latest dated
    update, so a month is the first of that name ending on or after that update (in the North Central London
    plan, last updated 16/07/20, "in September" is 30 September 2020). With no year written and no dated update
    there is no telling the year: no date is set and the words are kept. A winter runs into the next year and a
    meeting is not a date, so neither is ever read as one: the words are kept."""
    if words.group("meeting"):
        return None, ": a meeting, not a date"
    season = (words.group("season") or "").lower()
    if season == "winter":
        return None, ": a winter runs into the next year"
    month = SEASON_ENDS[season] if season else _month(words.group("month"))
    if words.group("year"):
        year = int(words.group("year"))
        return date(year, month, calendar.monthrange(year, month)[1]), ""
    if latest_update is None:
        return None, ": the plan has no dated update to tell which year"
    year = latest_update.year
    if date(year, month, calendar.monthrange(year, month)[1]) < latest_update:
        year += 1
    name = season or calendar.month_name[month]
    how = (
        f", the first {name} after the plan's latest update ({latest_update:%-d %B %Y}): "
        "change the action's due date if it means another"
    )
    return date(year, month, calendar.monthrange(year, month)[1]), how


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
    for action in [action for area in plan.areas for action in area.actions] + plan.forward_items:
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
        self.at_plan_level = False  # under a plan-level heading, or an action above the first area
        self.forward_lines = []  # the line each plan-level item starts on
        self.said_when = []  # (action, line number, text) of each action and owner line, for its due date in words

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
        self.read_due_dates()
        if self.plan.forward_items:
            self.plan.warnings.append(self.forward_warning())

    def forward_warning(self):
        count = len(self.plan.forward_items)
        read = f"{count} plan-level item{' was' if count == 1 else 's were'} read, and kept out of the areas: "
        items = (
            f"‘{shortened(item.what, 160)}’ (line {line})"
            for item, line in zip(self.plan.forward_items, self.forward_lines, strict=True)
        )
        return f"{read}{'; '.join(items)}. {NOT_SAVED_YET}"

    def read_due_dates(self):
        """Each action's first due date in words, on its action or owner line, read by due_date_of and said."""
        written = [update[0] for action in self.all_actions() for update in action.updates]
        latest = max(written, default=None)
        for action, number, text in self.said_when:
            if action.due_words or not (match := _due_words(text)):
                continue
            action.due_words = match.group(0)
            action.due_on, how = due_date_of(match, latest)
            read = f"read as due on {action.due_on:%-d %B %Y}" if action.due_on else "kept as written, with no due date"
            self.plan.warnings.append(f"Line {number}: ‘{action.due_words}’ {read}{how}")

    def all_actions(self):
        return [action for area in self.plan.areas for action in area.actions] + self.plan.forward_items

    def line(self, number, line):
        if match := AREA.match(line):
            self.start_area(int(match.group(1)), match.group(2), number)
        elif (match := DATED.match(line)) and (text := _update_text(match)) is not None:
            self.dated(number, match, text)
        elif match := LOOKS_DATED.match(line):
            self.plan.errors.append(f"Line {number}: ‘{match.group(0).rstrip(' :')}’ is not a date (write dd/mm/yy)")
        elif self.title_lines and PLAN_LEVEL_HEADING.match(line):
            self.at_plan_level, self.action, self.update, self.activity = True, None, None, ""
            self.place = "after owner"
        elif (match := LABEL.match(line)) and self.takes(label := match.group(1).lower().replace(" ", "")):
            self.labelled(label, match.group(2).strip(), number)
        else:
            self.paragraph(number, line)

    def takes(self, label):
        """Whether a labelled line is read as one: in an area or at plan level; above the first area, an action
        line after the title is a plan-level item (and the lines after it are its own), anything else is text."""
        if self.area is not None or self.at_plan_level:
            return True
        if self.title_lines and label.startswith("action"):
            self.at_plan_level = True
            return True
        return False

    def start_area(self, number, title, line_number):
        if any(area.number == number for area in self.plan.areas):
            self.plan.errors.append(f"Line {line_number}: there are two areas numbered {number}")
        title = self.one_line(line_number, title, "the area's title")
        self.area = ParsedArea(number=number, title=title.strip()[:LINE_LIMIT])
        self.plan.areas.append(self.area)
        self.action = self.update = None
        self.activity, self.place, self.at_plan_level = "", "why", False

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
            self.new_action(text, number)
            self.place = "what"
        elif label.startswith("action/owner"):
            owners = parse_owners(text)
            # "Action / Owners: DCSs / LIIA." names only owners: the activity above it is the action.
            if " to " not in f" {text} " and self.activity:
                self.activity, what = "", self.activity
            else:
                what = text
            self.new_action(what, number)
            self.action.owners_text, self.action.owners = text, owners
            self.place = "after owner"
        elif self.action is None or self.action.owners_text:
            self.plan.warnings.append(f"Line {number}: an owner line with no action above it was left out: {text}")
        else:
            self.action.owners_text, self.action.owners = text, parse_owners(text)
            self.said_when.append((self.action, number, text))
            self.place = "after owner"

    def new_action(self, what, number):
        """An action of the area, or a plan-level item: under a plan-level heading, above the first area, or
        putting something on the forward plan ("… on the forward plan for September")."""
        self.action = ParsedAction(what=what, activity=self.activity)
        if self.at_plan_level or FORWARD_PLAN_LINE.search(what):
            self.plan.forward_items.append(self.action)
            self.forward_lines.append(number)
        else:
            self.area.actions.append(self.action)
        self.said_when.append((self.action, number, what))
        self.activity, self.update = "", None

    def dated(self, number, match, text):
        raw = match.group("date")
        if match.group("day"):
            day, month, year = match.group("day", "month", "year")
        else:
            day, month, year = match.group("word_day"), _month(match.group("word_month")), match.group("word_year")
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
