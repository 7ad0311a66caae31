"""What a reader makes of a file: blocks in reading order, the one shape both Word and text files become."""

import re
from dataclasses import dataclass, field

# A long run of spaces or tabs inside a line (more than a typist's two after a full stop, or a few to line things
# up): one space, as a page shows it. The readers' patterns then never meet thousands of them in a row (the outside
# probe's 'Impact' + 2,000 spaces + ':x' kept a worker for a minute).
SPACES = re.compile(r"[^\S\n]{9,}")


@dataclass
class Block:
    """A paragraph, heading, list item or table row, with what the reader noticed about its marking."""

    text: str = ""
    kind: str = "paragraph"  # paragraph | heading | item | row
    level: int = 0  # a heading's level, or a list item's depth from 0
    ordered: bool = False  # a numbered list item
    counter: object = None  # a Word numbered item's lists.Counter: Word continues a list's count across the file
    links: list = field(default_factory=list)  # (text, address) pairs, as the file gives them
    places: list = field(default_factory=list)  # each link's place among the addresses written out in the text
    ticks: list = field(default_factory=list)  # True/False from checkbox controls, form fields and tick symbols
    struck: bool = False  # every run struck through
    emphasised: bool = False  # every run bold or highlighted
    cells: list = field(default_factory=list)  # a row's cells, each a list of blocks
    continued: list = field(default_factory=list)  # a row's cells that continue the merged cell above
    unanswered: bool = False  # holds a content control left showing the template's placeholder
    note: bool = False  # from a footnote or endnote: read for its links only
    margin: bool = False  # from a page header or footer: read for the local authority only
    heads_table: bool = False  # a table's first row, one cell across the whole table: its title or instructions
    lines: list = field(default_factory=list)  # a paragraph with line breaks: each line as a block of its own
    shaded: bool = False  # in a table cell shaded as the template shades its questions
    quoted: bool = False  # a line quoted in an email reply ('> '): the template's words, never an answer

    def cell_text(self, number):
        return " ".join(block.text_with_rows() for block in self.cells[number]).strip()

    def text_with_rows(self):
        if self.kind != "row":
            return self.text.strip()
        return " ".join(self.cell_text(number) for number in range(len(self.cells)))

    def nested(self):
        """This block and, for a row, every block in its cells, in reading order."""
        yield self
        for cell in self.cells:
            for block in cell:
                yield from block.nested()


def with_single_spaces(blocks):
    """The blocks (and the blocks in their cells and lines) with each long run of spaces inside a line made one."""
    for block in blocks:
        for part in block.nested():
            for line in [part, *part.lines]:
                line.text = SPACES.sub(" ", line.text)
    return blocks
