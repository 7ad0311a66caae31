"""The London tile map: 33 squares in their places, shaded by published practice, each a link, with a table too."""

import re

import pytest
from django.urls import reverse

from calls import tile_map
from reference.models import LocalAuthority
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db


def test_every_local_authority_has_its_own_square():
    places = list(tile_map.POSITIONS.values())
    assert len(places) == len(set(places)) == 33
    assert set(tile_map.POSITIONS) == set(LocalAuthority.objects.values_list("gss_code", flat=True))
    assert (
        tile_map.POSITIONS[authority("Havering").gss_code][0] > tile_map.POSITIONS[authority("Hillingdon").gss_code][0]
    )
    assert tile_map.POSITIONS[authority("Enfield").gss_code][1] < tile_map.POSITIONS[authority("Sutton").gss_code][1]


def test_the_map_shades_each_square_by_its_entries_for_the_chosen_theme(client):
    for _ in range(4):
        PracticeFactory(status="published", local_authority=authority("Hackney"))
    PracticeFactory(status="published", local_authority=authority("Camden"))
    page = client.get(reverse("coverage_map"), {"theme": "school-exclusions"}).content.decode()
    tiles = re.findall(r'<a class="tile--(\w+)" href="[^"]+">.*?<span class="visually-hidden">([^<]+)</span>', page)
    assert len(tiles) == 33
    shade_of = {label: shade for shade, label in tiles}
    assert {"Hackney: 4 entries", "Camden: 1 entry", "Sutton: 0 entries"} <= set(shade_of)
    assert shade_of["Hackney: 4 entries"] == "many"
    assert shade_of["Camden: 1 entry"] == "few"
    assert "The map's figures: published entries on School exclusions by local authority" in page


def test_a_square_links_to_its_entries_on_the_browse_page(client):
    PracticeFactory(status="published", local_authority=authority("Camden"), title="Camden mentors")
    page = client.get(reverse("coverage_map"), {"theme": "school-exclusions"}).content.decode()
    url = re.search(r'href="([^"]+)"><span class="tile-map__name" aria-hidden="true">Camden<', page).group(1)
    hits = client.get(url.replace("&amp;", "&")).context["results"].hits
    assert [hit.title for hit in hits] == ["Camden mentors"]


def test_an_unknown_theme_shows_everything(client):
    assert client.get(reverse("coverage_map"), {"theme": "no-such-theme", "category": "x" * 500}).status_code == 200
