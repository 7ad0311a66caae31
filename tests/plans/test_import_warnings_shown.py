"""Every warning read from a plan file is shown on the page: on its first import, on the page asking whether a file
imported already is a new version, and after either choice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import importer
from plans.models import Plan
from tests.plans import world
from tests.plans.test_import_context_plans import NORTH_CENTRAL

pytestmark = pytest.mark.django_db

WARNINGS = importer.parse("plan.txt", NORTH_CENTRAL.read_bytes()).warnings


def upload(client, content=None):
    file = SimpleUploadedFile("ncl-v2.txt", content or NORTH_CENTRAL.read_bytes(), content_type="text/plain")
    region = world.region("North Central London").pk
    return client.post(reverse("plans:plan_import"), {"file": file, "sub_region": region}, follow=True)


@pytest.fixture
def coordinator(client):
    client.force_login(world.coordinator())


def test_the_north_central_plan_has_warnings_to_show():
    assert len(WARNINGS) == 3  # 'in September' twice, and the plan-level item


def test_every_warning_is_shown_on_the_first_import(client, coordinator):
    page = world.words_of(upload(client))
    assert all(" ".join(warning.split()) in page for warning in WARNINGS)


def test_every_warning_is_shown_while_asking_whether_it_is_a_new_version(client, coordinator):
    upload(client)
    page = world.words_of(upload(client))
    assert "This plan may have been imported already" in page
    assert "Read with 3 warnings" in page
    assert all(" ".join(warning.split()) in page for warning in WARNINGS)


@pytest.mark.parametrize("choice", ["version", "separate"])
def test_every_warning_is_shown_again_after_the_choice(client, coordinator, choice):
    upload(client)
    newer = NORTH_CENTRAL.read_text().replace(" v.2", " v.3")
    if choice == "separate":  # under a title of its own: two plans of a sub-region may not share one
        newer = "Another plan for " + newer
    upload(client, newer.encode())
    plan = Plan.objects.get()
    chosen = f"plan-{plan.pk}" if choice == "version" else "separate"
    page = world.words_of(client.post(reverse("plans:plan_import"), {"choice": chosen}, follow=True))
    assert all(" ".join(warning.split()) in page for warning in WARNINGS)
    assert Plan.objects.count() == (1 if choice == "version" else 2)


def test_a_warning_about_hidden_characters_is_shown_on_import_again_too(client, coordinator):
    hidden = NORTH_CENTRAL.read_text().replace("2. Youth justice", "2. Youth\u202e justice")
    upload(client, hidden.encode())
    page = world.words_of(upload(client, hidden.encode()))
    assert "Line 15: hidden formatting characters were left out of the area's title" in page
