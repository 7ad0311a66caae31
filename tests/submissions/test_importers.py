"""Reading completed proformas: every field as a person reading the return would record it."""

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.parser import oxml_parser
from lxml import etree

from submissions.importers import ProformaFileError, match_local_authority, parse_proforma
from submissions.importers.runs import field_address
from submissions.importers.word import SAFE_XML

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent.parent / "fixtures"


def parse(name):
    with (FIXTURES / name).open("rb") as file:
        return parse_proforma(file, name)


def parse_bytes(data, name="proforma.docx"):
    return parse_proforma(io.BytesIO(data), name)


def word_document(build):
    """A .docx made with python-docx: build(document) adds the content."""
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_islington_word_sample():
    parsed = parse("islington-sample.docx")

    assert parsed.local_authority.name == "Islington"
    assert parsed.title == "Reflective Race and Identity Circles"
    assert [c.name for c in parsed.categories] == [
        "Within your organisation",
        "With children and families",
        "Through research",
    ]
    assert parsed.description.startswith("Islington's children's social care service runs monthly reflective circles")
    assert "Please use this template" not in parsed.description and "☒" not in parsed.description
    assert parsed.impact.splitlines() == [
        "- Over 120 practitioners have attended at least three circles since January.",
        "- Re-referral rates for Black Caribbean children fell from 24% to 17% over twelve months.",
        "- Audit of 40 assessments shows family history and identity recorded in 90% (up from 55%).",
    ]
    assert parsed.links == [
        {"title": "Reflective Circles guide", "url": "https://example.org/islington/reflective-circles-guide.pdf"},
        {"title": "Circles evaluation", "url": "https://example.org/islington/circles-evaluation"},
    ]
    assert parsed.contacts == [
        {
            "name": "Priya Raman",
            "role": "Practice Development Lead",
            "email": "priya.raman@example.org",
            "phone": "020 7946 0001",
        }
    ]
    assert list(parsed.warnings) == ["summary"]  # the template has no short summary; we offer one
    assert parsed.summary.startswith("Islington's children's social care service runs")


def test_the_hackney_text_return():
    parsed = parse("hackney.txt")

    assert parsed.local_authority.name == "Hackney"
    assert parsed.title == ""
    assert "title" in parsed.warnings
    assert parsed.categories == [] and "categories" in parsed.warnings  # listed, none marked
    assert "Examples of initiatives around recruitment and staffing include:" in parsed.description.split("\n\n")
    assert "- The development of a Black leadership group to act as a ‘critical friend’ across the organisation" in (
        parsed.description.splitlines()
    )
    assert [(c["name"], c["role"]) for c in parsed.contacts] == [
        ("Sonia Khan", ""),
        ("Lisa Aldridge", "Head of Safeguarding and Learning"),
        ("Annie Gammon", "Director of Education"),
    ]


def test_the_redbridge_text_return_keeps_various_as_written():
    parsed = parse("redbridge.txt")

    assert parsed.local_authority.name == "Redbridge"
    assert parsed.title == "Various"
    assert parsed.description.startswith("Redbridge disproportionality and anti-racist work")
    assert len(parsed.description.split("\n\n")) == 3
    assert "contacts" in parsed.warnings


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Hackney", "Hackney"),
        ("London Borough of Hackney", "Hackney"),
        ("LB Hackney", "Hackney"),
        ("  hackney  council ", "Hackney"),
        ("Royal Borough of Kensington and Chelsea", "Kensington and Chelsea"),
        ("Kensington & Chelsea", "Kensington and Chelsea"),
        ("Barking &  Dagenham", "Barking and Dagenham"),
        ("City of London", "City of London"),
        ("City of London Corporation", "City of London"),
        ("City of Westminster", "Westminster"),
        ("Hammersmith & Fulham Council", "Hammersmith and Fulham"),
        ("RB Kingston", "Kingston upon Thames"),
        ("Kingston-upon-Thames", "Kingston upon Thames"),
        ("Richmond", "Richmond upon Thames"),
        ("TOWER  HAMLETS", "Tower Hamlets"),
    ],
)
def test_the_local_authority_is_matched_whatever_the_form(written, expected):
    assert match_local_authority(written).name == expected


def test_an_unknown_local_authority_is_a_warning_not_a_guess():
    parsed = parse_bytes(b"LA Name: Borsetshire\nName of project or approach: Circles\n", "x.txt")

    assert parsed.local_authority is None
    assert "Borsetshire" in parsed.warnings["local_authority"][0]


@pytest.mark.parametrize("mark", ["☒", "✓", "✔", "X", "x", "[x]"])
def test_categories_are_read_from_the_marks_people_use(mark):
    text = (
        f"LA Name: Camden\n{mark} With partners\n☐ With communities\n[ ] Through research\nWith children and families\n"
    )

    parsed = parse_bytes(text.encode(), "x.txt")

    assert [c.name for c in parsed.categories] == ["With partners"]


def test_a_category_set_in_bold_or_highlighted_is_marked():
    def build(document):
        document.add_paragraph("LA Name: Camden")
        document.add_paragraph().add_run("With partners").bold = True
        document.add_paragraph().add_run("Through research").font.highlight_color = WD_COLOR_INDEX.YELLOW
        document.add_paragraph("With communities")

    parsed = parse_bytes(word_document(build))

    assert [c.name for c in parsed.categories] == ["With partners", "Through research"]


def test_fields_laid_out_as_a_two_column_table():
    def build(document):
        document.add_heading("Anti-Racist Work and Tackling Disproportionality: Sharing Practice", 1)
        table = document.add_table(rows=3, cols=2)
        for row, (label, value) in zip(
            table.rows,
            [
                ("LA Name", "Camden"),
                ("Name of project or approach", "Youth panel"),
                ("Contact", "Ann Hart, Head of YOS"),
            ],
            strict=True,
        ):
            row.cells[0].text, row.cells[1].text = label, value
        document.add_paragraph("The panel meets monthly. See https://example.org/panel for the terms.")

    parsed = parse_bytes(word_document(build))

    assert (parsed.local_authority.name, parsed.title) == ("Camden", "Youth panel")
    assert parsed.contacts[0]["name"] == "Ann Hart" and parsed.contacts[0]["role"] == "Head of YOS"
    assert parsed.links == [{"title": "https://example.org/panel", "url": "https://example.org/panel"}]


def test_an_empty_file_is_refused():
    with pytest.raises(ProformaFileError, match="The selected file is empty"):
        parse_bytes(b"", "empty.docx")


def test_a_file_that_is_not_a_word_document_is_refused_whatever_its_name():
    with pytest.raises(ProformaFileError, match="not a Word document"):
        parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary", "proforma.docx")


def test_a_pdf_named_as_a_word_document_is_read_as_the_pdf_it_is():
    with pytest.raises(ProformaFileError, match="The selected PDF is damaged"):
        parse_bytes(b"%PDF-1.4\x00\x00binary", "proforma.docx")


def test_a_truncated_word_document_is_refused():
    data = (FIXTURES / "islington-sample.docx").read_bytes()

    with pytest.raises(ProformaFileError, match="damaged"):
        parse_bytes(data[: len(data) // 2])


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))

    with pytest.raises(ProformaFileError, match="expands"):
        parse_bytes(buffer.getvalue())


def test_a_password_protected_document_is_refused_with_what_to_do():
    with pytest.raises(ProformaFileError, match="password-protected"):
        parse_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)


def test_a_document_without_the_proformas_questions_is_refused():
    def build(document):
        document.add_paragraph("Minutes of the meeting held on Tuesday.")

    with pytest.raises(ProformaFileError, match="could not find the proforma's questions"):
        parse_bytes(word_document(build))


def test_a_joint_return_is_imported_under_the_first_authority_with_a_warning_naming_the_others():
    parsed = parse_bytes(b"LA Name: Camden and Islington (joint return)\nName of project: Shared panel\n", "x.txt")

    assert parsed.local_authority.name == "Camden"
    assert "it also names Islington" in parsed.warnings["local_authority"][0]
    assert parsed.certainty["local_authority"] == "found"  # under its question; the warning asks for the check


def test_an_answer_longer_than_the_form_allows_is_kept_whole_with_a_warning():
    title = "Circles " * 40

    parsed = parse_bytes(f"LA Name: Camden\nName of project or approach: {title}\n".encode(), "x.txt")

    assert parsed.title == title.strip()
    assert "longer than the 200 the form allows" in parsed.warnings["title"][0]


@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "vbscript:x"])
def test_a_link_that_is_not_a_web_address_is_dropped_with_a_warning(address):
    def build(document):
        document.add_paragraph("LA Name: Camden")
        paragraph = document.add_paragraph("Resources: ")
        rid = document.part.relate_to(address, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = docx.oxml.parse_xml(
            f'<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}">'
            "<w:r><w:t>Guide</w:t></w:r></w:hyperlink>"
        )
        paragraph._p.append(link)
        document.add_paragraph("https://example.org/guide")

    parsed = parse_bytes(word_document(build))

    assert parsed.links == [{"title": "https://example.org/guide", "url": "https://example.org/guide"}]
    assert address[:20] in parsed.warnings["links"][0]


@pytest.mark.parametrize("parser", [SAFE_XML, oxml_parser], ids=["notes", "python-docx"])
def test_the_xml_parsers_never_expand_entities_or_fetch_definitions(parser, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    xml = (
        f'<!DOCTYPE x [<!ENTITY inside "expanded"><!ENTITY outside SYSTEM "file://{secret}">]>'
        "<x><a>&inside;</a><b>&outside;</b></x>"
    )

    root = etree.fromstring(xml.encode(), parser)

    assert root.find("a").text is None and root.find("a")[0].tag is etree.Entity  # left as a reference
    assert root.find("b").text is None and "do not read me" not in root.xpath("string(.)")


def test_a_text_file_is_read_in_the_encoding_it_was_saved_in():
    text = "LA Name: Haringey\r\nName of project or approach: Café conversations – Renée’s idea\r\n"

    for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252"):
        assert parse_bytes(text.encode(encoding), "x.txt").title == "Café conversations – Renée’s idea"


def test_a_question_word_in_the_story_after_it_was_answered_stays_in_the_story():
    text = "LA Name: Camden\nProject name: Circles\nApproach: circles meet monthly.\nCouncil: all teams joined.\n"

    parsed = parse_bytes(text.encode(), "x.txt")

    assert parsed.title == "Circles"
    assert parsed.description == "Approach: circles meet monthly.\n\nCouncil: all teams joined."


def test_a_question_and_answer_header_row_is_not_part_of_the_answers():
    def build(document):
        table = document.add_table(rows=3, cols=2)
        rows = [("Question", "Your answer"), ("LA Name", "Camden"), ("Description", "Circles meet monthly.")]
        for row, (label, value) in zip(table.rows, rows, strict=True):
            row.cells[0].text, row.cells[1].text = label, value

    parsed = parse_bytes(word_document(build))

    assert (parsed.local_authority.name, parsed.description) == ("Camden", "Circles meet monthly.")


def test_a_category_ticked_in_one_place_and_not_another_is_said():
    text = "LA Name: Camden\n☒ With partners\n☐ Through research\n☐ With partners\n"

    parsed = parse_bytes(text.encode(), "x.txt")

    assert [c.name for c in parsed.categories] == ["With partners"]
    assert "With partners: ticked in one place and not in another" in parsed.warnings["categories"][0]


def test_people_named_in_the_story_are_contacts_only_when_the_proforma_gives_no_contact_of_its_own():
    story = "LA Name: Camden\nWe contact Families Together every week.\n"

    given = parse_bytes(f"{story}Contact: Ann Hart, Head of Service\n".encode(), "x.txt")
    none_given = parse_bytes(f"{story}For more, please contact Ann Hart (Head of Service).\n".encode(), "x.txt")

    assert [c["name"] for c in given.contacts] == ["Ann Hart"]
    assert [(c["name"], c["role"]) for c in none_given.contacts] == [
        ("Families Together", ""),
        ("Ann Hart", "Head of Service"),
    ]
    assert none_given.certainty["contacts"] == "inferred"


@pytest.mark.parametrize(
    ("instruction", "address"),
    [
        (' HYPERLINK "https://example.org/a" ', "https://example.org/a"),
        (' HYPERLINK "https://example.org/a" \\o "Opens in a new window" ', "https://example.org/a"),
        (' HYPERLINK \\t "_blank" "https://example.org/a"', "https://example.org/a"),
        (" HYPERLINK https://example.org/a ", "https://example.org/a"),
        (' HYPERLINK \\l "_Toc123" ', ""),  # a place in the same document: not a link to keep or warn about
        (" PAGEREF _Toc123 \\h ", ""),
    ],
)
def test_a_hyperlink_fields_address_is_read_past_its_switches(instruction, address):
    assert field_address(instruction) == address
