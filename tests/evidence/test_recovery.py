"""
The suppression test: read every page, CSV download and API response a reader can get for a
fixture full of small numbers, and try to recover each hidden count from what they show.
"""

import csv
import io
import re

import pytest
from django.urls import reverse

from evidence.choices import area_from, areas
from evidence.cube import Structure
from evidence.loading import Options
from evidence.models import EthnicGroup, Stage
from tests.evidence.factories import load_fixture
from tests.evidence.recovery import determined, narrowed, recoverable, universe
from tests.evidence.test_protection import load_small_numbers, truth

pytestmark = pytest.mark.django_db
HIDDEN_NOTES = {"hidden to protect small numbers"}
ROW = re.compile(r'<th scope="row">([^<]+?)(?: \(comparison\))?</th>\s*<td class="text-end">([0-9,]*)', re.S)


@pytest.fixture
def shown(client):
    """Every count shown and every one said to be hidden, keyed as the cells are, from every view of the fixture."""
    stages = load_small_numbers(stages=("arrest", "custody"), denominators=True)
    groups = {group.short_name: group.pk for group in EthnicGroup.objects.all()} | {"All ethnic groups": None}
    stage_ids = {stage.name: stage.pk for stage in stages}
    seen, hidden, pages = {}, set(), []
    for _, options in areas():
        for slug, _ in options:
            key = area_from(slug).key
            for level in ("detailed", "high"):
                params = {"area": slug, "level": level, "comparison": "white" if level == "high" else "white-british"}
                rows = csv.DictReader(
                    io.StringIO(
                        client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params).content.decode()
                    )
                )
                api = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), params).json()[
                    "figures"
                ]
                for figure in [*rows, *api]:
                    assert figure.get("rate_per_1000") in ("", None) or figure["count"] not in ("", None)
                    at = (stage_ids[figure["stage"]], 2022, key, groups[figure["ethnic_group"]])
                    if figure["count"] not in ("", None):
                        seen[at] = int(figure["count"])
                    elif figure["count_note"] in HIDDEN_NOTES:
                        hidden.add(at)
                page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
                pages.append((key, page))
    return truth(stages), seen, hidden, pages, groups


def test_no_hidden_count_can_be_recovered_from_pages_downloads_or_the_api(shown):
    true_counts, seen, hidden, pages, groups = shown
    assert len(seen) > 900 and len(hidden) > 100
    assert not [key for key, count in seen.items() if 0 < count < 5]
    assert set(recoverable(true_counts, seen)) & hidden == set()
    assert narrowed(seen, hidden, 5, at_least_one=hidden) == {}  # shown as hidden: not 0, as zeros are shown
    pages_show_the_same_counts_as_the_downloads(seen, pages, groups | {"All children": None})


def pages_show_the_same_counts_as_the_downloads(seen, pages, groups):
    stage_ids = dict(Stage.objects.filter(measure__slug="youth-justice").values_list("name", "pk"))
    for key, page in pages:
        for section in page.split('<section class="evidence-stage"')[1:3]:
            stage = stage_ids[re.search(r"<h2[^>]*>([^<]+)</h2>", section)[1]]
            for name, count in ROW.findall(section):
                if count:
                    assert seen[(stage, 2022, key, groups[name])] == int(count.replace(",", ""))
                    assert not 0 < int(count.replace(",", "")) < 5


def test_a_hidden_combined_group_cannot_be_worked_back_from_the_white_figure(client):
    """The second tester's DfE file: Hackney's Gypsy/Roma 3 and Traveller of Irish heritage 6 (Camden's 7 and 2)
    hidden; the combined group they add up to must not then be hidden and recoverable as White 210 − 68 − 62 − 71."""
    load_fixture(
        "dfe_grt.csv",
        Options(source="dfe", indicators={"perm_excl": "exclusions/permanent-exclusion"}, denominator="headcount"),
    )
    stage = Stage.objects.get(measure__slug="exclusions", slug="permanent-exclusion")
    groups = {group.short_name: group.pk for group in EthnicGroup.objects.all()} | {"All ethnic groups": None}
    seen, hidden = {}, []
    for slug in ("hackney", "camden", "east-london", "north-central-london", "london"):
        for level in ("detailed", "high"):
            params = {"area": slug, "period": "2024", "level": level}
            response = client.get(reverse("evidence:api_measure_detail", args=["exclusions"]), params)
            for figure in response.json()["figures"]:
                if figure["stage"] != stage.name:
                    continue
                key = (stage.pk, 2024, area_from(slug).key, groups[figure["ethnic_group"]])
                if figure["count"] is not None:
                    seen[key] = figure["count"]
                elif figure["count_note"] in HIDDEN_NOTES:
                    hidden.append(key)
    assert hidden and not [count for count in seen.values() if 0 < count < 5]
    combined = EthnicGroup.objects.get(level="combined").pk
    assert seen[(stage.pk, 2024, area_from("hackney").key, combined)] == 9  # not small, and gives nothing away
    structure = Structure.current()
    keys = universe(stage.pk, 2024, structure)
    assert not set(determined(keys, [key for key in keys if key not in seen], structure)) & set(hidden)
    assert narrowed(seen, hidden, 5, at_least_one=hidden) == {}
