"""Downloads of a browse page's entries: each file opened with its own library and checked against the page."""

import csv
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from submissions.models import Contact, Practice
from tests import factories
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db

EAST = {"sub_region": "east-london"}


@pytest.fixture
def entries(db):
    """Published entries in and out of East London, and unpublished ones that must never be exported."""
    made = {
        "redbridge": PracticeFactory(
            local_authority=authority("Redbridge"), status="published", title="=Redbridge mentoring"
        ),
        "newham": PracticeFactory(local_authority=authority("Newham"), status="published", title="Newham inclusion"),
        "camden": PracticeFactory(local_authority=authority("Camden"), status="published", title="Camden youth"),
    }
    for status in (Practice.Status.DRAFT, Practice.Status.SUBMITTED, Practice.Status.REJECTED):
        PracticeFactory(local_authority=authority("Havering"), status=status, title=f"Havering {status} secret")
    Contact.objects.filter(practice=made["newham"]).update(phone="020 7946 0001")
    return made


def download(client, file_format, query):
    response = client.get(reverse("practice_export", args=[file_format]), query)
    assert response.status_code == 200
    return response


def browse_titles(client, query):
    return sorted(hit.title for hit in client.get(reverse("practice_list"), query).context["results"].hits)


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_holds_the_filtered_result_set_and_nothing_unpublished(client, entries):
    rows = csv_rows(download(client, "csv", EAST))
    titles = sorted(row["Name of the project or approach"].lstrip("'") for row in rows)
    assert titles == browse_titles(client, EAST) == ["=Redbridge mentoring", "Newham inclusion"]
    assert all("secret" not in value for row in rows for value in row.values())


def test_csv_gives_contacts_emails_only_to_signed_in_users(client, entries):
    anonymous = csv_rows(download(client, "csv", EAST))
    assert all("lisa@example.org" not in row["Contacts"] and "020 7946" not in row["Contacts"] for row in anonymous)
    assert all("Lisa Aldridge, Head of Safeguarding" in row["Contacts"] for row in anonymous)
    client.force_login(factories.dcs())
    signed_in = csv_rows(download(client, "csv", EAST))
    assert all("lisa@example.org" in row["Contacts"] for row in signed_in)


def test_csv_cells_never_run_as_formulas(client, entries):
    rows = csv_rows(download(client, "csv", {"local_authority": "redbridge"}))
    assert [row["Name of the project or approach"] for row in rows] == ["'=Redbridge mentoring"]


def test_excel_has_a_header_row_and_a_row_per_entry(client, entries):
    response = download(client, "xlsx", EAST)
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name of the project or approach", "Local authority", "Sub-region")
    assert sheet["A1"].font.b
    assert sorted(row[0] for row in rows[1:]) == ["=Redbridge mentoring", "Newham inclusion"]
    assert sheet["A2"].data_type == "s"  # text, not a formula
    assert sheet.column_dimensions["G"].width == 60
    assert not any("lisa@example.org" in str(cell or "") for row in rows for cell in row)


def test_the_word_pack_has_a_cover_contents_and_entries_by_sub_region(client, entries):
    client.force_login(factories.dcs())
    response = download(client, "docx", {"q": "", "theme": "school-exclusions"})
    document = Document(io.BytesIO(response.content))
    text = [paragraph.text for paragraph in document.paragraphs]
    assert "Theme: School exclusions" in text
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    sub_regions = [text for style, text in headings if style == "Heading 1"]
    assert sub_regions == ["East London", "North Central London"]
    assert [text for style, text in headings if style == "Heading 2"] == ["Newham", "Redbridge", "Camden"]
    assert any("lisa@example.org" in line for line in text)
    assert not any("secret" in line for line in text)


def test_an_anonymous_visitors_pack_has_no_emails_or_phones(client, entries):
    document = Document(io.BytesIO(download(client, "docx", EAST).content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Lisa Aldridge" in text
    assert "lisa@example.org" not in text and "020 7946 0001" not in text


def test_the_browse_page_offers_its_results_as_downloads(client, entries):
    page = client.get(reverse("practice_list"), EAST).content.decode()
    assert f'href="{reverse("practice_export", args=["csv"])}?sub_region=east-london"' in page


def test_control_characters_pasted_into_an_entry_do_not_break_word_or_excel(client, entries):
    Practice.objects.filter(pk=entries["newham"].pk).update(description="Pasted\x0b from\x1f Word")
    document = Document(io.BytesIO(download(client, "docx", EAST).content))
    assert "Pasted from Word" in [paragraph.text for paragraph in document.paragraphs]
    sheet = load_workbook(io.BytesIO(download(client, "xlsx", EAST).content)).active
    assert "Pasted from Word" in [row[6] for row in sheet.iter_rows(values_only=True)]
