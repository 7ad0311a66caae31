"""One name per category, the template's, everywhere: the form, the entry, browse, coverage and downloads."""

import csv
import io

import pytest
from django.urls import reverse
from docx import Document

from reference.models import SharingCategory
from search import engine
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

TEMPLATE_NAME = "Within your organisation"


@pytest.fixture
def shared_within_and_with_families(db):
    practice = PracticeFactory(status="published", complete=False)
    practice.categories.set(
        SharingCategory.objects.filter(slug__in=["within-your-organisation", "with-children-and-families"])
    )
    engine.index(practice)  # again, with its categories
    return practice


def test_an_entry_names_its_categories_as_the_template_does(client, shared_within_and_with_families):
    page = client.get(shared_within_and_with_families.get_absolute_url()).content.decode()
    assert "Shared with: Within your organisation, With children and families." in page
    assert "its own organisation" not in page


def test_browse_filters_and_coverage_name_the_category_as_the_template_does(client, shared_within_and_with_families):
    for url in [reverse("practice_list"), reverse("coverage") + "?by=category"]:
        page = client.get(url).content.decode()
        assert TEMPLATE_NAME in page, url
        assert "its own organisation" not in page.lower(), url


def test_the_word_pack_and_csv_name_the_category_as_the_template_does(client, shared_within_and_with_families):
    pack = Document(io.BytesIO(client.get(reverse("practice_export", args=["docx"])).content))
    text = "\n".join(paragraph.text for paragraph in pack.paragraphs)
    assert f"Shared with: {TEMPLATE_NAME}, With children and families" in text
    streamed = client.get(reverse("practice_export", args=["csv"])).getvalue().decode()
    rows = list(csv.DictReader(io.StringIO(streamed.removeprefix("\ufeff"))))
    assert rows[0]["Shared with"] == f"{TEMPLATE_NAME}; With children and families"


def test_the_api_keeps_the_category_slug_and_gives_the_template_name(client, shared_within_and_with_families):
    data = client.get(reverse("api_practice_detail", args=[shared_within_and_with_families.pk])).json()
    assert {"slug": "within-your-organisation", "name": TEMPLATE_NAME} in data["categories"]
