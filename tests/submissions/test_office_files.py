"""
Office files read whole, on their own model: each file of the Office corpus (tests/fixtures/office, made by
make_office.py) is refused or accepted as its expectation says, as an entry's resource and as a plan action's,
through the pages that take them; the Word ones also by the proforma and plan importers.
"""

import html
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import ActionResource, Plan
from submissions.models import Practice, Resource
from tests.factories import lead
from tests.plans import world
from tests.submissions.test_proforma import hackney_id, proforma_data

pytestmark = pytest.mark.django_db

OFFICE = Path(__file__).parent.parent / "fixtures" / "office"
CORPUS = sorted(path for path in OFFICE.iterdir() if path.suffix != ".json")
REFUSED = [path for path in CORPUS if "refused" in json.loads(path.with_name(path.name + ".json").read_text())]
ACCEPTED = [path for path in CORPUS if path not in REFUSED]
WORD_FILES = [path for path in CORPUS if path.suffix == ".docx"]
# What the person who chose the file reads, for each reason it is refused.
SAID = {
    "macros": "The selected file contains macros, which the portal does not accept.",
    "controls": "The selected file contains ActiveX controls (buttons or boxes that run code)",
    "embedded": "The selected file has another file or an object embedded in it (inserted with Insert > Object",
    "linked": "The selected file fetches something from another computer when it is opened",
    "dtd": "The selected file declares its own XML definitions, which Office never writes",
    "expands": "The selected file unpacks to far more than a document of its size holds, so it was not opened",
    "parts": "The selected file is made of more parts than any document is, so it was not opened",
    "damaged": "The selected file is damaged, or was not saved by an Office program, so it cannot be checked.",
    "program": "The selected file has a program or script hidden among its parts",
    "picture_too_large": "The selected file is, or holds, a picture too big to open safely (more than 120 megapixels",
    "picture_unreadable": "The selected file is, or holds, a picture whose size cannot be read",
}
# The importers' own words, where they have them (a plan's, where they differ from a proforma's).
IMPORTER_SAID = SAID | {
    "macros": "This document contains macros, which we do not open.",
    "dtd": "This document cannot be read safely: it declares its own XML definitions",
    "expands": "The selected file expands to far more than a proforma could hold, so it was not opened",
    "parts": "The selected file expands to far more than a proforma could hold, so it was not opened",
    "damaged": "The selected file is damaged and cannot be opened as a Word document",
}
PLAN_SAID = IMPORTER_SAID | {
    "expands": "The selected file expands to far more than a plan could hold, so it was not opened",
    "parts": "The selected file expands to far more than a plan could hold, so it was not opened",
    "damaged": "The file is not a Word document that can be read: save it again as .docx",
}


def expected(path):
    return json.loads(path.with_name(path.name + ".json").read_text())


def page_of(response):
    return " ".join(html.unescape(response.content.decode()).split())


def add_to_entry(client, path):
    client.force_login(lead("Hackney"))
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    data = proforma_data(local_authority=hackney_id(), **{"resources-0-title": "Report", "resources-0-file": upload})
    return client.post(reverse("practice_create"), data)


def add_to_action(client, path):
    action = world.north_central().areas.get(number=3).actions.get()
    client.force_login(world.coordinator())
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(reverse("plans:resource_add", args=[action.pk]), {"title": "Report", "url": "", "file": upload})


@pytest.mark.parametrize("path", REFUSED, ids=lambda path: path.name)
def test_a_refused_office_file_is_not_taken_as_an_entrys_resource_and_says_why(client, path):
    response = add_to_entry(client, path)

    assert response.status_code == 200
    assert f"Resource 1: {SAID[expected(path)['refused']]}" in page_of(response)
    assert not Practice.objects.exists() and not Resource.objects.exists()


@pytest.mark.parametrize("path", REFUSED, ids=lambda path: path.name)
def test_a_refused_office_file_is_not_taken_as_a_plan_actions_resource_and_says_why(client, path):
    response = add_to_action(client, path)

    assert response.status_code == 200
    assert SAID[expected(path)["refused"]] in page_of(response)
    assert not ActionResource.objects.exists()


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda path: path.name)
def test_a_clean_office_file_is_taken_as_an_entrys_resource_and_served_as_what_it_is(client, path):
    response = add_to_entry(client, path)

    assert response.status_code == 302, page_of(response)
    resource = Resource.objects.get()
    assert resource.content_type == expected(path)["accepted"]
    download = client.get(resource.get_absolute_url())
    assert download["Content-Type"] == expected(path)["accepted"]
    assert b"".join(download.streaming_content) == path.read_bytes()


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda path: path.name)
def test_a_clean_office_file_is_taken_as_a_plan_actions_resource(client, path):
    response = add_to_action(client, path)

    assert response.status_code == 302, page_of(response)
    assert ActionResource.objects.get().content_type == expected(path)["accepted"]


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda path: path.name)
def test_the_proforma_importer_opens_the_word_files_the_upload_check_accepts_and_refuses_the_others(client, path):
    client.force_login(lead("Islington"))

    response = client.post(reverse("practice_import"), {"proforma": SimpleUploadedFile(path.name, path.read_bytes())})

    refused = expected(path).get("refused")
    if refused:
        assert IMPORTER_SAID[refused] in page_of(response)
    else:  # opened and read: it is no proforma, but nothing says it was refused
        assert not any(message in page_of(response) for message in IMPORTER_SAID.values())
        assert "not a Word document" not in page_of(response)
    assert not Practice.objects.exists()


@pytest.mark.parametrize("path", [path for path in WORD_FILES if path in REFUSED], ids=lambda path: path.name)
def test_the_plan_importer_refuses_what_the_upload_check_refuses(client, path):
    client.force_login(world.coordinator())
    region = world.region("North Central London").pk
    file = SimpleUploadedFile(path.name, path.read_bytes())

    response = client.post(reverse("plans:plan_import"), {"file": file, "sub_region": region})

    assert response.status_code == 200 and "There is a problem" in page_of(response)
    assert PLAN_SAID[expected(path)["refused"]] in page_of(response)
    assert not Plan.objects.exists()
