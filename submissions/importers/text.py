"""Plain-text proformas: decoded whatever the encoding they were saved in, one block a line."""

import codecs
import re

from submissions.importers.blocks import Block
from submissions.importers.errors import ProformaFileError

BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:(?P<bullet>[·•▪◦○*–-])|(?P<number>\d{1,3})[.)])\s+(?=\S)")


def decode(data):
    """UTF-8 (with or without a byte-order mark), UTF-16 with one, else Windows-1252, as Notepad and Word save."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise ProformaFileError("The selected text file is damaged: it cannot be read as text") from error
    if b"\x00" in data[:4096]:
        raise ProformaFileError("The selected file is not a Word document or a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # invisible, and never part of an answer


def read_text(data, reading):
    blocks = []
    for line in decode(data).splitlines():
        reading.line(line)
        blocks.append(line_block(CONTROL.sub("", line)))
    return blocks


def line_block(line):
    item = LIST_ITEM.match(line)
    if not item:
        return Block(text=line.strip())
    depth = len(item.group("indent").expandtabs(4)) // 2
    return Block(text=line[item.end() :].strip(), kind="item", level=depth, ordered=bool(item.group("number")))
