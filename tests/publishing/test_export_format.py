"""The Word pack and the Excel file read as documents: lists as lists, properties, page numbers, dates, filters."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "We did three things:\n- Reverse mentoring\n- Diverse panels\n\nIn order:\n1. Listen\n2. Plan\n3. Act\n\nThe end."
)


@pytest.fixture
def entry(db):
    return PracticeFactory(
        status="published", title="Black leadership group", description=DESCRIPTION, published_at=timezone.now()
    )


def word_pack(client):
    response = client.get(reverse("practice_export", args=["docx"]))
    return Document(io.BytesIO(response.content))


def test_a_list_straight_after_a_line_is_a_list_and_numbered_lists_keep_their_numbers(client, entry):
    paragraphs = [(p.style.name, p.text) for p in word_pack(client).paragraphs]
    start = paragraphs.index(("Heading 4", "Description of the work"))
    assert paragraphs[start + 1 : start + 9] == [
        ("Normal", "We did three things:"),
        ("List Bullet", "Reverse mentoring"),
        ("List Bullet", "Diverse panels"),
        ("Normal", "In order:"),
        ("List Paragraph", "1. Listen"),
        ("List Paragraph", "2. Plan"),
        ("List Paragraph", "3. Act"),
        ("Normal", "The end."),
    ]


def test_the_pack_has_a_title_author_created_date_and_page_numbers(client, entry):
    document = word_pack(client)
    properties = document.core_properties
    assert properties.title.startswith("Sharing practice")
    assert properties.author == "Sharing Practice portal (LIIA)"
    assert properties.created.date() == timezone.now().date()
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer


def test_excel_has_real_dates_a_filter_on_the_header_and_wrapped_long_text(client, entry):
    response = client.get(reverse("practice_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    headings = [cell.value for cell in sheet[1]]
    published = sheet.cell(row=2, column=headings.index("Published") + 1)
    assert published.is_date and published.value.date() == timezone.localdate()
    assert isinstance(published.value.date(), date)
    assert sheet.auto_filter.ref == "A1:L2"
    description = sheet.cell(row=2, column=headings.index("Description of the work") + 1)
    assert description.alignment.wrap_text
    assert not sheet.cell(row=2, column=headings.index("Local authority") + 1).alignment.wrap_text
