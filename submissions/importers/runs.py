"""A paragraph's content as Word shows it: text, links (w:hyperlink and HYPERLINK fields, and a footnote's or
endnote's at its mark), ticks (checkbox controls, FORMCHECKBOX fields, tick symbols), run formatting, and the text
boxes it anchors."""

import re
from bisect import bisect_left
from itertools import accumulate

from submissions.importers.links import ANY_ADDRESS
from submissions.importers.ooxml import DESCEND, MC, W14, R, alternative, filled_in, number, on, unfilled, w

SKIPPED = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("sdtPr"), w("proofErr"), w("commentRangeStart")}
FIELD_TOKENS = re.compile(r'"[^"]*"|\S+')
SWITCHES_WITH_ARGUMENT = {"\\l", "\\o", "\\t"}
# Tick and box characters in the symbol fonts (w:sym, or text in that font): True ticked, False empty.
SYMBOL_TICKS = {
    "wingdings": {0xFE: True, 0xFC: True, 0xFB: True, 0xFD: True, 0x78: True, 0xA8: False, 0x6F: False, 0x71: False},
    "wingdings 2": {0x52: True, 0x53: True, 0x50: True, 0x4F: True, 0xA3: False, 0x2A: False, 0x85: False},
    "symbol": {0xD6: True, 0xB4: True},
}
LISTS = ("parts", "links", "ticks", "formats")
MAX_INSTRUCTION = 2_000  # a field's instruction read: a HYPERLINK's, the longest kept, is far shorter

CARRIAGE_RETURN = re.compile(r"\r\n?|\n")


class Runs:
    """A paragraph's text, links, ticks and run formatting, read run by run with fields as Word shows them."""

    def __init__(self, walk):
        self.walk = walk
        self.parts, self.links, self.ticks, self.formats, self.text_boxes = [], [], [], [], []
        self.ends = []  # where each link ends: the number of parts read before it
        self.unfilled = False  # a content control in it still shows the template's placeholder
        self.fields = []  # open complex fields: [instruction, showing result, the part its result starts at, tick]
        self.breaks = []  # where each line break falls: (parts, links, ticks, formats) read before it

    def text(self):
        return "".join(self.parts).strip()

    def places(self, start=(0, 0), end=None):
        """Where each link from `start` to `end` (each (parts, links) read) stands among the addresses written
        out in those parts' text: how many of them come before it (see links.web_links)."""
        (first_part, first_link), (last_part, last_link) = start, end or (len(self.parts), len(self.links))
        if first_link == last_link:
            return []
        parts = self.parts[first_part:last_part]
        lengths = list(accumulate(map(len, parts), initial=0))
        written = [match.start() for match in ANY_ADDRESS.finditer("".join(parts))]
        return [bisect_left(written, lengths[part - first_part]) for part in self.ends[first_link:last_link]]

    def read(self, element):
        for child in element:
            self.walk.reading.piece()
            tag = child.tag
            if tag in SKIPPED:
                continue
            if tag == w("r"):
                self.run(child)
            elif tag == w("hyperlink"):
                start = len(self.parts)
                self.read(child)
                self.link(start, self.walk.address(child.get(f"{{{R}}}id")))
            elif tag == w("fldSimple"):
                start = len(self.parts)
                self.read(child)
                self.link(start, field_address(child.get(w("instr"), "")))
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
        text = "".join(self.parts[start:]).strip()
        if address:
            self.links.append((text or address, address))
            self.ends.append(len(self.parts))

    def run(self, run):
        reading = self.walk.reading
        props = run.find(w("rPr"))
        if props is not None and on(props, "vanish"):
            return
        font = symbol_font(props)
        for child in run.iterchildren():
            reading.piece(len(child.text or ""))  # each counted: a file's text is bounded before it is read
            tag = child.tag
            if tag == w("fldChar"):
                self.field_char(child)
            elif tag == w("instrText"):
                if self.fields and len(self.fields[-1][0]) < MAX_INSTRUCTION:
                    self.fields[-1][0] += child.text or ""
            elif self.fields and not self.fields[-1][1]:
                continue  # inside a field's instruction: not shown
            elif tag == w("t"):
                # a carriage return inside the text (Power Automate and mail-merge write line breaks so): a line break
                for position, line in enumerate(CARRIAGE_RETURN.split(child.text or "")):
                    if position:
                        self.line_break()
                    self.shown(line, props, font)
            elif tag in (w("tab"), w("ptab")):
                self.parts.append("\t")  # kept: 'Label<tab>answer' is how some returns lay a line out
            elif tag == w("noBreakHyphen"):
                self.parts.append("-")
            elif tag in (w("br"), w("cr")):
                self.line_break()
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                for link in self.walk.links_of_note(child):  # the note's links, where its mark stands
                    self.links.append(link)
                    self.ends.append(len(self.parts))
            elif tag == w("sym"):
                self.symbol(child.get(w("font"), ""), number(child.get(w("char")), base=16))
            elif tag in (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent"):
                self.text_boxes += text_boxes(child)

    def line_break(self):
        """Shift+Enter: a new line within the paragraph, which may be a new label, category or contact."""
        self.walk.reading.line()
        self.parts.append("\n")
        self.breaks.append((len(self.parts), len(self.links), len(self.ticks), len(self.formats)))

    def lines(self):
        """Each line between line breaks as (text, links, ticks, formats, places); one line when there are none."""
        ends = [*self.breaks, (len(self.parts), len(self.links), len(self.ticks), len(self.formats))]
        lines, start = [], (0, 0, 0, 0)
        for end in ends:
            parts, links, ticks, formats = (
                getattr(self, name)[a:b] for name, a, b in zip(LISTS, start, end, strict=True)
            )
            lines.append(("".join(parts).strip(), links, ticks, formats, self.places(start[:2], end[:2])))
            start = end
        return lines

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
            self.fields.append(["", False, None, form_checkbox(char)])
        elif kind == "separate" and self.fields:
            self.fields[-1][1], self.fields[-1][2] = True, len(self.parts)
        elif kind == "end" and self.fields:
            instruction, _, start, tick = self.fields.pop()
            if tick is not None and "FORMCHECKBOX" in instruction.upper():
                self.ticks.append(tick)
            else:
                self.link(len(self.parts) if start is None else start, field_address(instruction))


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


def field_address(instruction):
    """The address a HYPERLINK field opens ('' for any other field, or a link within the document)."""
    tokens = FIELD_TOKENS.findall(instruction)
    if not tokens or tokens[0].upper() != "HYPERLINK":
        return ""
    rest = iter(tokens[1:])
    for token in rest:
        if token.lower() == "\\l":
            return ""  # a bookmark in this document
        if token.lower() in SWITCHES_WITH_ARGUMENT:
            next(rest, None)
        elif not token.startswith("\\"):
            return token.strip('"')
    return ""
