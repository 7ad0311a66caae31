"""The Word practice pack read on paper: links print their address, the contents get page numbers from Word, and
the cover quotes the search once."""

import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from submissions.models import Resource
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    practice = PracticeFactory(local_authority=authority("Hackney"), status="published", title="Stop and search panel")
    Resource.objects.create(practice=practice, title="Panel terms of reference", url="https://hackney.example/tor")
    return practice


def pack(client, query):
    response = client.get(reverse("practice_export", args=["docx"]), query)
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def test_each_resource_link_prints_its_address_after_its_title(client, entry):
    lines = [paragraph.text for paragraph in pack(client, {}).paragraphs]
    assert "Panel terms of reference (https://hackney.example/tor)" in lines


def test_the_contents_are_a_field_word_fills_with_page_numbers_when_it_opens_the_pack(client, entry):
    document = pack(client, {})
    body = document.element.body
    instructions = [element.text for element in body.iter(qn("w:instrText"))]
    kinds = [element.get(qn("w:fldCharType")) for element in body.iter(qn("w:fldChar"))]
    assert instructions == [' TOC \\o "1-3" \\h \\z \\u ']
    assert kinds == ["begin", "separate", "end"]
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    text = [paragraph.text for paragraph in document.paragraphs]
    assert any("choose Yes when Word asks to update the fields" in line for line in text)
    assert "Hackney: Stop and search panel" in text  # shown until Word updates it
    heading_1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert heading_1 == ["East London"]  # "Contents" is not a heading the contents list themselves


def test_an_empty_pack_has_no_contents_field(client):
    document = pack(client, {"q": "nothing matches this"})
    assert list(document.element.body.iter(qn("w:instrText"))) == []


@pytest.mark.parametrize(
    "q, cover",
    [('"stop and search"', 'Search: "stop and search"'), ("stop and search", "Search: ‘stop and search’")],
)
def test_the_cover_quotes_the_search_once(client, entry, q, cover):
    assert cover in [paragraph.text for paragraph in pack(client, {"q": q}).paragraphs]
