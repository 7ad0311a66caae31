"""
An Office Open XML package on its own model (ECMA-376 Part 2): the content types of its parts and the
relationships between them and out of it, each read completely with an XML parser; what in them the portal
refuses, and what kind of document the package is (from its main part's content type, never from part names).
"""

import posixpath
import re
from urllib.parse import unquote

from lxml import etree

from submissions.office.refusals import Refused

CONTENT_TYPES = "[content_types].xml"
RELATIONSHIPS = re.compile(r"(^|/)_rels/[^/]*\.rels$")
MAX_CONTENT_TYPES = 256 * 1024  # Word writes about 2 KB; one Override a part of a 2,000-part package, 300 KB
MAX_RELATIONSHIPS = 4 * 1024 * 1024  # a document with 20,000 hyperlinks
MAIN = ".main+xml"  # the main part's type is its package's type with this after it
# Words in a content type, or in the last segment of a relationship's type, and what they declare.
DECLARES = [
    ("macros", ("macroenabled", "vbaproject", "vbadata", "macrosheet")),  # VBA, Excel 4.0 (intl)macrosheets
    ("controls", ("activex",)),
    ("embedded", ("oleobject",)),
]
CONTROL = "control"  # a relationship to an ActiveX control part
# Parts that hold macros or controls by the names Office gives them, whatever they are declared as.
NAMED = [
    ("macros", re.compile(r"(^|/)(vbaproject\.bin|vbadata\.xml)$|(^|/)macrosheets/")),
    ("controls", re.compile(r"(^|/)activex/")),
]
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
DRIVE = re.compile(r"^/?[a-z]:(/|$)", re.IGNORECASE)  # C:/..., or /C:/... as a file: URL writes it
IGNORED = "".join(map(chr, range(33)))  # spaces and control characters Windows drops around a path
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)


def keeps(key):
    """How much of a part the model reads whole (0: none of it)."""
    if key == CONTENT_TYPES:
        return MAX_CONTENT_TYPES
    return MAX_RELATIONSHIPS if RELATIONSHIPS.search(key) else 0


def examine(kept, keys, findings):
    """The package's type (its main part's content type without ".main+xml"), adding to `findings` what it
    declares that the portal refuses; None when it has no single main part with a document's content type."""
    defaults, overrides = _content_types(kept[CONTENT_TYPES], findings)
    main = []
    for key in keys:
        findings.update(code for code, pattern in NAMED if pattern.search(key))
        if RELATIONSHIPS.search(key):
            for kind, target, external in _relationships(kept[key], findings):
                if key == "_rels/.rels" and kind == "officedocument" and not external:
                    main.append(_resolve(key, target))
    if len(main) != 1 or main[0] not in keys:
        return None
    content_type = overrides.get(main[0]) or defaults.get(posixpath.splitext(main[0])[1].lstrip("."), "")
    return content_type[: -len(MAIN)] if content_type.endswith(MAIN) else None


def _parse(data):
    try:
        return etree.fromstring(data, PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise Refused("damaged") from error


def _declared(text, findings):
    findings.update(code for code, words in DECLARES if any(word in text for word in words))


def _content_types(data, findings):
    """Defaults by extension and overrides by part name; every content type named anywhere in the listing is
    judged, whatever element carries it."""
    defaults, overrides = {}, {}
    for element in _parse(data).iter(etree.Element):
        content_type = (element.get("ContentType") or "").split(";")[0].strip().lower()
        _declared(content_type, findings)
        name = etree.QName(element).localname
        if name == "Default":
            defaults[(element.get("Extension") or "").lower()] = content_type
        elif name == "Override":
            overrides[unquote(element.get("PartName") or "").replace("\\", "/").lstrip("/").lower()] = content_type
    return defaults, overrides


def _relationships(data, findings):
    """Each relationship as (the last segment of its type, its target, whether it points outside the package)."""
    for element in _parse(data).iter(etree.Element):
        if etree.QName(element).localname != "Relationship":
            continue
        kind = (element.get("Type") or "").rstrip("/").rsplit("/", 1)[-1].lower()
        target = (element.get("Target") or "").strip()
        external = (element.get("TargetMode") or "").lower() == "external" or bool(SCHEME.match(target))
        external = external or target.startswith(("\\\\", "//"))
        _declared(kind, findings)
        if kind == CONTROL:
            findings.add("controls")
        if external and kind != "hyperlink" and _elsewhere(target):
            findings.add("linked")  # a template, picture or object fetched when the file opens
        yield kind, target, external


def _elsewhere(target):
    """Whether a link may reach another computer: anything but a path on this computer's own drives (C:\\...,
    file:///C:/...) or one relative to the document. Windows reads a URL's percent-escapes and either slash, so
    file:////server/, file:///%5C%5Cserver and file://localhost/\\\\server are all a network folder."""
    for _ in range(3):  # %255C is %5C, which is a backslash
        target = unquote(target)
    path = target.replace("\\", "/").strip(IGNORED)
    scheme = SCHEME.match(path)
    if scheme and len(scheme.group(1)) > 1:  # a scheme, not a drive letter
        if scheme.group(1).lower() != "file":
            return True
        path = path[len("file:") :]
        if path.startswith("//"):
            host, _, rest = path[2:].partition("/")
            if DRIVE.match(host):  # file://C:/..., as some programs write it
                return False
            if host.lower() not in ("", "localhost"):
                return True
            path = "/" + rest
        return not DRIVE.match(path)
    return path.startswith("/")  # a network folder (//server), or the root of wherever the document is


def _resolve(rels_key, target):
    """The part a relationship's target names, as a part key."""
    base = rels_key.rsplit("_rels/", 1)[0]
    target = unquote(target.split("#", 1)[0]).replace("\\", "/")
    path = target.lstrip("/") if target.startswith("/") else base + target
    return posixpath.normpath(path).lstrip("/").lower()
