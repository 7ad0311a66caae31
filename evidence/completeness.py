"""
Which periods have complete figures for an area, and what is missing from the others: a borough (or England) has
every group it has in any period; a sub-region or London has every one of its boroughs so, or London its own figures
for those groups as its publisher published them. Each area opens on its newest complete period (else the one missing
least), an incomplete one says what is missing, and the load's preview says which periods a file leaves incomplete and
where the pages will open (docs/decisions/0011). Read from cells keyed
(stage id, year, area, group id) as evidence.cube makes them, before or after protection: only whether a figure is
there is read.
"""

from dataclasses import dataclass, field, replace

from evidence.cube import ENGLAND, LONDON
from reference.models import LocalAuthority, SubRegion

NAMES_SHOWN = 3  # boroughs named in a gap before "and N more"


def given(cell):
    """A count, shown or hidden: a figure the file gave or its parts add up to. A publisher's symbol in place of a
    count (its "c") is a figure missing, as it is from every sum it is part of, whichever publisher's file it is in."""
    return cell is not None and cell.count is not None


@dataclass(frozen=True)
class Gap:
    """What an area lacks in a period at one stage: its boroughs with no figures, and groups missing from others."""

    area: str
    period: str
    stage: str
    boroughs: int = 0  # boroughs in the area (0: the area is a borough or England)
    without: tuple = ()  # names of boroughs with no figures
    short: tuple = ()  # (name, groups missing, groups it has) of boroughs (or the area itself) missing some groups

    def __str__(self):
        """As a page says it: 'London: 32 of 33 boroughs’ figures missing for 2023/24 (…)'."""
        return f"{self.area}: {self.headline} for {self.period}" + (f" ({self.details})" if self.details else "")

    @property
    def in_preview(self):
        """As the load's preview says it, with the stage: 'London, Permanent exclusion: … for 2023/24 (…)'."""
        return self.at_stages(self.stage)

    def at_stages(self, stages):
        """As a page says it, naming the stages it is of: 'London, Permanent exclusion and suspension: …'."""
        return f"{self.area}, {stages}: {self.headline} for {self.period}" + (
            f" ({self.details})" if self.details else ""
        )

    @property
    def missing_key(self):
        """What is missing, to tell whether a load changes it."""
        return self.without, self.short

    @property
    def headline(self):
        if self.without:
            return f"{len(self.without)} of {self.boroughs} boroughs’ figures missing"
        if self.boroughs:
            return f"groups missing in {len(self.short)} of its {self.boroughs} boroughs"
        _, lacking, usual = self.short[0]
        return f"{lacking} of its {usual} groups’ figures missing"

    @property
    def details(self):
        """The boroughs without figures, named (the first few), and each borough's groups missing."""
        if not self.boroughs:
            return ""
        parts = []
        if self.without:
            more = len(self.without) - NAMES_SHOWN
            names = ", ".join(self.without[:NAMES_SHOWN]) + (f" and {more:,} more" if more > 0 else "")
            parts.append(f"none from {names}")
        parts += [f"{name}: {lacking} of {usual} groups missing" for name, lacking, usual in self.short]
        return "; ".join(parts)


@dataclass
class Completeness:
    """Every area's years with figures and the gaps of each, from one measure's cells."""

    gaps: dict = field(default_factory=dict)  # (area, year) -> [Gap], one per stage with something missing
    years: dict = field(default_factory=dict)  # area -> years with figures at some stage

    def default_year(self, area, among=None):
        """The newest year whose figures for the area are complete; failing any, the one missing least (the fewest
        boroughs without figures, then the fewest groups missing), the newest of those: a sub-region or London with
        some boroughs' figures only opens on the period with the most of them, not on a newer, nearly empty one."""
        years = sorted(among if among is not None else self.years.get(area, ()), reverse=True)
        return min(years, key=lambda year: self.shortfall(area, year), default=None)  # the first least: the newest

    def shortfall(self, area, year):
        """(boroughs without figures, groups missing) of the area's figures in the year, at all its stages: (0, 0)
        where they are complete."""
        gaps = self.missing(area, year)
        return (
            sum(len(gap.without) for gap in gaps),
            sum(lacking for gap in gaps for _, lacking, _ in gap.short),
        )

    def missing(self, area, year):
        return self.gaps.get((area, year), [])


def described(gaps):
    """Each gap as a page says it, naming its stage, once: the stages whose gaps are the same are named together
    ('London, Permanent exclusion and suspension: 1 of 33 boroughs’ figures missing for 2023/24 (…)')."""
    stages = {}
    for gap in gaps:
        stages.setdefault(replace(gap, stage=""), []).append(gap.stage)
    return [gap.at_stages(in_words(names)) for gap, names in stages.items()]


def in_words(names):
    """['Permanent exclusion', 'Suspension'] → 'Permanent exclusion and suspension'."""
    names = [names[0], *(name.lower() for name in names[1:])]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def weight(structure, group):
    """How many of the groups a reader counts a group stands for: a combined group is as many as one publisher's
    split of it (the Census's Gypsy or Irish Traveller and Roma: 2), every other group 1."""
    parts = structure.combined.get(group)
    if not parts:
        return 1
    by_split = {}
    for part in parts:
        by_split[structure.splits[part]] = by_split.get(structure.splits[part], 0) + 1
    return max(by_split.values())


def leaves(structure, groups):
    """The groups a reader counts: not the total, not a high-level group whose detailed groups are among them, and
    not a publisher's split (its combined group stands for it, so a file of either split has the same groups)."""
    groups = {group for group in groups if group is not None and group not in structure.splits}
    return {group for group in groups if not any(child in groups for child in structure.groups.get(group, ()))}


def measure(cells, structure, *, periods, names, stage_names):
    """The Completeness of one measure's cells. `names`: area key -> name; `stage_names`: stage id -> name."""
    present = {}  # (stage, area, year) -> groups given, for each borough, England and London's own (as published)
    for (stage, year, area, group), cell in cells.items():
        if (area[0] in ("la", "england") or (area == LONDON and cell.as_published)) and given(cell):
            present.setdefault((stage, area, year), set()).add(group)
    usual = {}  # (stage, area) -> the groups it has in any period
    for (stage, area, _), groups in present.items():
        usual.setdefault((stage, area), set()).update(groups)
    result = Completeness()
    for (stage, area, year), groups in present.items():
        result.years.setdefault(area, set()).add(year)
        lacking, of = counted(structure, leaves(structure, usual[(stage, area)]), groups)
        if lacking:
            gap = Gap(names.get(area, ""), periods.get(year, str(year)), stage_names.get(stage, ""),
                      short=((names.get(area, ""), lacking, of),))  # fmt: skip
            result.gaps.setdefault((area, year), []).append(gap)
    london = [borough for parts in structure.areas.values() for borough in parts]
    for whole, boroughs in [(LONDON, london), *structure.areas.items()]:
        for stage in {stage for stage, area in usual if area in boroughs}:
            # An aggregate has a group where every borough has it: one borough's gap is the aggregate's.
            expected = leaves(structure, set().union(*(usual.get((stage, b), set()) for b in boroughs)))
            for year in {year for s, area, year in present if s == stage and area in boroughs}:
                result.years.setdefault(whole, set()).add(year)
                if whole == LONDON and expected <= present.get((stage, LONDON, year), set()):
                    continue  # London's own figures, as its publisher published them: complete, whatever is loaded
                without = tuple(sorted(names.get(b, "") for b in boroughs if (stage, b, year) not in present))
                short = []
                for borough in boroughs:
                    if (stage, borough, year) in present:
                        lacking, of = counted(structure, expected, present[(stage, borough, year)])
                        short += [(names.get(borough, ""), lacking, of)] if lacking else []
                if without or short:
                    gap = Gap(names.get(whole, ""), periods.get(year, str(year)), stage_names.get(stage, ""),
                              len(boroughs), without, tuple(short))  # fmt: skip
                    result.gaps.setdefault((whole, year), []).append(gap)
    return result


def counted(structure, expected, groups):
    """(groups missing, groups expected), as readers count groups: a combined group missing one of its publisher's
    two groups (Gypsy/Roma suppressed, Traveller of Irish heritage given) is one group missing, not two."""
    lacking = expected - groups
    return (
        sum(missing(structure, group, groups) for group in lacking),
        sum(weight(structure, group) for group in expected),
    )


def missing(structure, group, groups):
    """How many of the groups a reader counts a group missing from `groups` stands for: of a combined group with
    some of a publisher's split given, that split's groups not given; else its weight."""
    for split in {structure.splits[part] for part in structure.combined.get(group, ())}:
        parts = [part for part in structure.combined[group] if structure.splits[part] == split]
        if any(part in groups for part in parts):
            return sum(part not in groups for part in parts)
    return weight(structure, group)


def area_names():
    """Area key -> name, for every area a gap can be of."""
    names = {LONDON: "London", ENGLAND: "England"}
    names |= {("la", pk): name for pk, name in LocalAuthority.objects.values_list("pk", "name")}
    names |= {("sub-region", pk): name for pk, name in SubRegion.objects.values_list("pk", "name")}
    return names
