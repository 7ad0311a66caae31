"""Whether a paragraph is a heading or a list item (depth, numbered or bulleted), from its own
numbering properties or its style's, as Word decides it."""

import re
from dataclasses import dataclass

from lxml import etree

from submissions.importers.ooxml import number, w


class Numbering:
    """Whether a paragraph is a heading or a list item (its depth, numbered or bulleted), from its
    numbering properties or its style's."""

    def __init__(self, part):
        self.part, self.formats, self.styles, self.counters = part, None, None, {}

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
            num_id = list_id.get(w("val")) if list_id is not None else ""
            block.ordered = self.ordered(num_id, block.level, name)
            block.counter = self.counter(num_id, block.level)
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
            self.formats, self.counters = numbering_formats(self.part)
        found = self.formats.get((number, level)) or self.formats.get((number, 0))
        return found not in ("bullet", "none") if found else "number" in style_name

    def counter(self, num_id, level):
        """Which count a numbered item takes its number from, as Word counts: the list definition's, shared
        by every w:num using it, unless this w:num restarts it (startOverride). None when the file has none."""
        return self.counters.get((num_id, level)) if num_id else None


def style_depth(name):
    depth = re.search(r"(\d)$", name)
    return int(depth.group(1)) - 1 if depth else 0


def numbering_formats(part):
    """(numId, level) -> numFmt for the document's list definitions, and (numId, level) -> Counter: where
    each level's numbers come from (the abstract list's, or the w:num's own when it overrides the start)."""
    try:
        numbering = part.numbering_part.element
    except (AttributeError, KeyError, NotImplementedError):
        return {}, {}
    abstract, starts = {}, {}
    for item in numbering.iterchildren(w("abstractNum")):
        key = item.get(w("abstractNumId"))
        abstract[key], starts[key] = {}, {}
        for level in item.iterchildren(w("lvl")):
            depth = number(level.get(w("ilvl")))
            if (fmt := level.find(w("numFmt"))) is not None:
                abstract[key][depth] = fmt.get(w("val"))
            start = level.find(w("start"))
            starts[key][depth] = number(start.get(w("val"))) if start is not None else 1
    formats, counters = {}, {}
    for num in numbering.iterchildren(w("num")):
        source = num.find(w("abstractNumId"))
        key = source.get(w("val")) if source is not None else None
        overrides = {
            number(override.get(w("ilvl"))): number(start.get(w("val")))
            for override in num.iterchildren(w("lvlOverride"))
            if (start := override.find(w("startOverride"))) is not None
        }
        for level, fmt in abstract.get(key, {}).items():
            formats[(num.get(w("numId")), level)] = fmt
        for level, start in starts.get(key, {}).items():
            restarted = level in overrides
            name = ("num", num.get(w("numId"))) if restarted else ("abstract", key)
            counters[(num.get(w("numId")), level)] = Counter(name, level, overrides.get(level, start))
    return formats, counters


@dataclass(frozen=True)
class Counter:
    """A numbered level's count in Word: which list it belongs to, its level, and the number it starts at."""

    list: tuple
    level: int
    start: int
