"""
A measure's counts as cells keyed (stage id, year, area, group id), from the loaded rows up:
high-level groups and the total are added up from the detailed groups where the data does not
give them, and sub-regions and London from their boroughs. Nothing here is fit to show: every
output reads the cells through evidence.protection, which hides small numbers.
"""

from dataclasses import dataclass, field

from evidence.models import Dataset, EthnicGroup, Observation
from reference.models import LocalAuthority

LONDON = ("london", None)
ENGLAND = ("england", None)
TOP = object()  # what the total and London are part of: nothing
GROUP, AREA = "group", "area"
INCOMPLETE = "incomplete"  # an area or group added up from parts, one of which is missing
MIXED = "mixed"  # the basis of a sum whose parts' rates are of different kinds of denominator
# Sources whose counts their publisher has already published at the level they are loaded (the Census's, by local
# authority: the ONS protects them itself, by swapping records and perturbing cells): never protected again.
PUBLISHED = {Dataset.Source.CENSUS}


@dataclass(slots=True)
class Cell:
    count: int | None
    symbol: str = ""  # the publisher's symbol, INCOMPLETE, or "" for a number
    denominator: int | None = None
    hidden: bool = False  # small numbers: never shown
    # What its rate is of, as its dataset was loaded (models.RatesOf: "file" or "population"), MIXED for a sum of
    # parts of both; and whether it is illustrative (None for a sum of illustrative and real parts).
    basis: str = ""
    illustrative: bool | None = False
    # Published already at its level by its publisher (PUBLISHED), or added up from such counts only: never hidden.
    published: bool = False
    # London's own figure as its publisher published it (a DfE or YJB file's row for the region): the publisher, named
    # as pages say it; and, where every borough's figure is loaded and they add up to another number (the publisher
    # rounds or suppresses), their sum. Shown in place of the boroughs' sum (docs/decisions/0011).
    as_published: str = ""
    boroughs_sum: int | None = None

    @property
    def known(self):
        return self.count is not None and not self.hidden


@dataclass(frozen=True)
class Structure:
    """How groups and areas add up: high-level group -> detailed groups; sub-region -> boroughs."""

    groups: dict
    areas: dict
    splits: dict = field(default_factory=dict)  # group -> the publisher whose split of a combined group it is
    combined: dict = field(default_factory=dict)  # combined group -> every publisher's split groups of it

    @classmethod
    def current(cls):
        """The groups as the Census 2021 adds them up, with each combined group (Gypsy, Roma or Irish Traveller)
        a part of its high-level group and the sum of its publishers' split groups: shown on pages, it is
        protected as any sum is, so it can neither give a small count back nor be worked back itself."""
        groups, splits, combined = {}, {}, {}
        for pk, parent, split, whole, level in EthnicGroup.objects.values_list(
            "pk", "parent_id", "split", "combined_id", "level"
        ):
            if level == EthnicGroup.Level.COMBINED:
                continue
            if not parent:
                groups.setdefault(pk, [])
            elif whole:
                splits[pk] = split
                combined.setdefault(whole, []).append(pk)
                if whole not in groups.setdefault(parent, []):
                    groups[parent].append(whole)
            else:
                groups.setdefault(parent, []).append(pk)
        areas = {}
        for pk, sub_region in LocalAuthority.objects.values_list("pk", "sub_region_id"):
            areas.setdefault(("sub-region", sub_region), []).append(("la", pk))
        return cls(groups=groups, areas=areas, splits=splits, combined=combined)

    def parts_in(self, parts, given):
        """The parts of a sum as a file gives them: a publisher's split of a combined group that the file does not
        use (the Census's Roma where it gives the DfE's Gypsy/Roma) has no children in it, so it is left out."""
        used = {self.splits[part] for part in parts if part in self.splits and given(part)}
        if len(used) != 1:
            return parts
        return [part for part in parts if self.splits.get(part, next(iter(used))) in used]

    def __post_init__(self):
        up = {}
        for whole, parts in self.group_sums():
            for part in parts:
                up[(GROUP, part)] = whole
        for whole, parts in self.area_sums():
            for part in parts:
                up[(AREA, part)] = whole
        object.__setattr__(self, "up", up)
        down = {}
        for key, whole in up.items():
            down.setdefault((key[0], whole), []).append(key[1])
        object.__setattr__(self, "down", down)

    def parent(self, axis, key):
        """The group or area this one is part of, or TOP."""
        return self.up.get((axis, key), TOP)

    def children(self, axis, key):
        return self.down.get((axis, key), [])

    def siblings(self, axis, key):
        parent = self.parent(axis, key)
        return [] if parent is TOP else [other for other in self.children(axis, parent) if other != key]

    def ancestors(self, axis, key):
        found = []
        while (key := self.parent(axis, key)) is not TOP:
            found.append(key)
        return found

    def group_sums(self):
        """(sum, parts) of groups: the total of the high-level groups, each of those of its details, and each
        combined group of its publishers' splits (of which a file uses one: `parts_in`)."""
        yield None, list(self.groups)
        yield from self.groups.items()
        yield from self.combined.items()

    def every_group(self):
        """Every group a cell can be of: None (the total), high-level, detailed, combined and split."""
        return [None, *{key: None for whole, parts in self.group_sums() if whole for key in [whole, *parts]}]

    def area_sums(self):
        """(sum, parts) of areas: London of its sub-regions, and each sub-region of its boroughs."""
        yield LONDON, list(self.areas)
        yield from self.areas.items()


def raw_cells(stage_ids):
    """The loaded cells of these stages (a later dataset's row replaces an earlier one's), each with what its dataset's
    rates are of, whether it is illustrative and whether its publisher published it already; and periods by year."""
    rows = (
        Observation.objects.filter(stage_id__in=stage_ids)
        .order_by("dataset__loaded_at", "dataset_id")
        .values_list(
            "stage_id",
            "year",
            "period",
            "local_authority_id",
            "ethnic_group_id",
            "count",
            "symbol",
            "denominator",
            "dataset__rates_of",
            "dataset__is_illustrative",
            "dataset__source",
            "london",
            "dataset__publisher",
        )
    )
    cells, periods = {}, {}
    for row in rows.iterator(chunk_size=5000):
        stage, year, period, la, group, count, symbol, denominator, basis, illustrative, source, london, by = row
        area = ("la", la) if la else LONDON if london else ENGLAND
        cells[(stage, year, area, group)] = Cell(
            count,
            symbol,
            denominator,
            basis=basis,
            illustrative=illustrative,
            published=source in PUBLISHED or london,
            as_published=(by or "its publisher") if london else "",
        )
        periods[year] = period
    return cells, periods


def added_up(parts):
    """The cell that is the sum of these cells (a missing or unknown part makes it incomplete); its rate is of the
    parts' kind of denominator where they share one (else MIXED: it has none), it is illustrative where they are, and
    published where they all are (anyone can add up published counts)."""
    if any(part is None or part.count is None for part in parts):
        return Cell(None, INCOMPLETE)
    denominators = [part.denominator for part in parts]
    bases, illustrative = {part.basis for part in parts}, {part.illustrative for part in parts}
    return Cell(
        sum(part.count for part in parts),
        "",
        None if None in denominators else sum(denominators),
        basis=bases.pop() if len(bases) == 1 else MIXED,
        illustrative=illustrative.pop() if len(illustrative) == 1 else None,
        published=all(part.published for part in parts),
        as_published=parts[0].as_published if len({part.as_published for part in parts}) == 1 else "",
    )


def london_figure(own, boroughs):
    """London's cell: the figure its publisher published (`own`) where there is one, else its boroughs' sum. The
    publisher's figure is the anchor, as England's is: shown where boroughs are missing, and where the boroughs' sum
    differs from it (the publisher rounds or suppresses), saying what they add up to."""
    if own is None or not own.as_published or (own.count is None and boroughs.count is not None):
        return boroughs
    if boroughs.count is not None and boroughs.count != own.count:
        own.boroughs_sum = boroughs.count
    return own


def complete(cells, structure):
    """Add the sums the data does not give: groups within each loaded place (London's published figures among them),
    then areas within London, London's own figure where its publisher published one (`london_figure`)."""
    slices = {(stage, year) for stage, year, _, _ in cells}
    places = {(stage, year, area) for stage, year, area, _ in cells}
    for stage, year, area in places:
        for whole, parts in reversed(list(structure.group_sums())):  # splits, details, then high-level groups
            if (stage, year, area, whole) not in cells and parts:
                parts = structure.parts_in(parts, lambda part, at=(stage, year, area): (*at, part) in cells)
                cells[(stage, year, area, whole)] = added_up([cells.get((stage, year, area, part)) for part in parts])
    groups = structure.every_group()
    for stage, year in slices:
        for group in groups:
            if not any((stage, year, area, group) in cells for parts in structure.areas.values() for area in parts):
                continue
            for whole, parts in reversed(list(structure.area_sums())):  # boroughs into sub-regions first
                summed = added_up([cells.get((stage, year, part, group)) for part in parts])
                if whole == LONDON:
                    summed = london_figure(cells.get((stage, year, whole, group)), summed)
                cells[(stage, year, whole, group)] = summed
    return cells
