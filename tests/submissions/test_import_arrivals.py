"""Proformas as they arrive (issue 30): questions by meaning, contacts with phonenumbers, links without a
scheme, authorities by abbreviation, email replies. The corpus (tests/fixtures/arrivals.py) holds whole returns;
these name each rule."""

import io
import re
from pathlib import Path

import pytest

from submissions.forms import ProformaForm
from submissions.importers import parse_proforma
from submissions.importers.authorities import ambiguous, match_local_authority
from submissions.importers.contacts import phones_in
from submissions.importers.files import read_file
from submissions.importers.labels import question, question_with_answer
from submissions.importers.limits import PROFORMA
from tests.fixtures.corpus import CORPUS
from tests.fixtures.proforma_pieces import (
    TEMPLATE_TITLE,
    WordFile,
    cell,
    footnote_mark,
    paragraph,
    run,
    simple_field_link,
    table,
)

pytestmark = pytest.mark.django_db


def parse_text(text):
    return parse_proforma(io.BytesIO(text.encode()), "proforma.txt")


def parse_word(*blocks):
    return parse_proforma(io.BytesIO(WordFile().add(*blocks).bytes()), "proforma.docx")


@pytest.mark.parametrize(
    "written, field",
    [
        ("Name of project / practice", "title"),
        ("What impact has this had? (please include any data)", "impact"),
        ("Descripton of the work being undertaken:", "description"),
        ("Who should people contact?", "contacts"),
        ("Borough / LA:", "local_authority"),
        ("Any resources or documents to share?", "resources"),
    ],
)
def test_a_reworded_question_is_found_by_meaning(written, field):
    assert question(written, asked=True) == field


# The portal's own form names each field too; a return copied from the form's page asks its questions so.
FORM_PAGE = Path(__file__).resolve().parents[2] / "templates" / "submissions" / "practice_form.html"


def form_labels():
    """{field: label} of the web form: the proforma form's labels, and the contacts' and resources' headings."""
    labels = {field: str(ProformaForm.base_fields[field].label) for field in FORM_FIELDS}
    formsets = re.findall(r'formset=proforma\.(contacts|resources)\b[^%]*?heading="([^"]+)"', FORM_PAGE.read_text())
    labels.update(formsets)
    return labels


FORM_FIELDS = ["local_authority", "title", "categories", "description", "impact"]


def test_the_web_forms_own_labels_are_read_in_every_arrangement():
    labels = form_labels()
    assert set(labels) == {*FORM_FIELDS, "contacts", "resources"}
    for field, label in labels.items():
        asking = label if label.endswith("?") else f"{label}:"
        assert question(label, asked=True) == field, label  # a label cell, a heading, a quoted line
        assert question(asking) == field, asking  # a line of its own ending '?' or ':'
        assert question_with_answer(f"{asking} The answer") == (field, "The answer"), asking  # inline


def test_the_forms_categories_question_is_read_as_a_table_row_inline_and_quoted():
    label = form_labels()["categories"]
    answered = [
        parse_text(f"Name of project: Hubs\n{label} With partners; Through research\nDescription: We meet."),
        parse_text(f"> Name of project:\nHubs\n\n> {label}\nWith partners, Through research\n\n> Description:\nMet."),
        parse_word(table(["Name of project", "Hubs"], [label, cell("With partners", "Through research")])),
    ]
    for parsed in answered:
        assert sorted(category.name for category in parsed.categories) == ["Through research", "With partners"]


def test_a_title_question_naming_the_practice_and_ticks_as_boxes_are_read():
    ticks = cell("☒ Within your organisation", "☐ With partners", "☒ With communities")
    parsed = parse_word(
        table(["Title of the practice", "Mentoring Partnership"], ["Who does this involve? (tick all)", ticks])
    )

    assert parsed.title == "Mentoring Partnership"
    assert sorted(category.name for category in parsed.categories) == ["With communities", "Within your organisation"]


@pytest.mark.parametrize(
    "story", ["Description of the families we work with:", "Contact with parents:", "The impact on staff was clear:"]
)
def test_a_story_line_using_a_questions_words_is_not_taken_for_it(story):
    assert question(story) is None


def test_a_line_that_does_not_read_as_a_question_must_be_one_of_the_wordings_all_but_exactly():
    assert question("Which categories does this fall under?") == "categories"
    assert question("Which categories does this fall under") is None  # a paragraph: no '?', not shaded
    assert question("Name of project / practice") == "title"  # a wording, word for word
    assert question("Name of project or approach: Hubs") is None  # a question with its answer


def test_the_answer_after_a_reworded_question_on_its_line_is_read():
    assert question_with_answer("Description of the work being undertaken: We meet weekly.") == (
        "description",
        "We meet weekly.",
    )


@pytest.mark.parametrize(
    "written, number",
    [
        ("Tel: 020 8430 2000 ext. 4411", "020 8430 2000 ext. 4411"),
        ("+44 (0)20 8356 3000", "+44 (0)20 8356 3000"),
        ("mobile 07700900321", "07700900321"),
        ("call 020 8726 6000 x 4471 any day", "020 8726 6000 x 4471"),
        ("+44 20 7946 0923", "+44 20 7946 0923"),
    ],
)
def test_uk_phone_numbers_are_found_in_every_format(written, number):
    assert phones_in(written) == [number]


def test_years_and_counts_are_never_phone_numbers():
    assert phones_in("From 2019 to 2025 re-referrals fell from 240 to 170 (of 12000).") == []


@pytest.mark.parametrize(
    "written, name",
    [
        ("LBWF", "Waltham Forest"),
        ("RBKC", "Kensington and Chelsea"),
        ("LBTH", "Tower Hamlets"),
        ("H&F", "Hammersmith and Fulham"),
        ("K & C", "Kensington and Chelsea"),
        ("Tower Hamlets Council", "Tower Hamlets"),
        ("LB Hackney", "Hackney"),
    ],
)
def test_an_authority_is_known_by_the_names_people_use(written, name):
    assert match_local_authority(written).name == name


def test_lbh_is_several_boroughs_so_none_is_chosen():
    assert match_local_authority("LBH") is None
    assert ambiguous("LBH")[1] == ["Hackney", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow"]


def test_carriage_returns_in_a_word_cell_become_line_breaks():
    doc = WordFile().add(table(["Description", cell(paragraph(run("One.\rTwo.\r\nThree.")))]))

    blocks = read_file(io.BytesIO(doc.bytes()), "return.docx", PROFORMA.reading())

    texts = [line.text for block in blocks for part in block.nested() for line in [part, *part.lines]]
    assert not any("\r" in text for text in texts)
    assert ["One.", "Two.", "Three."] in [[line.text for line in part.lines] for b in blocks for part in b.nested()]


def test_a_row_the_proforma_does_not_ask_for_never_reaches_the_description_or_summary():
    with (CORPUS / "reworded-labels-in-a-table.docx").open("rb") as file:
        parsed = parse_proforma(file, "reworded-labels-in-a-table.docx")

    assert "|" not in parsed.description
    assert not parsed.summary.startswith("|")
    assert "Name of project" not in parsed.summary
    assert "Description of the work" not in parsed.description


def test_a_word_address_without_a_scheme_becomes_an_https_link():
    parsed = parse_text(
        "LA Name: Merton\nName of project or approach: Kinship\nWe meet.\nResources: www.merton.gov.uk/kin"
    )

    assert parsed.links == [{"title": "https://www.merton.gov.uk/kin", "url": "https://www.merton.gov.uk/kin"}]


def test_a_footnotes_links_stand_at_its_mark_on_a_resources_line_with_its_answer():
    doc = WordFile()
    doc.footnotes(paragraph("https://example.org/kin/guide"))
    doc.add(
        paragraph("LA Name: Merton"),
        paragraph("Name of project or approach: Kinship"),
        paragraph("We meet."),
        paragraph(
            "Resources: our figures at https://example.org/kin/figures, the guide",
            footnote_mark(1),
            footnote_mark(7),  # a mark whose note is missing adds nothing
            " and the ",
            simple_field_link("leaflet", "https://example.org/kin/leaflet"),
            " after them.",
        ),
    )

    parsed = parse_proforma(io.BytesIO(doc.bytes()), "return.docx")

    assert [link["url"] for link in parsed.links] == [
        "https://example.org/kin/figures",
        "https://example.org/kin/guide",
        "https://example.org/kin/leaflet",
    ]


def test_an_email_address_is_never_a_link_without_a_scheme():
    parsed = parse_text(
        "LA Name: Merton\nName of project or approach: Kinship\nWe meet.\nContact: Ann Lee, Lead, ann@merton.gov.uk"
    )

    assert parsed.links == []
    assert parsed.contacts[0]["email"] == "ann@merton.gov.uk"


def test_the_officer_who_sent_the_template_is_never_a_contact_and_the_email_is_not_the_story():
    with (CORPUS / "email-reply-quoting-the-template.txt").open("rb") as file:
        parsed = parse_proforma(file, "reply.txt")

    assert [contact["name"] for contact in parsed.contacts] == ["Joy Adeyemi"]
    for words in ("Sam", "Hi ", "Sent from", "Many thanks", "Please see our answers"):
        assert words not in parsed.description


def test_a_greeting_opening_a_return_is_not_the_story():
    parsed = parse_text(
        f"Hi Sam,\n{TEMPLATE_TITLE}\nLA Name: Brent\nName of project or approach: Hubs\nWe opened four hubs."
    )

    assert parsed.description == "We opened four hubs."


def test_a_person_is_never_split_in_two():
    parsed = parse_text(
        "LA Name: Brent\nName of project or approach: Hubs\nWe opened hubs.\nContacts:\nLeah Cohen\n"
        "Practice Educator\nleah.cohen@brent.gov.uk\n020 8359 2000 ext. 1234"
    )

    assert parsed.contacts == [
        {
            "name": "Leah Cohen",
            "role": "Practice Educator",
            "email": "leah.cohen@brent.gov.uk",
            "phone": "020 8359 2000 ext. 1234",
        }
    ]
