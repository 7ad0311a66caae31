"""
What a reader chose to see, read from the URL: geography, period, granularity, comparison group.
Anything not understood falls back to the default (a page never fails on a hand-edited URL);
every number goes through the portal's one number parser.
"""

from dataclasses import dataclass

from evidence.cube import ENGLAND, LONDON
from evidence.models import EthnicGroup
from inputs.numbers import whole_number
from reference.models import LocalAuthority, SubRegion

DEFAULT_COMPARISON = {"detailed": "white-british", "high": "white"}
LONGEST = 60  # characters read from any one parameter


@dataclass(frozen=True)
class Area:
    key: tuple
    slug: str
    name: str
    local_authority: object = None


def london():
    return Area(LONDON, "london", "London")


def area_from(slug):
    """The area a slug names: London, England, a sub-region or a local authority; None if none."""
    slug = (slug or "")[:LONGEST]
    if slug == "london":
        return london()
    if slug == "england":
        return Area(ENGLAND, "england", "England")
    authority = LocalAuthority.objects.filter(slug=slug).first()
    if authority:
        return Area(("la", authority.pk), authority.slug, authority.name, authority)
    sub_region = SubRegion.objects.filter(slug=slug).first()
    return Area(("sub-region", sub_region.pk), sub_region.slug, sub_region.name) if sub_region else None


def areas():
    """Every area a reader may choose, grouped as the form shows them: (group label, [(slug, name)])."""
    return [
        ("London and England", [("london", "London"), ("england", "England")]),
        ("Sub-regions", list(SubRegion.objects.values_list("slug", "name"))),
        ("Local authorities", list(LocalAuthority.objects.order_by("name").values_list("slug", "name"))),
    ]


@dataclass(frozen=True)
class Choice:
    area: Area
    year: int
    level: str
    groups: list
    comparison: EthnicGroup
    focus: EthnicGroup | None

    def query(self, **changes):
        """This choice as a query string, with some parts changed."""
        values = {
            "area": self.area.slug,
            "period": self.year,
            "level": self.level,
            "comparison": self.comparison.code,
            **changes,
        }
        return "&".join(f"{key}={value}" for key, value in values.items() if value is not None)


def choice_from(params, *, years, area=None):
    """The reader's choice from query parameters, defaults where they are missing or not understood."""
    area = area or area_from(params.get("area")) or london()
    year = whole_number((params.get("period") or "")[:LONGEST], lowest=1990, highest=2100)
    year = year if year in years else (max(years) if years else None)
    level = params.get("level") if params.get("level") in DEFAULT_COMPARISON else "detailed"
    groups = list(EthnicGroup.objects.filter(level=level))
    by_code = {group.code: group for group in groups}
    comparison = by_code.get((params.get("comparison") or "")[:LONGEST]) or by_code[DEFAULT_COMPARISON[level]]
    focus = by_code.get((params.get("focus") or "")[:LONGEST])
    return Choice(area, year, level, groups, comparison, focus)
