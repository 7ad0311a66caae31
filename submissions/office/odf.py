"""
An OpenDocument package on its own model: its type is what its first member, `mimetype`, declares; its macros
are Basic libraries and scripts (the folders LibreOffice loads them from, at any depth), event listeners and
macro fields in its XML, which bind a script (the document's own or one installed with the program) to an event
or a click, and any link to a script or macro (a hyperlink, a form's button, a listener's target), each read by
an XML parser as the part unpacks, so a character reference hides nothing.
"""

import re

from lxml import etree

MIMETYPE = "mimetype"
OPENDOCUMENT = "application/vnd.oasis.opendocument."
MACROS = re.compile(r"(^|/)(basic|scripts)/")
LISTENER = "event-listener"  # script:event-listener: an element name, so never written as a character reference
RUNS = {LISTENER, "execute-macro"}  # elements that run a script: text:execute-macro is a field that does on a click
# Links LibreOffice follows by running code: the scripting framework, Basic, a UNO service or command.
# What a script link or macro field has, whatever the case (each scheme of SCRIPT_URL, or a character reference
# that could spell one); "script:" alone would be every file, which declares the script: namespace.
SUSPECT = ["&#", "vnd.sun.star", "macro:", "execute-macro", "service:", "slot:", ".uno:", "javascript:", "vbscript:"]
SUSPECT = [word.encode(codec) for word in SUSPECT for codec in ("utf-8", "utf-16-le", "utf-16-be")]
OVERLAP = 64
SCRIPT_URL = re.compile(
    r"^\s*(vnd\.sun\.star\.(script|basic|uno|cmd)|macro|service|slot|\.uno|javascript|vbscript):", re.I
)


def keeps(key):
    return 200 if key == MIMETYPE else 0


def examine(kept, keys, findings):
    """The declared OpenDocument type, adding to `findings` any macros; None when it declares another type."""
    if any(MACROS.search(key) for key in keys) or LISTENER in findings:
        findings.add("macros")
    findings.discard(LISTENER)
    declared = kept[MIMETYPE].decode("ascii", "replace").strip().lower()
    return declared if declared.startswith(OPENDOCUMENT) else None


class Watcher:
    """Looks at one XML part of the package as it unpacks for anything that could run a script: a character
    reference (which could spell any link) or a word a script link or macro field has, in any case. Only a part
    that has one is then parsed (`read`), since parsing is twenty times slower than looking."""

    def __init__(self):
        self.suspect, self.tail = False, b""

    def feed(self, chunk):
        if not self.suspect:
            window = (self.tail + chunk).lower()
            self.suspect = any(word in window for word in SUSPECT)
            self.tail = window[-OVERLAP:]


def read(chunks, findings):
    """Parse a part, adding "macros" to `findings` when an element runs a script or any attribute links to one,
    "damaged" when it is no XML LibreOffice could read."""
    parser = etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    try:
        for chunk in chunks:
            parser.feed(chunk)
            _look(parser, findings)
        parser.close()
        _look(parser, findings)
    except (etree.XMLSyntaxError, ValueError):  # not XML, or a prefix never declared
        findings.add("damaged")  # said after anything weightier found in the file


def _look(parser, findings):
    for event, element in parser.read_events():
        if event == "end":  # done with: drop it, so a long part is read in little memory
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
        elif isinstance(element.tag, str) and (
            etree.QName(element).localname in RUNS or any(SCRIPT_URL.match(value) for value in element.values())
        ):
            findings.add("macros")
