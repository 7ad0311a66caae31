"""What the first blind batch of issue 30 found in plain lines: answers pasted into an email reply above the blank
template, answers marked '>> ' under a quoted template, categories with their boxes on one line, files named as
attached, a bare address in a sentence, 'N/A' as an answer, bullets typed by hand, a role with a dash in it."""

import io

import pytest

from submissions.importers import parse_proforma
from tests.fixtures.proforma_pieces import TEMPLATE_TITLE, WordFile, paragraph

pytestmark = pytest.mark.django_db


def parse_text(text):
    return parse_proforma(io.BytesIO(text.encode()), "proforma.txt")


PASTED_INTO_THE_REPLY = """From: Ruth Ade <ruth.ade@lewisham.example.gov.uk>
Sent: 03 June 2026 17:42
To: LIIA Programme Team <sharingpractice@liia.example.org>
Subject: RE: Sharing practice proforma

Hi Sam,

The form would not open, so here are our answers.

LA Name: Lewisham

Name of project or approach: Kinship first

Category:
[x] With communities
[ ] With partners

Description of the work being undertaken:
Carers meet monthly.

Contact details:
Ruth Ade, Kinship Lead
ruth.ade@lewisham.example.gov.uk

Best wishes,
Ruth

Ruth Ade
Kinship Lead
M: 07700 900111

-----Original Message-----
From: LIIA Programme Team <sharingpractice@liia.example.org>
Sent: 10 May 2026 09:00
Subject: Sharing practice proforma

Dear colleagues,

LA Name:
Name of project or approach:
Description of the work being undertaken:
Contact details:

Many thanks,
LIIA Programme Team
"""


def test_answers_pasted_into_a_reply_above_the_blank_template_are_read_and_the_note_and_signature_left_out():
    parsed = parse_text(PASTED_INTO_THE_REPLY)

    assert parsed.local_authority.name == "Lewisham"
    assert parsed.title == "Kinship first"
    assert [category.name for category in parsed.categories] == ["With communities"]
    assert parsed.description == "Carers meet monthly."
    assert parsed.contacts == [
        {"name": "Ruth Ade", "role": "Kinship Lead", "email": "ruth.ade@lewisham.example.gov.uk", "phone": ""}
    ]


MARKED_UNDER_THE_QUOTE = """From: "Lee, Ann" <ann.lee@sutton.example.gov.uk>
To: sharingpractice@liia.example.org
Subject: Re: Sharing practice template

Good morning,

Our answers are in line below (marked >> ).

Thanks
Ann

On 10/05/2026 09:00, LIIA Programme Team wrote:
> Anti-Racist Work and Tackling Disproportionality: Sharing Practice
> Please indicate which category(ies) you are sharing:
> Within your organisation
> With partners
>> YES
> Through research
>
> LA Name:
>> Sutton
>
> Name of project or approach:
>> Family hubs
>
> Please give a short description of the work being undertaken.
>> Hubs opened in four wards, run with parents who told us that
>> the old centres did not feel like theirs.
>
> Contact name:
>> Ann Lee - Hubs Lead - ann.lee@sutton.example.gov.uk
>
> Many thanks,
> LIIA Programme Team

--
Ann Lee | Hubs Lead | Children's Services
London Borough of Sutton
"""


def test_answers_marked_deeper_than_the_quoted_template_are_read_and_its_wrapped_lines_joined():
    parsed = parse_text(MARKED_UNDER_THE_QUOTE)

    assert parsed.local_authority.name == "Sutton"
    assert parsed.title == "Family hubs"
    assert [category.name for category in parsed.categories] == ["With partners"]
    assert parsed.description == (
        "Hubs opened in four wards, run with parents who told us that the old centres did not feel like theirs."
    )
    assert parsed.contacts == [
        {"name": "Ann Lee", "role": "Hubs Lead", "email": "ann.lee@sutton.example.gov.uk", "phone": ""}
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Within your organisation ☒    With children and families ☐    With partners ☒    Through research ☐",
        "☒ Within your organisation ☐ With children and families ☒ With partners ☐ Through research",
        "Within your organisation [x] | With children and families [ ] | With partners [x]",
    ],
)
def test_categories_on_one_line_each_with_its_box_are_read_and_the_line_is_not_the_story(line):
    parsed = parse_text(f"LA Name: Brent\nName of project or approach: Hubs\nCategory:\n{line}\nWe opened four hubs.")

    assert [category.name for category in parsed.categories] == ["Within your organisation", "With partners"]
    assert parsed.description == "We opened four hubs."


def test_a_list_of_categories_said_not_to_apply_is_not_ticked():
    parsed = parse_text(
        "LA Name: Brent\nName of project or approach: Hubs\nSharing category:\nWith partners ✔\n"
        "Within your organisation, With communities – not applicable\nDescription:\nWe opened four hubs."
    )

    assert [category.name for category in parsed.categories] == ["With partners"]
    assert parsed.description == "We opened four hubs."


@pytest.mark.parametrize(
    "line, name",
    [
        ("Please also see attached Inclusion Charter 2024.pdf", "Inclusion Charter 2024.pdf"),
        ("Programme prospectus – see attached Enfield RELP prospectus.pdf", "Enfield RELP prospectus.pdf"),
        ("Our page www.brent.gov.uk/hubs – see attached plan.pdf for the action plan.", "plan.pdf"),
    ],
)
def test_a_file_named_as_attached_is_a_resource_awaiting_that_file(line, name):
    parsed = parse_text(f"LA Name: Brent\nName of project or approach: Hubs\nWe opened hubs.\nResources:\n{line}")

    assert {"title": name, "url": ""} in parsed.links
    assert any(name in warning and "upload the file" in warning for warning in parsed.warnings["links"])


def test_an_address_a_sentence_runs_into_is_titled_by_its_address_not_the_sentence():
    parsed = parse_text(
        "LA Name: Brent\nName of project or approach: Hubs\nWe opened hubs.\n"
        "Resources: Our terms of reference and our live dashboard at https://data.brent.gov.uk/hubs\n"
        "Toolkit https://www.brent.gov.uk/toolkit"
    )

    assert parsed.links == [
        {"title": "https://data.brent.gov.uk/hubs", "url": "https://data.brent.gov.uk/hubs"},
        {"title": "Toolkit", "url": "https://www.brent.gov.uk/toolkit"},
    ]


def test_an_address_after_a_hyperlink_is_not_titled_by_the_hyperlinks_words():
    doc = WordFile()
    doc.add(
        paragraph(TEMPLATE_TITLE, style="Heading1"),
        paragraph("LA Name: Brent"),
        paragraph("Name of project or approach: Hubs"),
        paragraph("We opened hubs."),
        paragraph("Resources", style="Heading2"),
        paragraph(doc.link("Terms of reference", "https://www.brent.gov.uk/tor"), " https://data.brent.gov.uk/hubs"),
    )

    parsed = parse_proforma(io.BytesIO(doc.bytes()), "return.docx")

    assert parsed.links == [
        {"title": "Terms of reference", "url": "https://www.brent.gov.uk/tor"},
        {"title": "https://data.brent.gov.uk/hubs", "url": "https://data.brent.gov.uk/hubs"},
    ]


@pytest.mark.parametrize("written", ["N/A", "n/a", "Not applicable.", "None yet"])
def test_an_answer_saying_there_is_none_leaves_the_question_unanswered(written):
    parsed = parse_text(f"LA Name: Brent\nName of project or approach: Hubs\nWe opened hubs.\nImpact: {written}")

    assert parsed.impact == ""


def test_an_answer_that_goes_on_after_n_a_is_kept_as_written():
    parsed = parse_text(
        "LA Name: Brent\nName of project or approach: Hubs\nWe opened hubs.\nImpact: N/A - we started in January."
    )

    assert parsed.impact == "N/A - we started in January."


def test_a_role_with_a_dash_in_it_is_kept_whole_when_bars_separate_the_details():
    parsed = parse_text(
        "LA Name: Brent\nName of project or approach: Hubs\nWe opened hubs.\nContact:\n"
        "Sophie Laurent, Head of Practice – Children’s Social Care | s.laurent@brent.gov.uk | 020 7946 0630"
    )

    assert parsed.contacts == [
        {
            "name": "Sophie Laurent",
            "role": "Head of Practice – Children’s Social Care",
            "email": "s.laurent@brent.gov.uk",
            "phone": "020 7946 0630",
        }
    ]


def test_bullets_typed_by_hand_in_a_word_paragraph_are_a_list():
    doc = WordFile().add(
        paragraph(TEMPLATE_TITLE, style="Heading1"),
        paragraph("LA Name: Brent"),
        paragraph("Name of project or approach: Hubs"),
        paragraph("Description: We opened hubs."),
        paragraph("•\tOne in each ward."),
        paragraph("•\tRun with parents."),
        paragraph("1. Opened in May."),
        paragraph("2. Reviewed in June."),
    )

    parsed = parse_proforma(io.BytesIO(doc.bytes()), "return.docx")

    assert parsed.description == (
        "We opened hubs.\n\n- One in each ward.\n- Run with parents.\n\n1. Opened in May.\n2. Reviewed in June."
    )
