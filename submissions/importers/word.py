"""
One walk over a Word document's body in reading order, making blocks: paragraphs, headings, list items
and table rows (merged and nested cells included), with content controls, text boxes, hyperlinks and
fields read as Word shows them, and tracked changes as the author meant them. Footnotes and endnotes are
read for their links, listed where their marks stand, and page headers and footers for the local authority
where the body names none.
"""

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from submissions.importers.blocks import Block
from submissions.importers.links import web_links
from submissions.importers.lists import Numbering
from submissions.importers.ooxml import DESCEND, MC, alternative, children, filled_in, number, w
from submissions.importers.runs import Runs
from submissions.importers.text import LIST_ITEM

# Parts python-docx does not parse (footnotes, endnotes) are parsed here, never resolving an entity or
# fetching a DTD; a file declaring a DTD is refused before it gets this far (see files.py).
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def read_word(document, reading):
    """The blocks of a python-docx Document, body first, then the paragraphs of the footnotes and endnotes no mark
    in it refers to (a marked note's links are its mark's paragraph's), then its page headers' and footers'; None
    when the document has no body to read. `reading` (a limits.Reading) stops the walk at its limits."""
    body = document.element.find(w("body"))
    if body is None:
        return None
    walk = Walk(document.part, reading)
    for part in parts_of(document.part, (RT.FOOTNOTES, RT.ENDNOTES)):
        if (notes := parsed(part)) is not None:  # damaged notes: the document is still read; notes only add links
            walk.notes.update(Walk(part, reading, numbering=walk.numbering).notes_of(notes))
    blocks = list(walk.blocks(body))
    for key, note in walk.notes.items():
        if key not in walk.marked:
            for block in note:
                block.note = True
                blocks.append(block)
    for part in parts_of(document.part, (RT.HEADER, RT.FOOTER)):
        if (margin := parsed(part)) is not None:
            for block in Walk(part, reading, numbering=walk.numbering).blocks(margin):
                for line in block.nested():
                    line.margin = True
                blocks.append(block)
    return blocks


def parts_of(part, kinds):
    return [rel.target_part for rel in part.rels.values() if rel.reltype in kinds and not rel.is_external]


def parsed(part):
    """A part's XML, parsed never resolving an entity or fetching a DTD; None when it is damaged."""
    try:
        return etree.fromstring(part.blob, SAFE_XML)
    except etree.XMLSyntaxError:
        return None


def spans(cell):
    span = cell.find(f"{w('tcPr')}/{w('gridSpan')}")
    return number(span.get(w("val"))) if span is not None else 1


def shaded(cell):
    """A cell filled with a colour (the template shades its questions), not left white or automatic."""
    shading = cell.find(f"{w('tcPr')}/{w('shd')}")
    fill = shading.get(w("fill"), "auto").lower() if shading is not None else "auto"
    return fill not in ("auto", "ffffff", "none")


def marked(block, formats):
    """The block struck through or emphasised when every run of its text is."""
    block.struck = bool(formats) and all(struck for struck, _ in formats)
    block.emphasised = bool(formats) and all(emphasised for _, emphasised in formats)
    return block


class Walk:
    def __init__(self, part, reading, numbering=None):
        self.part = part
        self.reading = reading
        self.numbering = numbering if numbering is not None else Numbering(part)
        self.notes = {}  # ('footnote' or 'endnote', its w:id): the note's blocks
        self.marked = set()  # the notes a mark in the walk refers to

    def blocks(self, container):
        for child in container:
            self.reading.piece()
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

    def notes_of(self, notes):
        """Each footnote or endnote written (Word's separators left out) by its kind and id, with its blocks."""
        for note in notes.iterchildren(w("footnote"), w("endnote")):
            if note.get(w("type")) in (None, "normal"):
                yield (etree.QName(note).localname, note.get(w("id"))), list(self.blocks(note))

    def links_of_note(self, mark):
        """The links of the note a w:footnoteReference or w:endnoteReference refers to, at its first mark only (none
        when it is not found)."""
        key = ("footnote" if mark.tag == w("footnoteReference") else "endnote", mark.get(w("id")))
        if key not in self.notes or key in self.marked:
            return []
        self.marked.add(key)
        return web_links(self.notes[key], titled=False)

    def table(self, table):
        width = len(table.findall(f"{w('tblGrid')}/{w('gridCol')}"))
        for position, row in enumerate(children(table, w("tr"))):
            cells, continued = [], []
            row_cells = list(children(row, w("tc")))
            for cell in row_cells:
                merge = cell.find(f"{w('tcPr')}/{w('vMerge')}")
                continued.append(merge is not None and merge.get(w("val"), "continue") == "continue")
                cells.append(list(self.blocks(cell)))
                if shaded(cell):
                    for block in cells[-1]:
                        block.shaded = True
            self.reading.line()
            block = Block(kind="row", cells=cells, continued=continued)
            block.heads_table = position == 0 and width > 1 and len(row_cells) == 1 and spans(row_cells[0]) >= width
            yield block

    def paragraph(self, paragraph):
        runs = Runs(self)
        runs.read(paragraph)
        block = marked(
            Block(text=runs.text(), links=runs.links, places=runs.places(), ticks=runs.ticks, unanswered=runs.unfilled),
            runs.formats,
        )
        self.reading.line()  # its text was counted run by run
        self.numbering.describe(paragraph, block)
        if block.kind == "paragraph" and (typed := LIST_ITEM.match(block.text)):
            # '1. ' or '•<tab>' typed rather than Word's numbering: a list item all the same, as in a text file
            block.kind, block.ordered, block.text = "item", bool(typed.group("number")), block.text[typed.end() :]
        if runs.breaks:
            block.lines = [
                marked(Block(text, links=links, places=places, ticks=ticks), formats)
                for text, links, ticks, formats, places in runs.lines()
            ]
        yield block
        for box in runs.text_boxes:
            yield from self.blocks(box)

    def address(self, rid):
        relationship = self.part.rels.get(rid) if rid else None
        return relationship.target_ref if relationship is not None and relationship.is_external else ""
