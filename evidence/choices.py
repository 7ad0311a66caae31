"""
What a reader chose to see, read from the URL: geography, period, granularity, comparison group.
Anything not understood falls back to the default, and the choice says so (`problems`): a page
shows the reason beside the figures, the API and downloads answer 400 (404 for an unknown area).
Every number goes through the portal's one number parser.
"""

from dataclasses import dataclass

from evidence.cube import ENGLAND, LONDON
from evidence.models import DEFAULT_COMPARISON, EthnicGroup
from inputs.numbers import whole_number
from reference.models import LocalAuthority, SubRegion

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
    problems: tuple = ()  # Problem: what was asked for and not understood, and what is shown instead

    def query(self, **changes):
        """This choice as a query string, with some parts changed."""
        values = {
            "area": self.area.slug,
            "period": self.year,
            "level": self.level,
            "comparison": self.comparison.code,
            "focus": self.focus.code if self.focus else None,  # the trend's group to follow
            **changes,
        }
        return "&".join(f"{key}={value}" for key, value in values.items() if value is not None)

    def cited_view(self):
        """The fields a citation of this view keeps to find it again (an entry's or an action's)."""
        return {"area": self.area.slug, "year": self.year, "level": self.level, "comparison": self.comparison.code}


@dataclass(frozen=True)
class Problem:
    parameter: str
    message: str
    status: int = 400


def period_from(text, periods):
    """The year a period parameter names: as readers see it ("2023/24", or "2023-24") or as its first year."""
    by_label = {label: year for year, label in periods.items()}
    text = text.strip()
    return by_label.get(text.replace("-", "/")) or whole_number(text, lowest=1990, highest=2100)


def following(code, level, by_code):
    """The group of the chosen grouping that a group of the other one gives, so the comparison follows a change of
    grouping in the same submit: a detailed group's high-level group (Black Caribbean: Black), and from the 5 groups
    to the 19, the detailed default (White British). None where `code` names no group."""
    group = (
        EthnicGroup.objects.filter(code=code).exclude(level=level).select_related("parent").first() if code else None
    )
    if group is None:
        return None
    if group.parent and group.parent.code in by_code:
        return by_code[group.parent.code]
    return by_code[DEFAULT_COMPARISON[level]]


def choice_from(params, *, years, area=None, years_for=None, default_for=None, follow_grouping=False):
    """The reader's choice from query parameters, defaults where they are missing or not understood.

    `years`: the periods loaded, by year; `years_for(area)`: the years with figures for an area, which a period
    must be one of; `default_for(area, years)`: the one of those shown by default (its newest with complete
    figures: evidence.completeness), else the latest of them (failing any, the latest loaded)."""
    problems = []
    asked = {name: (params.get(name) or "")[:LONGEST] for name in ("area", "period", "level", "comparison", "focus")}
    if area is None:
        area = area_from(asked["area"]) if asked["area"] else london()
        if area is None:
            area = london()
            problems.append(Problem("area", "There is no such area; showing London.", 404))
    year = period_from(asked["period"], years)
    available = (years_for(area.key) if years_for else set()) or set(years)
    if year not in available:
        shown = (default_for(area.key, available) if default_for else None) or (max(available) if available else None)
        if asked["period"] and years:
            where = f"{area.name} in {years[year]}" if year in years else "that period"
            problems.append(Problem("period", f"There are no figures for {where}; showing {years[shown]}."))
        year = shown
    level = asked["level"] or "detailed"
    if level not in DEFAULT_COMPARISON:
        level = "detailed"
        problems.append(Problem("level", "Ethnic groups must be 'detailed' or 'high'; showing the detailed groups."))
    groups = list(EthnicGroup.objects.filter(level=level))
    by_code = {group.code: group for group in groups}
    if level == "detailed":  # a detailed view may show a combined group (evidence.splits): it may be compared with
        by_code |= {group.code: group for group in EthnicGroup.objects.filter(level=EthnicGroup.Level.COMBINED)}
    comparison = by_code.get(asked["comparison"])
    if comparison is None and follow_grouping:
        comparison = following(asked["comparison"], level, by_code)
    if comparison is None:
        comparison = by_code[DEFAULT_COMPARISON[level]]
        if asked["comparison"]:
            message = f"That comparison group is not one of these groups; comparing with {comparison.short_name}."
            problems.append(Problem("comparison", message))
    focus = by_code.get(asked["focus"])
    if asked["focus"] and focus is None:
        problems.append(Problem("focus", "That group is not one of these groups; showing the one most different."))
    return Choice(area, year, level, groups, comparison, focus, tuple(problems))
