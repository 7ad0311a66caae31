"""
Groups that publishers split differently: the DfE's Gypsy/Roma | Traveller of Irish heritage and the Census
2021's Gypsy or Irish Traveller | Roma are the same children cut two ways. A view shows the split its figures
use, and, where that is not the population's (the Census's), the combined group both add up to, whose rate
can be worked out: its count is the publisher's groups added up (a protected sum, evidence.cube.Structure),
its population the Census's.
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


def note(used):
    """What a page says when the figures' split is not the population's, or ''."""
    if used == {POPULATION_SPLIT}:
        return ""
    return (
        "Gypsy/Roma and Traveller of Irish heritage are the publisher's own groups; the Census 2021 splits them as "
        "Gypsy or Irish Traveller and Roma, so there is no population for each of them. Rates are given for the "
        "group both add up to, Gypsy, Roma or Irish Traveller: its number is the publisher's two groups added up, "
        "its population the Census's two."
    )
