"""
The one check of an Office file: the zip read whole within bounds (zips), every part looked at whatever it is
called (an OLE compound file anywhere is an embedded object, or macros if it holds a VBA project; a program or
script, or a picture too big to show, is refused; an XML part declaring a DTD is refused; a zip inside is
checked as a package in turn), then the package judged on its own model (ooxml or odf).
"""

from submissions import pictures
from submissions.office import odf, ooxml, zips
from submissions.office.refusals import Refused, refuse_any

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What a program or script starts with, whatever its part is called: Windows (MZ), Linux (ELF), macOS (Mach-O,
# either byte order, 32 or 64 bits, and a universal binary's CAFEBABE, which a Java class shares) and "#!".
PROGRAMS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")
PROGRAMS += (b"\xca\xfe\xba\xbe", b"#!")
HEAD = 1024 * 1024  # the first bytes of each part kept while it unpacks: a picture's size is within them
MAX_DEPTH = 2  # a document in a document in the upload: a chart's workbook in a slide in a Word file
MAX_NESTED = 20 * 1024 * 1024  # a document inside another is held whole while it is checked: no more than this
OVERLAP = 64  # bytes of one chunk kept to find a word that runs on into the next


def _words(*words):
    """The words as a part may encode them: UTF-8, or UTF-16 either way round (looked for as bytes, which is fast)."""
    return tuple(word.encode(codec) for word in words for codec in ("utf-8", "utf-16-le", "utf-16-be"))


XML_WORDS = [("dtd", _words("<!DOCTYPE"))]  # XML names are case-sensitive: only this spelling declares one
ODF_WORDS = [(odf.LISTENER, _words(odf.LISTENER))]
VBA = ("macros", _words("_VBA_PROJECT", "_vba_project"))  # the stream every VBA project has (MS-OVBA)


def check_package(data, *, max_unpacked=zips.MAX_UNPACKED):
    """The content type of an Office package (as "application/vnd.openxmlformats-officedocument.
    wordprocessingml.document"), None if the bytes are a zip but no Office package; Refused if it is one the
    portal does not take, or the zip is damaged or unpacks past `max_unpacked` bytes."""
    return _check(data, zips.Budget(max_unpacked), depth=0)


def _check(data, budget, depth):
    listed = zips.members(data, budget)
    keys = [zips.part_key(info.filename) for info, _ in listed]
    is_ooxml, is_odf = ooxml.CONTENT_TYPES in keys, keys[:1] == [odf.MIMETYPE]
    if is_ooxml == is_odf:  # neither, or a file that would be read as either
        return None
    model = ooxml if is_ooxml else odf
    words = XML_WORDS + (ODF_WORDS if model is odf else [])
    kept, findings, nested = {}, set(), []
    for (info, span), key in zip(listed, keys, strict=True):
        keep = model.keeps(key)
        if keep and info.file_size > keep:
            raise Refused("damaged")
        xml = key.endswith((".xml", ".rels"))
        watcher = odf.Watcher() if model is odf and xml else None
        body = _read(data, info, span, budget, words if xml else [], keep, findings, watcher)
        if keep:
            kept[key] = body
        elif body is not None:
            nested.append(body)
        if watcher and watcher.suspect:  # read again, through a parser: its size and CRC were checked above
            odf.read(zips.contents(data, info, span, zips.Budget(info.file_size)), findings)
    content_type = model.examine(kept, keys, findings)
    refuse_any(findings)
    for inner in nested:
        if depth == MAX_DEPTH or _check(inner, budget, depth + 1) is None:
            raise Refused("embedded")
    return content_type


def _read(data, info, span, budget, words, keep, findings, watcher=None):
    """Unpack one part, adding to `findings` what it shows (and handing each chunk to a model's `watcher`);
    its bytes if the model keeps it or it is a zip."""
    words, head, tail, body, held = list(words), b"", b"", [], 0
    for chunk in zips.contents(data, info, span, budget):
        if watcher:
            watcher.feed(chunk)
        if len(head) < HEAD:
            had = len(head)
            head += chunk[: HEAD - had]
            if had < len(OLE) <= len(head) and head.startswith(OLE):
                findings.add("embedded")
                words.append(VBA)
        if words:
            window = tail + chunk
            for word in [word for word in words if any(form in window for form in word[1])]:
                findings.add(word[0])
                words.remove(word)
            tail = window[-OVERLAP:]
        if body is not None:
            body.append(chunk)
            held += len(chunk)
            if not keep and len(head) >= len(zips.LOCAL) and not head.startswith(zips.LOCAL):
                body = None  # neither read by the model nor a package inside: nothing to hold
            elif held > max(keep, MAX_NESTED):
                raise Refused("expands")
    if head.startswith(PROGRAMS):
        findings.add("program")
    picture = pictures.refusal(head)  # too big to show, or no size to read
    if picture:
        findings.add(picture)
    if body is None or (not keep and not head.startswith(zips.LOCAL)):
        return None
    return b"".join(body)
