"""
A PDF proforma's text, read with pdfplumber as its pages show it: lines in reading order, and each table as rows of
cells (a two-column table of questions and answers is read as a Word one is). The PDF is checked as every uploaded
PDF is (submissions/pdfs.py) before it is read; a scan without a text layer, or an encrypted PDF, is refused.
"""

import io
import re
from itertools import islice

import pdfplumber
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfplumber.page import Page

from submissions import office, pdfs
from submissions.importers.blocks import Block
from submissions.importers.categories import EMPTY, TICKED
from submissions.importers.errors import ProformaFileError
from submissions.importers.limits import TooMuchToRead
from submissions.importers.text import CONTROL, LIST_ITEM, line_block

MAX_PAGES = 30  # a proforma is two to four pages; a long one with its attachments printed in, ten
SCAN = (
    "This PDF is a scan, with no text in it: the portal cannot read a picture of a page. Upload the Word file "
    "it was printed from, or type the answers into the form"
)
ENCRYPTED = (
    "This PDF is password-protected or encrypted, so it cannot be read. Upload the Word file it was made from, "
    "or print it to a new PDF without a password and upload that"
)
# The bullets Word's Symbol and Wingdings fonts draw, which a PDF gives as private-use characters.
BULLETS = re.compile("^[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf02d]")
BOX = re.compile(rf"^\s*(?:{TICKED}|{EMPTY})")  # '☐ With communities': a choice of its own, as a list item is
SPACE = 0.25  # a space's width, as a share of the type's size (a quarter of an em in the common fonts)
HYPHENATED = re.compile(r"[^\W\d_]-$")  # a word broken at its hyphen across two lines: co-|facilitated
DAMAGED = "The selected PDF is damaged and cannot be read. Upload the Word file it was made from"
TOO_MANY_PAGES = f"The selected PDF has more than {MAX_PAGES} pages: a proforma is a few pages"


def read_pdf(data, reading):
    """The PDF's blocks in reading order; ProformaFileError for a PDF we do not open, cannot read, or a scan."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if pdf.doc.encryption:
                raise ProformaFileError(ENCRYPTED)
            try:
                pdfs.check_pdf(data)
            except office.Refused as refused:
                raise ProformaFileError(refused.message) from refused
            blocks = list(_blocks(pdf, reading))
    except ProformaFileError:
        raise
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds for a damaged file or a password
        raise ProformaFileError(ENCRYPTED if "password" in repr(error).lower() else DAMAGED) from error
    if not any(part.text for block in blocks for part in block.nested()):
        raise ProformaFileError(SCAN)
    return blocks


def _blocks(pdf, reading):
    declared = resolve1(resolve1(pdf.doc.catalog.get("Pages") or {}).get("Count"))
    if isinstance(declared, int) and declared > MAX_PAGES:
        raise TooMuchToRead(TOO_MANY_PAGES)
    doctop, edges = 0, []
    for number, page_object in enumerate(islice(PDFPage.create_pages(pdf.doc), MAX_PAGES + 1), start=1):
        if number > MAX_PAGES:  # the page count it declared was not the truth
            raise TooMuchToRead(TOO_MANY_PAGES)
        page = Page(pdf, page_object, page_number=number, initial_doctop=doctop)
        doctop += page.height
        yield from _page_blocks(page, reading, edges)
        reading.check_time()
    _mark_margins(edges)


# A page's header and footer as a printed Word file places them: within this many points of its top or bottom edge
# (Word's body starts an inch, 72 points, in; its header half an inch)
EDGE = 60
PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)


def _mark_margins(edges):
    """The page headers and footers a printed file repeats ('Newham London – Children …', 'Page 1'): a line at a
    page's top or bottom edge that is a page number, or that another page repeats there (its numbers aside), is
    the margin's, read for the local authority only, never an answer."""
    pages = {}
    for page, block in edges:
        pages.setdefault(_repeated(block.text), set()).add(page)
    for _, block in edges:
        if PAGE_NUMBER.match(block.text) or len(pages[_repeated(block.text)]) > 1:
            block.margin = True


def _repeated(text):
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def _page_blocks(page, reading, edges):
    """A page's paragraphs outside its tables, and its tables' rows, in order down the page; those at the page's
    top or bottom edge are added to edges, (page number, block), for _mark_margins."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda thing: not any(_within(thing, box) for box in boxes)) if boxes else page
    links = [link for link in page.hyperlinks if link.get("uri")]
    placed = []
    for lines in _paragraphs(outside):
        block = _paragraph(lines, reading, links)
        if lines[0]["top"] < EDGE or lines[-1]["bottom"] > page.height - EDGE:
            edges.append((page.page_number, block))
        placed.append((lines[0]["top"], [block]))
    placed += [(table.bbox[1], list(_rows(page, table, reading, links))) for table in tables]
    for _, blocks in sorted(placed, key=lambda pair: pair[0]):
        yield from blocks


def _within(thing, box):
    x0, top, x1, bottom = box
    middle_x = (thing.get("x0", 0) + thing.get("x1", 0)) / 2
    middle_y = (thing.get("top", 0) + thing.get("bottom", 0)) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _paragraphs(region):
    """The region's lines, grouped into paragraphs as a page shows them: a line follows on from the one above
    unless the gap between them is wider than half a line, it starts a list item or a choice's box, or its first
    word would have fitted at the end of the line above (so that line ended a paragraph rather than wrapped)."""
    lines = region.extract_text_lines(strip=True)
    right = max((line["x1"] for line in lines), default=0)
    paragraph = []
    for line in lines:
        line["text"] = BULLETS.sub("•", CONTROL.sub("", line["text"]))
        if paragraph and _starts_paragraph(line, paragraph[-1], right):
            yield paragraph
            paragraph = []
        paragraph.append(line)
    if paragraph:
        yield paragraph


def _starts_paragraph(line, above, right):
    height = above["bottom"] - above["top"]
    if line["top"] - above["bottom"] > height / 2 or LIST_ITEM.match(line["text"]) or BOX.match(line["text"]):
        return True
    return above["x1"] + _first_word_width(line) < right - 1


def _first_word_width(line):
    """How much of a line its first word and a space before it take: measured from the word's own characters
    (an 'm' is three times an 'i'), or, where they cannot be matched to the text, from the line's average."""
    text, chars = line["text"], line.get("chars") or []
    first_word = text.split(" ", 1)[0]
    size = chars[0]["size"] if chars else 0
    if chars and "".join(char["text"] for char in chars[: len(first_word)]) == first_word:
        return chars[len(first_word) - 1]["x1"] - chars[0]["x0"] + size * SPACE
    character = (line["x1"] - line["x0"]) / max(len(text), 1)
    return character * (len(first_word) + 1)


def _paragraph(lines, reading, links):
    text = lines[0]["text"]
    for line in lines[1:]:
        text += line["text"] if HYPHENATED.search(text) else " " + line["text"]
    reading.line(text)
    block = line_block(text)
    block.links = [link for link in map(lambda link: _link(link, lines), links) if link]
    return block


def _link(link, lines):
    """A link annotation over the paragraph's lines, as (the words under it, its address); None if over none."""
    words, before = "", None
    for line in lines:
        for character in line["chars"]:
            if _within(character, _box(link)):
                apart = before is not None and character["x0"] - before["x1"] > character["size"] / 6
                words += (" " if apart or before is not None and character["top"] > before["bottom"] else "") + (
                    character["text"]
                )
                before = character
    words = " ".join(words.split())
    return (words, link["uri"]) if words else None


def _box(thing):
    return (thing["x0"], thing["top"], thing["x1"], thing["bottom"])


def _rows(page, table, reading, links):
    rows = table.rows
    width = max((len(row.cells) for row in rows), default=0)
    for position, row in enumerate(rows):
        cells = [
            [
                _paragraph(lines, reading, links)
                for lines in _paragraphs(page.filter(lambda thing, box=box: _within(thing, box)))
            ]
            for box in row.cells
            if box is not None
        ]
        reading.line()
        block = Block(kind="row", cells=cells, continued=[False] * len(cells))
        block.heads_table = position == 0 and width > 1 and len(cells) == 1
        yield block
