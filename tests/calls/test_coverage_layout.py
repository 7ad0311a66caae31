"""The coverage page on a phone: its tables' thousand cells are laid out only when scrolled near."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_each_coverage_table_is_laid_out_only_when_it_comes_near_the_screen(client):
    html = client.get(reverse("coverage")).content.decode()
    containers = re.findall(r'<div class="([^"]*)" role="region" aria-labelledby="coverage-\d+"', html)
    css = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
    rule = re.search(r"\.coverage-table-scroll \{([^}]*)\}", css)

    assert len(containers) == 2 and all("coverage-table-scroll" in c.split() for c in containers)
    assert rule and "content-visibility: auto" in rule.group(1)
    assert "contain-intrinsic-size: auto" in rule.group(1)  # keeps its height once drawn: no jump back
