"""
A PDF read for what runs or opens by itself: JavaScript, launching a program, an attached file, Flash, an XFA
form. Each is a name in a dictionary (/JS, /Launch...), so the file is read as a PDF reader lexes it: strings,
comments and stream bodies are stepped over (a name in them is text or picture, not an instruction) unless they
hold an object a reader could be sent to, and object streams (/ObjStm, where PDF 1.5 packs dictionaries) are
inflated and read the same way. Why: docs/decisions/0002-uploads.md.
"""

import re
import zlib

from submissions.office.refusals import Refused

ACTIVE = {b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"RichMedia", b"XFA", b"ImportData"}
FLATE = {b"FlateDecode", b"Fl"}
FILTERS = FLATE | {b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85", b"LZWDecode", b"LZW", b"RunLengthDecode"}
FILTERS |= {b"RL", b"CCITTFaxDecode", b"CCF", b"DCTDecode", b"DCT", b"JBIG2Decode", b"JPXDecode", b"Crypt"}
MAX_INFLATED = 100 * 1024 * 1024  # all object streams together; Word's for a 300-page report is about 2 MB
MAX_STEPS = 200_000  # strings, comments and streams stepped over, all told: about 0.5 s of work at most
MAX_DEPTH = 4  # an object stream, or an object inside a string or a stream's body: a reader goes no deeper
NAME = re.compile(rb"/([^\x00\t\n\x0c\r /<>\[\]()%{}]*)")
ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Where a run of plain tokens stops: a string, a comment, a hex string (not a dictionary's <<), a stream's body.
STOP = re.compile(rb"\(|%|(?<!<)(?:<<)*<(?!<)|(?<![A-Za-z])stream(?:\r\n|\n|\r)")
OBJECT = re.compile(rb"\d\s+\d+\s+obj(?![A-Za-z])")
STRING_END = re.compile(rb"[()\\]")
LINE_END = re.compile(rb"[\r\n]")


def check_pdf(data):
    """Refused if the PDF runs or opens anything by itself, or hides its dictionaries where they cannot be read."""
    _read(data, {"inflated": MAX_INFLATED, "steps": MAX_STEPS}, depth=0)


def _read(data, budget, depth):
    if depth > MAX_DEPTH:
        raise Refused("pdf_unchecked")
    position, names = 0, set()
    while True:
        _spend(budget, "steps", 1)
        stop = STOP.search(data, position)
        names.update(_names(data[position : stop.start() if stop else len(data)]))
        if stop is None:
            break
        token = stop.group()
        if token.startswith(b"stream"):
            end = data.find(b"endstream", stop.end())
            end = len(data) if end < 0 else end
            own = _names(data[data.rfind(b"obj", 0, stop.start()) + 3 : stop.start()])  # its dictionary's
            if b"ObjStm" in own:
                _read(_inflated(data[stop.end() : end], own, budget), budget, depth + 1)
        elif token == b"(":
            end = _string_end(data, stop.end(), budget)
        elif token == b"%":
            line = LINE_END.search(data, stop.end())
            end = line.start() if line else len(data)
        else:  # a hex string
            end = data.find(b">", stop.end())
            end = len(data) if end < 0 else end + 1
        skipped = data[stop.end() : end]
        if _holds_object(skipped):  # an object a reader may be sent to by offset: read it
            _read(skipped, budget, depth + 1)
        position = max(end, stop.end())
    _refuse_any(names)


def _holds_object(text):
    """Whether the text holds an object's header ("12 0 obj"); found by its keyword first, which is fast."""
    found = text.find(b"obj")
    while found >= 0:
        if OBJECT.search(text[max(0, found - 48) : found + 4]):
            return True
        found = text.find(b"obj", found + 3)
    return False


def _names(text):
    names = set(NAME.findall(text))
    return {
        ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), name) if b"#" in name else name for name in names
    }


def _refuse_any(names):
    if names & ACTIVE:
        raise Refused("pdf_active")


def _string_end(data, position, budget):
    """Where a literal string that began before `position` ends: its parentheses balance, escapes aside."""
    depth = 1
    while depth:
        _spend(budget, "steps", 1)
        found = STRING_END.search(data, position)
        if found is None:
            return len(data)
        position = found.end() + (1 if found.group() == b"\\" else 0)
        depth += {b"(": 1, b")": -1}.get(found.group(), 0)
    return position


def _inflated(body, names, budget):
    """An object stream's dictionaries; Refused when they are packed any way but Flate, or unpack too far."""
    if (names & FILTERS) - FLATE or b"DecodeParms" in names:
        raise Refused("pdf_unchecked")
    if not names & FLATE:
        return body
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(body, budget["inflated"] + 1)
    except zlib.error as error:  # encrypted, or damaged
        raise Refused("pdf_unchecked") from error
    _spend(budget, "inflated", len(inflated))
    return inflated


def _spend(budget, kind, amount):
    budget[kind] -= amount
    if budget[kind] < 0:
        raise Refused("expands" if kind == "inflated" else "pdf_unchecked")
