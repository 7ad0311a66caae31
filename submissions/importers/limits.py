"""
How much of a file an importer reads before it refuses it: its bytes, before anything is decoded or
unpacked; then, as it is read, its lines (paragraphs, list items, table rows), its characters of text,
the pieces of Word markup walked (runs, fields, controls), and the time taken. Each importer states its
own limits (a proforma's, a plan's); reading stops at the first one passed, so what a file costs is
bounded by its importer's limits, never by the file.
"""

from dataclasses import dataclass
from time import monotonic

from submissions.importers.errors import ProformaFileError

MB = 1024 * 1024


class TooMuchToRead(ProformaFileError):
    """The file is past one of its importer's limits; the message says which."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # of a text file; a Word file's unpacked parts are limited when it is opened
    max_lines: int
    max_characters: int
    max_pieces: int
    seconds: float  # a backstop: the other limits keep a file's reading well inside it
    why: str  # "a proforma is a few pages"
    subject: str = "The selected file"

    def check_size(self, size):
        if size > self.max_bytes:
            raise TooMuchToRead(f"{self.subject} is larger than {self.max_bytes / MB:g} MB: {self.why}")

    def reading(self):
        return Reading(self)


class Reading:
    """One file being read against its limits: the reader reports each line and each piece of markup."""

    def __init__(self, limits):
        self.limits = limits
        self.lines = self.characters = self.pieces = 0
        self.deadline = monotonic() + limits.seconds

    def restart(self):
        """Start the clock again: a file converted first (a .doc, by LibreOffice) had a time limit of its own."""
        self.deadline = monotonic() + self.limits.seconds

    def line(self, text=""):
        """One more line (a paragraph, a list item, a table row, a line break), with its text if not counted."""
        self.lines += 1
        if self.lines > self.limits.max_lines:
            raise TooMuchToRead(
                f"{self.limits.subject} has more than {self.limits.max_lines:,} lines: {self.limits.why}"
            )
        self.piece(len(text))

    def piece(self, characters=0):
        """One more piece of the file (a line, or a Word element), with the characters of text it holds."""
        limits = self.limits
        self.pieces += 1
        self.characters += characters
        if self.characters > limits.max_characters:
            raise TooMuchToRead(
                f"{limits.subject} has more than {limits.max_characters:,} characters of text: {limits.why}"
            )
        if self.pieces > limits.max_pieces:
            raise TooMuchToRead(f"{limits.subject} has far more Word markup than it could need: {limits.why}")
        self.check_time()

    def check_time(self):
        if monotonic() > self.deadline:
            raise TooMuchToRead(f"{self.limits.subject} took too long to read: {self.limits.why}")


# A proforma is a few pages: the form holds about 50,000 characters in all (the longest return so far has
# 5,000), and a long Word return has a few hundred paragraphs and under 10,000 pieces of markup. The worst
# file inside these limits is read in under a second (docs/decisions/0007 has the figures).
PROFORMA = Limits(
    max_bytes=1 * MB,
    max_lines=2_000,
    max_characters=100_000,
    max_pieces=30_000,
    seconds=3,
    why="a proforma is a few pages",
)
