"""A return's description in pieces, to move between entries when it is split (docs/decisions/0003): each
paragraph, and each item of a list on its own. Joined again in their order, all the pieces give the description
back as it was."""

import re
from dataclasses import dataclass

from submissions.texts import LIST_MARK

BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Piece:
    number: int  # its place in the description, from 0
    block: int  # the paragraph or list it is part of
    text: str
    is_item: bool  # an item of a list

    @property
    def label(self):
        """What a checkbox shows: the text, a list item's marker left off."""
        return LIST_MARK.sub("", self.text, count=1) if self.is_item else self.text


def pieces_of(description):
    """The description's paragraphs and list items, in order. A line after a list item that does not start
    another belongs to it, as Markdown reads it; lines before a list's first item are one paragraph."""
    pieces = []
    blocks = (block.strip("\n") for block in BLANK_LINE.split(description or ""))
    for block_number, block in enumerate(block for block in blocks if block.strip()):
        lines, is_item = [], False
        for line in block.split("\n"):
            starts_item = bool(LIST_MARK.match(line))
            if lines and starts_item:
                pieces.append(Piece(len(pieces), block_number, "\n".join(lines).strip(), is_item))
                lines = []
            if not lines:
                is_item = starts_item
            lines.append(line)
        pieces.append(Piece(len(pieces), block_number, "\n".join(lines).strip(), is_item))
    return pieces


def joined(pieces):
    """A description of the pieces, in their order: pieces of one paragraph or list on adjacent lines, others
    apart by a blank line."""
    text, previous = "", None
    for piece in sorted(pieces, key=lambda piece: piece.number):
        if previous is not None:
            text += "\n" if piece.block == previous.block else "\n\n"
        text += piece.text
        previous = piece
    return text
