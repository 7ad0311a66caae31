"""Whether a paragraph is a heading or a list item (depth, numbered or bulleted), from its own
numbering properties or its style's, as Word decides it."""

import re

from lxml import etree

from submissions.importers.ooxml import number, w


class Numbering:
    """Whether a paragraph is a heading or a list item (its depth, numbered or bulleted), from its
    numbering properties or its style's."""

    def __init__(self, part):
        self.part, self.formats, self.styles = part, None, None

    def describe(self, paragraph, block):
        props = paragraph.find(w("pPr"))
        if props is None:
            props = etree.Element(w("pPr"))
        style = props.find(w("pStyle"))
        style_id = style.get(w("val")) if style is not None else ""
        name, style_numbering = self.style(style_id)
        outline = props.find(w("outlineLvl"))
        heading = re.match(r"(heading|title)\s*(\d?)", name)
        if heading or outline is not None:
            block.kind = "heading"
            block.level = int(heading.group(2) or 1) if heading else number(outline.get(w("val"))) + 1
            return
        numbering = props.find(w("numPr"))
        if numbering is None:
            numbering = style_numbering
        if numbering is not None:
            list_id = numbering.find(w("numId"))
            depth = numbering.find(w("ilvl"))
            if list_id is not None and list_id.get(w("val")) == "0":
                return  # numbering switched off for this paragraph
            block.kind = "item"
            block.level = min(number(depth.get(w("val"))), 8) if depth is not None else style_depth(name)
            block.ordered = self.ordered(list_id.get(w("val")) if list_id is not None else "", block.level, name)
        elif "list" in name and ("bullet" in name or "number" in name):
            block.kind, block.level, block.ordered = "item", style_depth(name), "number" in name

    def style(self, style_id):
        if self.styles is None:
            self.styles = {}
            try:
                styles = self.part.styles.element
            except (AttributeError, KeyError, NotImplementedError):
                styles = None
            for style in styles.iterchildren(w("style")) if styles is not None else []:
                name = style.find(w("name"))
                self.styles[style.get(w("styleId"))] = (
                    (name.get(w("val"), "") if name is not None else "").lower(),
                    style.find(f"{w('pPr')}/{w('numPr')}"),
                )
        return self.styles.get(style_id, ("", None))

    def ordered(self, number, level, style_name):
        if self.formats is None:
            self.formats = numbering_formats(self.part)
        found = self.formats.get((number, level)) or self.formats.get((number, 0))
        return found not in ("bullet", "none") if found else "number" in style_name


def style_depth(name):
    depth = re.search(r"(\d)$", name)
    return int(depth.group(1)) - 1 if depth else 0


def numbering_formats(part):
    """(numId, level) -> numFmt for the document's list definitions."""
    try:
        numbering = part.numbering_part.element
    except (AttributeError, KeyError, NotImplementedError):
        return {}
    abstract = {
        item.get(w("abstractNumId")): {
            number(level.get(w("ilvl"))): level.find(w("numFmt")).get(w("val"))
            for level in item.iterchildren(w("lvl"))
            if level.find(w("numFmt")) is not None
        }
        for item in numbering.iterchildren(w("abstractNum"))
    }
    formats = {}
    for num in numbering.iterchildren(w("num")):
        source = num.find(w("abstractNumId"))
        for level, fmt in abstract.get(source.get(w("val")) if source is not None else None, {}).items():
            formats[(num.get(w("numId")), level)] = fmt
    return formats
