"""A short summary filled from the description's first paragraph is not printed twice."""

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

FIRST = "Redbridge's work is driven by a strong sense of moral purpose."


def pack_text(client):
    pack = Document(io.BytesIO(client.get(reverse("practice_export", args=["docx"])).content))
    return "\n".join(paragraph.text for paragraph in pack.paragraphs)


@pytest.fixture
def summary_from_description(db):
    return PracticeFactory(status="published", summary=FIRST, description=f"{FIRST}\n\nIt crosses partnerships.")


def test_the_entry_page_prints_a_summary_taken_from_the_description_once(client, summary_from_description):
    page = client.get(summary_from_description.get_absolute_url()).content.decode()
    assert page.count("strong sense of moral purpose") == 2  # the page's description for search engines, and the text


def test_the_word_pack_prints_a_summary_taken_from_the_description_once(client, summary_from_description):
    text = pack_text(client)
    assert text.count("strong sense of moral purpose") == 1
    assert "Summary" not in text.split("\n")


def test_a_summary_of_its_own_is_still_printed(client):
    practice = PracticeFactory(status="published", summary="Heads of service lead it.", description=FIRST)
    assert '<p class="lead">Heads of service lead it.</p>' in client.get(practice.get_absolute_url()).content.decode()
    assert "Heads of service lead it." in pack_text(client)
