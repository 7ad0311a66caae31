"""Which sharing categories a return marks, however it marks them; conflicting or absent evidence is said."""

import re

TICKED = r"[☒☑✓✔✗✘🗹⊠]|\[\s*[xX✓✔]\s*\]|\(\s*(?:[yYxX✓✔]|yes)\s*\)"
EMPTY = r"[☐□]|\[\s*\]|\(\s*(?:[nN]|no)?\s*\)"
BEFORE = re.compile(rf"^\s*(?:(?P<ticked>{TICKED}|[xX](?=\s))|(?P<empty>{EMPTY})|[·•▪◦*–-])\s*", re.IGNORECASE)
AFTER = re.compile(
    rf"\s*(?:(?P<ticked>{TICKED}|\s[xX]|[:–—-]?\s*\b(?:yes|y)\b\.?)|(?P<empty>{EMPTY}|[:–—-]?\s*\b(?:no|n)\b\.?))\s*$",
    re.IGNORECASE,
)
CELL_TICKED = re.compile(rf"^\s*(?:{TICKED}|[xX]|yes|y)\s*$", re.IGNORECASE)
# 'Yes – through our Black parents’ forum': a yes, then how, beside a category
YES_AND_HOW = re.compile(r"^\s*yes\b\s*[–—:;,(-]\s*\S", re.IGNORECASE)
CELL_EMPTY = re.compile(rf"^\s*(?:{EMPTY}|no|n)\s*$", re.IGNORECASE)


LONGEST_LINE = 200  # a category's name with its marks; a longer line is not one


def category_line(text, names):
    """(category name, True/False/None for ticked/empty/unmarked) when the line is a category, else None."""
    if len(text) > LONGEST_LINE:
        return None
    mark = None
    if before := BEFORE.match(text):
        mark = True if before.group("ticked") else False if before.group("empty") else None
        text = text[before.end() :]
    if after := AFTER.search(text):
        mark = True if after.group("ticked") else False if after.group("empty") else mark
        text = text[: after.start()]
    name = names.get(re.sub(r"\s+", " ", text).strip(" .;:").lower())
    return (name, mark) if name else None


def named_in_list(text, names):
    """The categories a line lists ('With partners; Through research and With communities'), if it lists
    only categories, each ticked unless the list ends saying otherwise ('…, Through research – not applicable');
    else nothing. A list of (name, True/False)."""
    rest, found, mark = text.lower().strip(" .;:"), [], True
    if said := LIST_MARK.search(rest):
        rest, mark = rest[: said.start()], not said.group("none")
    longest_first = sorted(names, key=len, reverse=True)
    while rest:
        name = next((name for name in longest_first if rest.startswith(name)), None)
        if name is None:
            return []
        found.append((names[name], mark))
        rest = re.sub(r"^\s*(?:[,;/&]\s*)?(?:and\s+)?", "", rest[len(name) :]).strip(" .")
    return found


# What a list of categories ends by saying of them all: 'With partners, Through research – not applicable'
LIST_MARK = re.compile(
    r"\s*(?:[:–—-]|\()\s*(?:(?P<none>not applicable|n/?a|not (?:chosen|selected|ticked)|no)|yes|applicable"
    r"|chosen|selected)\)?\s*$"
)
GAP = re.compile(rf"^[\s,;|/]*(?:(?P<ticked>{TICKED})|(?P<empty>{EMPTY}))?[\s,;|/]*$", re.IGNORECASE)


def several_marked(text, names):
    """[(name, True/False)] when a line holds two or more categories, each with its box before or after its name
    ('Within your organisation ☒    With children and families ☐ …', '☐ Within your organisation ☒ With …');
    else []."""
    if len(text) > LONGEST_LINE * 3 or not re.search(f"{TICKED}|{EMPTY}", text):
        return []
    spans = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            if not any(start < match.end() and match.start() < end for start, end, _ in spans):
                spans.append((match.start(), match.end(), names[name]))
    spans.sort()
    if len(spans) < 2:
        return []
    gaps = [text[end:start] for (_, end, _), (start, _, _) in zip([(0, 0, None), *spans[:-1]], spans, strict=True)]
    marks = []
    for gap in [*gaps, text[spans[-1][1] :]]:
        if not (match := GAP.match(gap)):
            return []  # words other than the categories and their boxes: not a line of categories
        marks.append(True if match.group("ticked") else False if match.group("empty") else None)
    before, after = marks[:-1], marks[1:]
    for side in (before, after):  # each box before its name, or each after it
        if all(mark is not None for mark in side):
            return [(name, mark) for (_, _, name), mark in zip(spans, side, strict=True)]
    return []


def mark_alone(text):
    """True or False when a line is only a mark ('YES' typed under a quoted category, '☐'), else None."""
    return True if CELL_TICKED.match(text) else False if CELL_EMPTY.match(text) else None


def cell_mark(text, ticks):
    """A tick in the cell beside a category: a checkbox, a symbol, or X, ✓ or Yes."""
    if ticks:
        return any(ticks)
    return True if CELL_TICKED.match(text) or YES_AND_HOW.match(text) else None


class Evidence:
    """Each category line seen, with how it was marked; then the choice, and what a person should check."""

    def __init__(self):
        self.lines = []  # (name, ticked True/False/None, struck, emphasised)

    def add(self, name, ticked, struck=False, emphasised=False):
        self.lines.append((name, ticked, struck, emphasised))

    def decide(self, all_names):
        """(chosen names in order, how they were found: 'found' | 'inferred' | 'missing', warnings)."""
        listed = list(dict.fromkeys(name for name, *_ in self.lines))
        ticked = {name for name, tick, *_ in self.lines if tick}
        struck = {name for name, _, strike, _ in self.lines if strike}
        emphasised = {name for name, *_, bold in self.lines if bold}
        warnings = []
        if clash := [name for name in listed if name in ticked and name in struck]:
            warnings.append(f"{', '.join(clash)}: ticked but also struck through, so we left it out. Check.")
        unticked = {name for name, tick, *_ in self.lines if tick is False}
        if twice := [name for name in listed if name in ticked and name in unticked]:
            warnings.append(f"{', '.join(twice)}: ticked in one place and not in another. We took it as ticked. Check.")
        if ticked:
            chosen, how = ticked - struck, "found"
        elif struck:
            chosen, how = set(listed) - struck, "inferred"
        elif emphasised and emphasised != set(listed):
            chosen, how = emphasised, "inferred"
        elif 0 < len(listed) < len(all_names) and not any(tick is False for _, tick, *_ in self.lines):
            chosen, how = set(listed), "inferred"  # the others were deleted, as the template invites
        else:
            chosen, how = set(), "missing"
        if not chosen:
            warnings.append("No sharing category was marked. Select the ones that apply.")
            how = "missing"
        return [name for name in all_names if name in chosen], how, warnings
