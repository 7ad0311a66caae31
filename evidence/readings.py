"""
Why a group has no rate index, in words: its own count hidden, or the comparison group's (or the stage before's), both
counts 0, or no denominator; and how a count of 0 on one side opens the reading of its index. A hidden count is never
called "too few children" of a group that is large, nor a count of 0 "no rate".
"""

from evidence.statistics import reading

HIDDEN = {"small", "c", "low"}  # hidden by us (small, or could give a small one back) or by the publisher


def gap(count, status):
    """Why a figure cannot enter an index: 'hidden', 'zero', 'unknown' or '' when it can."""
    if status in HIDDEN:
        return "hidden"
    if count == 0:
        return "zero"
    return "" if count is not None else "unknown"


def index_note(figure, reference, before=()):
    """A table cell's few words for an index that cannot be worked out; `before` holds the figure's and the
    comparison group's figures at the stage before, for the index from that stage."""
    if gap(figure.count, figure.status) == "hidden":
        return "too few to say"
    if figure.count is None:
        return "no data" if figure.status == "none" else "not available"
    if gap(reference.count, reference.status) == "hidden":
        return f"too few {reference.group.short_name} to compare with"
    if reference.count is None:
        return f"no {reference.group.short_name} figures to compare with"
    if figure.count == reference.count == 0:
        return "none counted in either group"
    gaps = {gap(item.count, item.status) for item in before}
    if "hidden" in gaps:
        return "too few at the stage before to say"
    if "unknown" in gaps:
        none = all(item.status == "none" for item in before if gap(item.count, item.status) == "unknown")
        return "no data at the stage before" if none else "not available at the stage before"
    if "zero" in gaps:
        return "none at the stage before"
    if not before and (lacking := next((item for item in (figure, reference) if not item.denominator), None)):
        return without_denominator(lacking, "" if lacking is figure else f"{reference.group.short_name} ")
    return "none counted" if figure.count == 0 else "too few to say"


def without_denominator(figure, whose=""):
    """A table cell's words for a count with nothing to divide it by: 'no population to compare with', 'no White
    British population to compare with', 'no denominator in the data file'."""
    if figure.basis == "file":
        return f"no {whose}denominator in the data file"
    if figure.basis == "mixed":
        return "not compared: another kind of denominator"
    return f"no {whose}population to compare with"


def in_group(name):
    """'the Indian group', 'the Any other ethnic group': how a sentence names the people of a group."""
    return f"the {name}" if name.lower().endswith("group") else f"the {name} group"


def zero_counted(figure, counted, at):
    """'0 of the 2,382 children in the Any other ethnic group were counted at this stage (referral)'."""
    return f"0{of(figure)} {counted} in {in_group(figure.group.short_name)} were counted {at}"


def at_stage(stage):
    return f"at this stage ({stage.name.lower()})"


def none_counted_lead(*, measure, stage, figure, reference):
    """How the reading of an index with a count of 0 on one side opens: '0 of the 56,429 children in the Indian group
    were counted at this stage (custody), against 40 of the 9,000 in the White British group'."""
    zero, other = (figure, reference) if figure.count == 0 else (reference, figure)
    against = f"{other.count:,} of the {other.denominator:,} in {in_group(other.group.short_name)}"
    return f"{zero_counted(zero, measure.what_is_counted, at_stage(stage))}, against {against}"


def protected_people(measure):
    """Whom a hidden number protects: the staff counted in a workforce measure, else the children."""
    return "the staff" if measure.kind == "workforce" else "the children"


def no_index_sentence(*, measure, stage, figure, reference, verb):
    """One sentence saying which count stands in the way of comparing the figure's group with the comparison group."""
    group, comparison, counted = figure.group.short_name, reference.group.short_name, measure.what_is_counted
    at = at_stage(stage)
    people = protected_people(measure)
    own, theirs = gap(figure.count, figure.status), gap(reference.count, reference.status)
    if own == "hidden":
        return (
            f"The number of {group} {counted} {at} is hidden to protect {people}: it is small, or a small "
            f"number could be worked out from it, so we cannot say how likely they were {verb}."
        )
    if theirs == "hidden":
        if own == "zero":
            return (
                f"{zero_counted(figure, counted, at)}, but there are too few {comparison} {counted} to compare with: "
                f"their number is hidden to protect {people}."
            )
        return (
            f"There are too few {comparison} {counted} {at} to compare with: their number is hidden to protect "
            f"{people}, so we cannot say how likely {group} {counted} were {verb} compared with them."
        )
    lacking = next((item for item in (figure, reference) if item.count is not None and not item.denominator), None)
    if lacking:
        opening = f"{zero_counted(figure, counted, at)}; " if own == "zero" else ""
        reason = no_denominator(lacking, counted)
        return f"{opening}{reason[0].lower() if opening else reason[0]}{reason[1:]}, so there is no rate to compare."
    if own == theirs == "zero":
        return (
            f"{zero_counted(figure, counted, at)}, and 0{of(reference)} in {in_group(comparison)}, so there is no "
            "difference to measure."
        )
    return reading(group=group, comparison=comparison, index=None, verb=verb, counted=counted)


def of(figure):
    return f" of the {figure.denominator:,}" if figure.denominator else ""


def no_denominator(figure, counted):
    """Why a figure with a count has no rate: its file gives no denominator, its figures add up denominators of
    different kinds, or no population of the same kind (real or illustrative) is loaded."""
    names = f"{figure.group.short_name} {counted}"
    if figure.basis == "file":
        return f"The data file gives no denominator for {names} here"
    if figure.basis == "mixed":
        return f"The figures for {names} here add up figures whose rates are of different kinds of denominator"
    return f"There is no population figure for {names} here"


def denominator_words(figure):
    """'the data file's denominator', 'the population (children aged 0 to 17)'."""
    if figure.source == "data file":
        return "the data file's denominator"
    return f"the population ({figure.source.removeprefix('population: ')})"


def unlike_sentence(*, measure, figure, reference):
    """Why two groups with rates are not compared: their rates are of different kinds of denominator, or one is
    illustrative and the other real."""
    counted = measure.what_is_counted
    if figure.illustrative != reference.illustrative or figure.illustrative is None:
        return (
            f"The figures for {figure.group.short_name} and {reference.group.short_name} {counted} here are not both "
            "illustrative or both real, so they are not compared."
        )
    return (
        f"{figure.group.short_name} {counted}'s rate here is of {denominator_words(figure)} and "
        f"{reference.group.short_name} {counted}'s of {denominator_words(reference)}: rates of different kinds of "
        "denominator are not compared."
    )
