"""
Groups that publishers split differently: the DfE's Gypsy/Roma | Traveller of Irish heritage and the Census
2021's Gypsy or Irish Traveller | Roma are the same children cut two ways. A view shows the split its figures
use, and, where that is not the population's (the Census's), the combined group both add up to, whose rate
can be worked out: its count is the publisher's groups added up (a protected sum, evidence.cube.Structure),
its population the Census's. A publisher may also give a high-level group only as a whole, beside detailed groups
(the DfE's Any other ethnic group, which includes Arab children): a detailed view leaves it out and says so.
"""

from evidence.models import EthnicGroup

POPULATION_SPLIT = EthnicGroup.Split.CENSUS


def splits_used(cells, stages, year, area, groups):
    """The splits the figures for this place and year use (the population's when they use none)."""
    used = {
        group.split
        for group in groups
        if group.split and any((stage.pk, year, area, group.pk) in cells for stage in stages)
    }
    return used or {POPULATION_SPLIT}


def in_view(groups, used):
    """The groups to show: every group, but of the split groups only those of a split in use."""
    return [group for group in groups if not group.split or group.split in used]


def note(used, sources=()):
    """What a page says when the figures' split is not the population's, or ''. `sources`: the kinds of denominator
    the combined group's rates are of (figures.GroupFigure.source), named as the rates use them: the data file's own
    denominators of the publisher's two groups added up, or the Census's two groups' population."""
    if used == {POPULATION_SPLIT}:
        return ""
    opening = (
        "Gypsy/Roma and Traveller of Irish heritage are the publisher's own groups; the Census 2021 splits them as "
        "Gypsy or Irish Traveller and Roma, so there is no population for each of them. "
    )
    whole = "the group both add up to, Gypsy, Roma or Irish Traveller"
    if not sources:
        return f"{opening}Figures are given for {whole}: its number is the publisher's two groups added up."
    denominators = [
        "its denominator the data file's for the publisher's two groups added up"
        if source == "data file"
        else "its population the Census's two"
        for source in sorted(sources)
    ]
    return (
        f"{opening}Rates are given for {whole}: its number is the publisher's two groups added up, "
        f"{' or '.join(denominators)}."
    )


def left_out(cells, stage, year, area, groups):
    """The high-level groups with figures at this stage but none for their detailed groups, where other detailed
    groups have some: a detailed view leaves them out (the 5 high-level groups show them)."""
    if not groups or groups[0].level != EthnicGroup.Level.DETAILED:
        return []
    with_details = {group.parent_id for group in groups if (stage.pk, year, area, group.pk) in cells}
    if not with_details:
        return []
    alone = {
        parent
        for parent in {group.parent_id for group in groups} - with_details
        if (cell := cells.get((stage.pk, year, area, parent))) is not None and (cell.count is not None or cell.hidden)
    }
    return list(EthnicGroup.objects.filter(pk__in=alone)) if alone else []  # a query only when there are some


def left_out_note(groups):
    """What a detailed view says of the high-level groups it leaves out, or ''."""
    if not groups:
        return ""
    names = ", ".join(group.name for group in groups)
    why = (
        " (the DfE's Any other ethnic group includes Arab children, whom the Census 2021 counts apart)"
        if any(group.code == "other" for group in groups)
        else ""
    )
    return (
        f"This view leaves out {names}: the publisher gives its figures as a whole, not in the Census 2021's "
        f"detailed groups{why}. The 5 high-level groups show them."
    )
