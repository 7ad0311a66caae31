"""
Completed Sharing Practice proformas (Word .docx or plain text) read into the proforma's
fields, with warnings for a person to check. Nothing here saves anything.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from submissions.models import LocalAuthority, SharingCategory

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a .docx whose parts expand past this is refused (zip bombs)
MAX_RATIO = 200
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ProformaFileError(Exception):
    """The file cannot be read as a proforma; the message says why, for the person who chose it."""


@dataclass
class Line:
    text: str
    bullet: bool = False
    emphasised: bool = False  # bold or highlighted: how some returns mark a category
    links: list = field(default_factory=list)  # (text, url)


@dataclass
class ParsedProforma:
    local_authority: LocalAuthority | None = None
    local_authority_text: str = ""
    title: str = ""
    categories: list = field(default_factory=list)
    description: str = ""
    impact: str = ""
    contacts: list = field(default_factory=list)
    links: list = field(default_factory=list)
    warnings: dict = field(default_factory=dict)

    @property
    def summary(self):
        """The template has no short summary: the description's first paragraph stands in for one."""
        return summary_from(self.description)

    def warn(self, field_name, message):
        self.warnings.setdefault(field_name, []).append(message)


def parse_proforma(file, filename=""):
    data = file.read(MAX_FILE_BYTES + 1)
    if not data.strip():
        raise ProformaFileError("The selected file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ProformaFileError("The selected file must be smaller than 20 MB")
    if data.startswith(OLE2):
        raise ProformaFileError(
            "This document is password-protected or in the older .doc format. Remove any password, "
            "save it as a Word document (.docx) and upload it again."
        )
    lines = docx_lines(data) if data.startswith(b"PK\x03\x04") else text_lines(data)
    return read_lines(lines)


# -- reading files ---------------------------------------------------------------------------


def docx_lines(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ProformaFileError("The selected file is damaged and cannot be opened as a Word document") from error
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise ProformaFileError("The selected file is not a Word document")
    unpacked = sum(entry.file_size for entry in entries)
    ratio = max((e.file_size / max(e.compress_size, 1) for e in entries), default=0)
    if unpacked > MAX_UNPACKED_BYTES or ratio > MAX_RATIO:
        raise ProformaFileError(
            "The selected file expands to far more than a proforma could hold, so it was not opened"
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for damaged files
        raise ProformaFileError("The selected file is damaged and cannot be opened as a Word document") from error
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(paragraph_line(block))
        elif isinstance(block, Table):
            lines += table_lines(block)
    return lines


def paragraph_line(paragraph):
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    runs = [run for run in paragraph.runs if run.text.strip()]
    emphasised = bool(runs) and all(run.bold or run.font.highlight_color for run in runs)
    links = [(link.text, link.address) for link in paragraph.hyperlinks if link.address]
    return Line(paragraph.text, bullet="list" in style or numbered, emphasised=emphasised, links=links)


def table_lines(table):
    """Two-column tables are label/value pairs; other tables are read row by row."""
    lines = []
    for row in table.rows:
        cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))  # merged cells repeat
        if len(cells) == 2 and cells[0]:
            lines.append(Line(f"{cells[0].rstrip(':')}: {cells[1]}"))
        else:
            lines += [Line(text) for text in cells if text]
    return lines


def text_lines(data):
    if b"\x00" in data[:4096]:
        raise ProformaFileError("The selected file is not a Word document or a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return [text_line(raw) for raw in text.splitlines()]


BULLET = re.compile(r"^\s*(?:[·•▪◦*-]|\d+[.)])\s+")


def text_line(raw):
    bullet = BULLET.match(raw)
    return Line(raw[bullet.end() :] if bullet else raw, bullet=bool(bullet))


# -- reading the proforma --------------------------------------------------------------------

BOILERPLATE = re.compile(
    r"^(anti-racist work and tackling disproportionality|please use this template|please give a short description)",
    re.IGNORECASE,
)
LABELS = {
    "local_authority": re.compile(r"^\s*(?:la name|local authority(?: name)?|la|borough)\s*:\s*(.*)$", re.I),
    "title": re.compile(r"^\s*(?:name of (?:the )?project or approach|project(?: name)?|approach)\s*:\s*(.*)$", re.I),
    "contact": re.compile(r"^\s*contacts?(?: details)?\s*:\s*(.*)$", re.I),
    "resources": re.compile(r"^\s*(?:resources?|documents?|links?)(?: and documents)?\s*:\s*(.*)$", re.I),
}
IMPACT = re.compile(r"^\s*impact\b[^:]{0,40}:?\s*(.*)$", re.I)
MARKED = re.compile(r"^\s*(?:☒|✓|✔|\[\s*[xX✓✔]\s*\]|[xX](?=\s))|(?:☒|✓|✔|\[\s*[xX✓✔]\s*\]|\s[xX])\s*$")
UNMARKED = re.compile(r"^\s*(?:☐|\[\s*\])")
URL = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:]")


def read_lines(lines):
    parsed = ParsedProforma()
    categories = {category.name.lower(): category for category in SharingCategory.objects.all()}
    found_template = False
    body, impact, in_impact = [], [], False
    contact_text = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if BOILERPLATE.match(text):
            found_template = True
            continue
        if category := category_in(text, categories):
            found_template = True
            if (MARKED.search(text) or line.emphasised) and not UNMARKED.match(text):
                parsed.categories.append(category)
            continue
        if match := LABELS["local_authority"].match(text):
            found_template, parsed.local_authority_text = True, match.group(1).strip()
            continue
        if match := LABELS["title"].match(text):
            found_template, parsed.title = True, match.group(1).strip()
            continue
        if match := LABELS["contact"].match(text):
            contact_text.append(match.group(1))
            continue
        if LABELS["resources"].match(text):
            parsed.links += line.links or [(url, url) for url in URL.findall(text)]
            continue
        if (match := IMPACT.match(text)) and len(text) < 60:
            in_impact = True
            if match.group(1):
                impact.append(Line(match.group(1), bullet=line.bullet))
            continue
        parsed.links += line.links + [(url, url) for url in URL.findall(text) if url not in dict(line.links).values()]
        if re.search(r"\bcontact\b", text, re.I):
            contact_text.append(text)
        (impact if in_impact else body).append(line)
    if not found_template:
        raise ProformaFileError(
            "We could not find the proforma's questions in this document. Check it is a completed "
            "Sharing Practice proforma, or fill in the form instead."
        )
    parsed.description, parsed.impact = markdown_of(body), markdown_of(impact)
    titles = {}
    for title, url in parsed.links:
        titles.setdefault(url, title)  # each address once, with the first words it was linked from
    parsed.links = [{"title": title, "url": url} for url, title in titles.items()]
    parsed.contacts = contacts_in("\n".join(contact_text))  # a name never runs on to the next line
    check(parsed)
    return parsed


def category_in(text, categories):
    bare = re.sub(r"^[\s☒☐✓✔·•*\-\[\]xX]+(?=[A-Z])|[\s☒☐✓✔\[\]]+$|\s[xX]$", "", text).strip().lower()
    return categories.get(bare)


def markdown_of(lines):
    """Paragraphs separated by blank lines; consecutive bullets as one list."""
    blocks = []
    for line in lines:
        item = f"- {line.text.strip()}" if line.bullet else line.text.strip()
        if line.bullet and blocks and blocks[-1].startswith("- "):
            blocks[-1] += "\n" + item
        else:
            blocks.append(item)
    return "\n\n".join(blocks)


NAME = r"[A-Z][a-zA-Z'’-]+(?: [A-Z][a-zA-Z'’-]+)+"
NAME_WITH_ROLE = re.compile(rf"({NAME})\s*\(([^)]+)\)")
NAME_AFTER_CONTACT = re.compile(rf"\bcontact\s+({NAME})")
NAME_THEN_COMMA_ROLE = re.compile(rf"^\s*({NAME}),\s*([^,@\d\n][^,@\n]*?)(?=,|$)", re.MULTILINE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+44\s?|0)\d[\d\s]{8,12}\d")


def contacts_in(text):
    """People named with a role in brackets or after a comma, or after the word contact; then
    each email and phone number goes to the person named just before it."""
    found = {}
    for pattern in (NAME_WITH_ROLE, NAME_THEN_COMMA_ROLE, NAME_AFTER_CONTACT):
        for match in pattern.finditer(text):
            name = match.group(1).strip()
            role = match.group(2).strip() if pattern.groups > 1 else ""
            if name not in found or (role and not found[name]["role"]):
                found[name] = {"name": name, "role": role, "email": "", "phone": "", "at": match.start()}
    people = sorted(found.values(), key=lambda person: person["at"])
    for kind, pattern in (("email", EMAIL), ("phone", PHONE)):
        for match in pattern.finditer(text):
            before = [person for person in people if person["at"] < match.start()]
            if before and not before[-1][kind]:
                before[-1][kind] = match.group(0).strip()
    return [{key: person[key] for key in ("name", "role", "email", "phone")} for person in people]


def normalised(name):
    name = name.lower().replace("&", " and ")
    name = re.sub(r"\b(london borough of|royal borough of|borough of|lb|council|the)\b", " ", name)
    return re.sub(r"[^a-z]+", " ", name).strip()


def match_local_authority(text):
    wanted = normalised(text)
    if not wanted:
        return None
    for authority in LocalAuthority.objects.all():
        if wanted in {normalised(authority.name), normalised(authority.short_name)}:
            return authority
    return None


def check(parsed):
    parsed.local_authority = match_local_authority(parsed.local_authority_text)
    if not parsed.local_authority_text:
        parsed.warn("local_authority", "The proforma does not name a local authority. Select yours.")
    elif parsed.local_authority is None:
        parsed.warn("local_authority", f"‘{parsed.local_authority_text}’ is not a London local authority we know.")
    if not parsed.title:
        parsed.warn("title", "The proforma does not give the name of the project or approach. Enter one.")
    if not parsed.categories:
        parsed.warn("categories", "No sharing category was marked. Select the ones that apply.")
    if not parsed.contacts:
        parsed.warn("contacts", "We found no contact. Add at least one.")
    if parsed.description:
        parsed.warn("summary", "The Word template has no short summary, so we used the start of the description.")
    if not parsed.impact:
        parsed.warn("impact", "We found no separate impact section. Check the description and fill in the impact.")


def summary_from(text, limit=600):
    """The first paragraph, cut at the last full sentence that fits."""
    first = text.split("\n\n", 1)[0].lstrip("- ").strip()
    if len(first) <= limit:
        return first
    cut = first[:limit]
    return cut[: cut.rfind(". ") + 1] if ". " in cut else cut.rsplit(" ", 1)[0] + "…"
