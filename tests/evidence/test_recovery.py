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
from evidence.models import EthnicGroup, Stage
from tests.evidence.recovery import narrowed, recoverable
from tests.evidence.test_protection import load_small_numbers, truth

pytestmark = pytest.mark.django_db
ROW = re.compile(r'<th scope="row">([^<]+?)(?: \(comparison\))?</th>\s*<td class="text-end">([0-9,]*)', re.S)


@pytest.fixture
def shown(client):
    """Every count shown, keyed as the cells are, from every view of the fixture: (truth, seen)."""
    stages = load_small_numbers(stages=("arrest", "custody"), denominators=True)
    groups = {group.short_name: group.pk for group in EthnicGroup.objects.all()} | {"All ethnic groups": None}
    stage_ids = {stage.name: stage.pk for stage in stages}
    seen, pages = {}, []
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
                    if figure["count"] not in ("", None):
                        seen[(stage_ids[figure["stage"]], 2022, key, groups[figure["ethnic_group"]])] = int(
                            figure["count"]
                        )
                page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
                pages.append((key, page))
    return truth(stages), seen, pages, groups


def test_no_hidden_count_can_be_recovered_from_pages_downloads_or_the_api(shown):
    true_counts, seen, pages, groups = shown
    assert len(seen) > 1000
    assert not [key for key, count in seen.items() if 0 < count < 5]
    assert recoverable(true_counts, seen) == []
    assert narrowed(seen, [key for key in true_counts if key not in seen], 5) == {}
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
