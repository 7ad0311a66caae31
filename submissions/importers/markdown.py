"""Blocks written as the Markdown the portal stores: paragraphs, sub-headings, nested lists, tables."""

import re


def markdown_of(blocks):
    chunks, rows, counts = [], [], {}
    items = Items(counts)
    for block in blocks:
        if block.kind == "row":
            rows.append(
                [
                    spaced(block.cell_text(number)).replace("\n", " ").replace("|", "\\|")
                    for number in range(len(block.cells))
                ]
            )
            continue
        if rows:
            chunks.append(table_of(rows))
            rows, items = [], Items(counts)
        text = spaced(block.text)
        if not text:
            continue
        if block.kind == "item":
            line, starts_list = items.line(block, text)
            if starts_list:
                chunks.append(line)
            else:
                chunks[-1] += "\n" + line
        else:
            items = Items(counts)
            # a sub-heading: a heading, or a paragraph wholly in bold (or highlighted), as most returns write one
            chunks.append(f"**{text}**" if block.kind == "heading" or block.emphasised else text)
    if rows:
        chunks.append(table_of(rows))
    return "\n\n".join(chunks)


def spaced(text):
    """Tabs (kept by the reader for 'Label<tab>answer' lines) become single spaces."""
    return re.sub(r"[ \t]*\t[ \t]*", " ", text).strip()


class Items:
    """The list being written: the marker and count at each depth, numbering kept per depth."""

    def __init__(self, word_counts=None):
        self.markers, self.counts, self.ordered, self.levels = [], [], [], []
        self.word_counts = {} if word_counts is None else word_counts  # Counter -> last number, across lists

    def line(self, block, text):
        # one deeper than the items above it that are less indented: two sub-items typed five spaces in under
        # '1) …' are siblings, each one level down, however deep the spaces alone would put them
        depth = sum(level < block.level for level in self.levels)
        starts_list = not self.markers or (depth == 0 and self.ordered[0] != block.ordered)
        if starts_list:
            self.markers, self.counts, self.ordered, self.levels = [], [], [], []
        same = len(self.counts) > depth and self.ordered[depth] == block.ordered
        count = self.counts[depth] + 1 if same else 1
        if block.ordered and block.counter is not None:
            count = self.word_count(block.counter)
        del self.markers[depth:], self.counts[depth:], self.ordered[depth:], self.levels[depth:]
        marker = f"{count}. " if block.ordered else "- "
        indent = " " * sum(len(m) for m in self.markers)
        self.markers.append(marker)
        self.counts.append(count)
        self.ordered.append(block.ordered)
        self.levels.append(block.level)
        return indent + marker + text, starts_list

    def word_count(self, counter):
        """The number Word shows: one more than the list's last at this level, which a paragraph between
        does not restart; an item restarts the deeper levels of its list."""
        count = self.word_counts.get(counter, counter.start - 1) + 1
        self.word_counts[counter] = count
        for other in [c for c in self.word_counts if c.list == counter.list and c.level > counter.level]:
            del self.word_counts[other]
        return count


def table_of(rows):
    """The first row as the header, as tables of figures are written."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])
