"""
One walk over a Word document's body in reading order, making blocks: paragraphs, headings, list items
and table rows (merged and nested cells included), with content controls, text boxes, hyperlinks and
fields read as Word shows them, and tracked changes as the author meant them. Headers and footers are not
read; footnotes and endnotes are, for their links.
"""

import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from submissions.importers.blocks import Block

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(name):
    return f"{{{W}}}{name}"


# Parts python-docx does not parse (footnotes, endnotes) are parsed here, never resolving an entity or
# fetching a DTD; a file declaring a DTD is refused before it gets this far (see files.py).
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
SKIPPED = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("sdtPr"), w("proofErr"), w("commentRangeStart")}
DESCEND = {w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("sdtContent"), w("bdo"), w("dir")}
HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+"?([^"\s]+)"?', re.IGNORECASE)
# Tick and box characters in the symbol fonts (w:sym, or text in that font): True ticked, False empty.
SYMBOL_TICKS = {
    "wingdings": {0xFE: True, 0xFC: True, 0xFB: True, 0xFD: True, 0x78: True, 0xA8: False, 0x6F: False, 0x71: False},
    "wingdings 2": {0x52: True, 0x53: True, 0x50: True, 0x4F: True, 0xA3: False, 0x2A: False, 0x85: False},
    "symbol": {0xD6: True, 0xB4: True},
}


def read_word(document):
    """The blocks of a python-docx Document, body first, then its footnotes' and endnotes' paragraphs;
    None when the document has no body to read."""
    body = document.element.find(w("body"))
    if body is None:
        return None
    walk = Walk(document.part)
    blocks = list(walk.blocks(body))
    for part in note_parts(document.part):
        notes = etree.fromstring(part.blob, SAFE_XML)
        for block in Walk(part, numbering=walk.numbering).blocks_of_notes(notes):
            block.note = True
            blocks.append(block)
    return blocks


def note_parts(part):
    return [rel.target_part for rel in part.rels.values() if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES)]


class Walk:
    def __init__(self, part, numbering=None):
        self.part = part
        self.numbering = numbering if numbering is not None else Numbering(part)

    def blocks(self, container):
        for child in container:
            tag = child.tag
            if tag == w("p"):
                yield from self.paragraph(child)
            elif tag == w("tbl"):
                yield from self.table(child)
            elif tag == w("sdt"):
                yield from self.blocks(filled_in(child))
            elif tag in DESCEND:
                yield from self.blocks(child)
            elif tag == f"{{{MC}}}AlternateContent":
                yield from self.blocks(alternative(child))

    def blocks_of_notes(self, notes):
        for note in notes.iterchildren(w("footnote"), w("endnote")):
            if note.get(w("type")) in (None, "normal"):
                yield from self.blocks(note)

    def table(self, table):
        for row in children(table, w("tr")):
            cells, continued = [], []
            for cell in children(row, w("tc")):
                merge = cell.find(f"{w('tcPr')}/{w('vMerge')}")
                continued.append(merge is not None and merge.get(w("val"), "continue") == "continue")
                cells.append(list(self.blocks(cell)))
            yield Block(kind="row", cells=cells, continued=continued)

    def paragraph(self, paragraph):
        runs = Runs(self)
        runs.read(paragraph)
        block = Block(text=runs.text(), links=runs.links, ticks=runs.ticks, unanswered=runs.unfilled)
        block.struck = bool(runs.formats) and all(struck for struck, _ in runs.formats)
        block.emphasised = bool(runs.formats) and all(emphasised for _, emphasised in runs.formats)
        self.numbering.describe(paragraph, block)
        yield block
        for box in runs.text_boxes:
            yield from self.blocks(box)

    def address(self, rid):
        relationship = self.part.rels.get(rid) if rid else None
        return relationship.target_ref if relationship is not None and relationship.is_external else ""


def unfilled(sdt):
    return sdt.find(f"{w('sdtPr')}/{w('showingPlcHdr')}") is not None


def filled_in(sdt):
    """A content control's content, or nothing while it still shows the template's placeholder text."""
    if unfilled(sdt):
        return []
    content = sdt.find(w("sdtContent"))
    return content if content is not None else []


def children(element, tag):
    """element's children with this tag, also where content controls or custom XML wrap them."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from children(child, tag)


def alternative(element):
    """The first choice of an mc:AlternateContent (what Word itself shows), else its fallback: never both."""
    chosen = element.find(f"{{{MC}}}Choice")
    if chosen is None:
        chosen = element.find(f"{{{MC}}}Fallback")
    return chosen if chosen is not None else []


class Runs:
    """A paragraph's text, links, ticks and run formatting, read run by run with fields as Word shows them."""

    def __init__(self, walk):
        self.walk = walk
        self.parts, self.links, self.ticks, self.formats, self.text_boxes = [], [], [], [], []
        self.unfilled = False  # a content control in it still shows the template's placeholder
        self.fields = []  # open complex fields: [instruction, showing result, where the result starts, tick]

    def text(self):
        return "".join(self.parts).strip()

    def length(self):
        return sum(len(part) for part in self.parts)

    def read(self, element):
        for child in element:
            tag = child.tag
            if tag in SKIPPED:
                continue
            if tag == w("r"):
                self.run(child)
            elif tag == w("hyperlink"):
                start = self.length()
                self.read(child)
                self.link(start, self.walk.address(child.get(f"{{{R}}}id")))
            elif tag == w("fldSimple"):
                start = self.length()
                self.read(child)
                if match := HYPERLINK_FIELD.match(child.get(w("instr"), "")):
                    self.link(start, match.group(1))
            elif tag == w("sdt"):
                self.control(child)
            elif tag in DESCEND:
                self.read(child)
            elif tag == f"{{{MC}}}AlternateContent":
                self.read(alternative(child))

    def control(self, sdt):
        checkbox = sdt.find(f"{w('sdtPr')}/{{{W14}}}checkbox")
        if checkbox is not None:
            checked = checkbox.find(f"{{{W14}}}checked")
            self.ticks.append(checked is not None and checked.get(f"{{{W14}}}val", "1") in ("1", "true"))
            return  # the box glyph shown in the control says the same thing
        self.unfilled = self.unfilled or unfilled(sdt)
        self.read(filled_in(sdt))

    def link(self, start, address):
        text = "".join(self.parts)[start:].strip()
        if address:
            self.links.append((text or address, address))

    def run(self, run):
        props = run.find(w("rPr"))
        if props is not None and on(props, "vanish"):
            return
        font = symbol_font(props)
        for child in run.iterchildren():
            tag = child.tag
            if tag == w("fldChar"):
                self.field_char(child)
            elif tag == w("instrText"):
                if self.fields:
                    self.fields[-1][0] += child.text or ""
            elif self.fields and not self.fields[-1][1]:
                continue  # inside a field's instruction: not shown
            elif tag == w("t"):
                self.shown(child.text or "", props, font)
            elif tag in (w("tab"), w("ptab")):
                self.parts.append("\t")  # kept: 'Label<tab>answer' is how some returns lay a line out
            elif tag == w("noBreakHyphen"):
                self.parts.append("-")
            elif tag in (w("br"), w("cr")):
                self.parts.append("\n")
            elif tag == w("sym"):
                self.symbol(child.get(w("font"), ""), number(child.get(w("char")), base=16))
            elif tag in (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent"):
                self.text_boxes += text_boxes(child)

    def shown(self, text, props, font):
        if font:
            for char in text:
                self.symbol(font, ord(char))
            return
        self.parts.append(text)
        if text.strip():
            struck = props is not None and (on(props, "strike") or on(props, "dstrike"))
            highlighted = props is not None and props.find(w("highlight")) is not None
            self.formats.append((struck, props is not None and (on(props, "b") or highlighted)))

    def symbol(self, font, code):
        tick = SYMBOL_TICKS.get(font.lower(), {}).get(code & 0xFF)
        if tick is not None:
            self.ticks.append(tick)

    def field_char(self, char):
        kind = char.get(w("fldCharType"))
        if kind == "begin":
            self.fields.append(["", False, 0, form_checkbox(char)])
        elif kind == "separate" and self.fields:
            self.fields[-1][1], self.fields[-1][2] = True, self.length()
        elif kind == "end" and self.fields:
            instruction, _, start, tick = self.fields.pop()
            if tick is not None and "FORMCHECKBOX" in instruction.upper():
                self.ticks.append(tick)
            elif match := HYPERLINK_FIELD.match(instruction):
                self.link(start, match.group(1))


def number(value, base=10):
    """A small whole number from an attribute Word writes (a level, a character code), 0 when it is not one."""
    try:
        return min(max(int(value or "0", base), 0), 0xFFFF)
    except ValueError:
        return 0


def on(props, name):
    """A run property that is on: present, and not switched off with w:val false or 0."""
    element = props.find(w(name))
    return element is not None and element.get(w("val"), "true") not in ("0", "false", "none")


def symbol_font(props):
    fonts = props.find(w("rFonts")) if props is not None else None
    name = (fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or "") if fonts is not None else ""
    return name if name.lower() in SYMBOL_TICKS else ""


def form_checkbox(char):
    """A FORMCHECKBOX's state: w:checked when it was clicked, else its w:default; None for other fields."""
    box = char.find(f"{w('ffData')}/{w('checkBox')}")
    if box is None:
        return None
    for name in ("checked", "default"):
        state = box.find(w(name))
        if state is not None:
            return state.get(w("val"), "1") in ("1", "true")
    return False


def text_boxes(element):
    """The text box contents under a drawing or picture, each once (Word's VML fallback copy skipped)."""
    if element.tag == f"{{{MC}}}AlternateContent":
        element = alternative(element)
        if not len(element):
            return []
    return [box for box in element.iter(w("txbxContent")) if box.getparent().tag != w("txbxContent")]


class Numbering:
    """Whether a paragraph is a heading or a list item (its depth, numbered or bulleted), from its
    numbering properties or its style's."""

    def __init__(self, part):
        self.part, self.formats, self.styles = part, None, None

    def describe(self, paragraph, block):
        props = paragraph.find(w("pPr"))
        if props is None:
            props = etree.Element(w("pPr"))
        style = props.find(w("pStyle"))
        style_id = style.get(w("val")) if style is not None else ""
        name, style_numbering = self.style(style_id)
        outline = props.find(w("outlineLvl"))
        heading = re.match(r"(heading|title)\s*(\d?)", name)
        if heading or outline is not None:
            block.kind = "heading"
            block.level = int(heading.group(2) or 1) if heading else number(outline.get(w("val"))) + 1
            return
        numbering = props.find(w("numPr"))
        if numbering is None:
            numbering = style_numbering
        if numbering is not None:
            list_id = numbering.find(w("numId"))
            depth = numbering.find(w("ilvl"))
            if list_id is not None and list_id.get(w("val")) == "0":
                return  # numbering switched off for this paragraph
            block.kind = "item"
            block.level = min(number(depth.get(w("val"))), 8) if depth is not None else style_depth(name)
            block.ordered = self.ordered(list_id.get(w("val")) if list_id is not None else "", block.level, name)
        elif "list" in name and ("bullet" in name or "number" in name):
            block.kind, block.level, block.ordered = "item", style_depth(name), "number" in name

    def style(self, style_id):
        if self.styles is None:
            self.styles = {}
            try:
                styles = self.part.styles.element
            except (AttributeError, KeyError, NotImplementedError):
                styles = None
            for style in styles.iterchildren(w("style")) if styles is not None else []:
                name = style.find(w("name"))
                self.styles[style.get(w("styleId"))] = (
                    (name.get(w("val"), "") if name is not None else "").lower(),
                    style.find(f"{w('pPr')}/{w('numPr')}"),
                )
        return self.styles.get(style_id, ("", None))

    def ordered(self, number, level, style_name):
        if self.formats is None:
            self.formats = numbering_formats(self.part)
        found = self.formats.get((number, level)) or self.formats.get((number, 0))
        return found not in ("bullet", "none") if found else "number" in style_name


def style_depth(name):
    depth = re.search(r"(\d)$", name)
    return int(depth.group(1)) - 1 if depth else 0


def numbering_formats(part):
    """(numId, level) -> numFmt for the document's list definitions."""
    try:
        numbering = part.numbering_part.element
    except (AttributeError, KeyError, NotImplementedError):
        return {}
    abstract = {
        item.get(w("abstractNumId")): {
            number(level.get(w("ilvl"))): level.find(w("numFmt")).get(w("val"))
            for level in item.iterchildren(w("lvl"))
            if level.find(w("numFmt")) is not None
        }
        for item in numbering.iterchildren(w("abstractNum"))
    }
    formats = {}
    for num in numbering.iterchildren(w("num")):
        source = num.find(w("abstractNumId"))
        for level, fmt in abstract.get(source.get(w("val")) if source is not None else None, {}).items():
            formats[(num.get(w("numId")), level)] = fmt
    return formats
