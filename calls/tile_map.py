"""
The London tile map: each of the 33 local authorities as one square in its geographic place, shaded by
how many entries it has published (for a theme or way of sharing, if one is chosen). The squares follow
the well-known London Squared layout (After the Flood, for Future Cities Catapult): 8 columns, 7 rows.
"""

from dataclasses import dataclass

from django.db.models import Count

from calls.tracker import browse_url
from reference import cached
from submissions.models import Practice

# ONS GSS code -> (column, row), from the west and the north
POSITIONS = {
    "E09000010": (4, 0),  # Enfield
    "E09000015": (2, 1),  # Harrow
    "E09000003": (3, 1),  # Barnet
    "E09000014": (4, 1),  # Haringey
    "E09000031": (5, 1),  # Waltham Forest
    "E09000017": (0, 2),  # Hillingdon
    "E09000009": (1, 2),  # Ealing
    "E09000005": (2, 2),  # Brent
    "E09000007": (3, 2),  # Camden
    "E09000019": (4, 2),  # Islington
    "E09000012": (5, 2),  # Hackney
    "E09000026": (6, 2),  # Redbridge
    "E09000016": (7, 2),  # Havering
    "E09000018": (0, 3),  # Hounslow
    "E09000013": (1, 3),  # Hammersmith and Fulham
    "E09000020": (2, 3),  # Kensington and Chelsea
    "E09000033": (3, 3),  # Westminster
    "E09000001": (4, 3),  # City of London
    "E09000030": (5, 3),  # Tower Hamlets
    "E09000025": (6, 3),  # Newham
    "E09000002": (7, 3),  # Barking and Dagenham
    "E09000027": (1, 4),  # Richmond upon Thames
    "E09000032": (2, 4),  # Wandsworth
    "E09000022": (3, 4),  # Lambeth
    "E09000028": (4, 4),  # Southwark
    "E09000023": (5, 4),  # Lewisham
    "E09000011": (6, 4),  # Greenwich
    "E09000004": (7, 4),  # Bexley
    "E09000021": (2, 5),  # Kingston upon Thames
    "E09000024": (3, 5),  # Merton
    "E09000008": (4, 5),  # Croydon
    "E09000006": (5, 5),  # Bromley
    "E09000029": (3, 6),  # Sutton
}

# (lowest count, shade name, words for the key); each tile also shows its number, so colour is never the only cue
SHADES = [(0, "none", "None"), (1, "few", "1"), (2, "some", "2 or 3"), (4, "many", "4 or more")]


@dataclass
class Tile:
    local_authority: object
    column: int
    row: int
    count: int
    url: str

    @property
    def shade(self):
        return [name for lowest, name, _ in SHADES if self.count >= lowest][-1]


def tiles(*, theme=None, category=None):
    """Every local authority with a place on the map, with its published entries (of the theme and category)."""
    published = Practice.objects.published()
    if theme:
        published = published.filter(themes=theme)
    if category:
        published = published.filter(categories=category)
    counts = dict(published.values_list("local_authority").annotate(n=Count("pk", distinct=True)).order_by())
    chosen = {"theme": theme.slug if theme else None, "category": category.slug if category else None}
    return [
        Tile(la, *POSITIONS[la.gss_code], counts.get(la.pk, 0), browse_url(local_authority=la.slug, **chosen))
        for la in cached.lists()["local_authority"].values()
        if la.gss_code in POSITIONS
    ]
