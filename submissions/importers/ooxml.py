"""The parts of WordprocessingML the reader needs: names, and small questions about elements."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(name):
    return f"{{{W}}}{name}"


# Containers read through as if they were not there: insertions and moves kept (tracked changes as
# the author meant them), smart tags, custom XML, a content control's content.
DESCEND = {w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("sdtContent"), w("bdo"), w("dir")}


def number(value, base=10):
    """A small whole number from an attribute Word writes (a level, a character code), 0 when it is not one."""
    try:
        return min(max(int(value or "0", base), 0), 0xFFFF)
    except ValueError:
        return 0


def on(props, name):
    """A run property that is on: present, and not switched off with w:val false or 0."""
    element = props.find(w(name))
    return element is not None and element.get(w("val"), "true") not in ("0", "false", "none")


def unfilled(sdt):
    return sdt.find(f"{w('sdtPr')}/{w('showingPlcHdr')}") is not None


def filled_in(sdt):
    """A content control's content, or nothing while it still shows the template's placeholder text."""
    if unfilled(sdt):
        return []
    content = sdt.find(w("sdtContent"))
    return content if content is not None else []


def children(element, tag):
    """element's children with this tag, also where content controls or custom XML wrap them."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from children(child, tag)


def alternative(element):
    """The first choice of an mc:AlternateContent (what Word itself shows), else its fallback: never both."""
    chosen = element.find(f"{{{MC}}}Choice")
    if chosen is None:
        chosen = element.find(f"{{{MC}}}Fallback")
    return chosen if chosen is not None else []
