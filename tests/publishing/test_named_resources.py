"""A resource named without a link or file reads "named, not yet available": on the page, in downloads, in the API."""

import csv
import io

import pytest
from django.urls import reverse
from docx import Document

from submissions.models import Resource
from tests.factories import PracticeFactory, ResourceFactory

pytestmark = pytest.mark.django_db

NAMED = "Building Equal Foundations"


@pytest.fixture
def entry(db):
    practice = PracticeFactory(status="published")
    Resource.objects.create(practice=practice, title=NAMED)
    ResourceFactory(practice=practice)
    return practice


def test_the_entry_page_names_it_without_a_link(client, entry):
    page = client.get(entry.get_absolute_url()).content.decode()

    assert f'<li>{NAMED} <span class="resource-list__meta">(named, not yet available)</span></li>' in page
    assert f'href="">{NAMED}' not in page


def test_the_word_pack_and_csv_name_it_as_not_yet_available(client, entry):
    pack = Document(io.BytesIO(client.get(reverse("practice_export", args=["docx"])).content))
    assert f"{NAMED} (named, not yet available)" in [paragraph.text for paragraph in pack.paragraphs]
    streamed = client.get(reverse("practice_export", args=["csv"])).getvalue().decode()
    row = next(csv.DictReader(io.StringIO(streamed.removeprefix("\ufeff"))))
    assert row["Resources"].splitlines() == [
        f"{NAMED}: named, not yet available",
        "Evaluation report: https://example.org/evaluation",
    ]


def test_the_api_gives_it_as_named_with_no_address(client, entry):
    data = client.get(reverse("api_practice_detail", args=[entry.pk])).json()

    assert data["resources"][0] == {"title": NAMED, "url": None, "kind": "named"}
    assert data["resources"][1]["kind"] == "link"
