"""Returns written in lines (emails, and the lines of any format): what the second blind batch found (issue 30)."""

import io

import pytest

from submissions.importers import parse_proforma

pytestmark = pytest.mark.django_db


def parse_text(text):
    return parse_proforma(io.BytesIO(text.encode()), "return.txt")


QUESTIONS = """LA Name: Sutton
Name of project or approach: Family hubs
Description of the work being undertaken:
We opened four family hubs.
Impact:
More families came.
"""


def test_a_plain_email_answering_the_questions_takes_myself_from_its_writers_signature():
    parsed = parse_text(
        "From: Ola Bello <ola.bello@sutton.example.gov.uk>\nSent: 15 March 2024\nTo: team@liia.example.org\n"
        "Subject: return\n\nHello,\n\n" + QUESTIONS + "Resources: none published yet\n\n"
        "Contact: myself – details in signature below\n\nBest wishes,\nOla\n\nOla Bello\nHead of Service, SEND\n"
        "T: 020 7946 0902\nE: ola.bello@sutton.example.gov.uk\n"
    )
    assert parsed.contacts == [
        {
            "name": "Ola Bello",
            "role": "Head of Service, SEND",
            "email": "ola.bello@sutton.example.gov.uk",
            "phone": "020 7946 0902",
        }
    ]
    assert parsed.links == []  # 'none published yet' names no resource


def test_a_forwarded_return_keeps_its_writer_as_the_contact_and_attached_files_by_name():
    parsed = parse_text(
        "From: Helen Marsh <helen.marsh@lbbd.example.gov.uk>\nTo: team@liia.example.org\nSubject: FW: return\n\n"
        "Please see below.\n\n---------- Forwarded message ----------\n"
        "From: Kwame Boateng <kwame.boateng@lbbd.example.gov.uk>\nTo: Helen Marsh <helen.marsh@lbbd.example.gov.uk>\n\n"
        + QUESTIONS
        + "Links:\nProtocol_2023.pdf (attached)\nSee attached: Plan.pdf and Prompts.docx\n"
        "Contact:\nKwame Boateng, Inclusion Lead, kwame.boateng@lbbd.example.gov.uk\n"
    )
    assert [contact["name"] for contact in parsed.contacts] == ["Kwame Boateng"]
    assert [link["title"] for link in parsed.links] == ["Protocol_2023.pdf", "Plan.pdf", "Prompts.docx"]


def test_a_quoted_reply_reads_categories_asked_with_their_options_and_keeps_whom_it_copies_in():
    parsed = parse_text(
        "From: Deepa Sandhu <deepa@hounslow.example.gov.uk>\nTo: LIIA <team@liia.example.org>\n"
        "Cc: Simon Achter <simon.achter@hounslow.example.gov.uk>\nSubject: RE: template\n\nHi,\nAnswers below.\n\n"
        "-----Original Message-----\nFrom: LIIA <team@liia.example.org>\nSubject: template\n\n"
        "> LA Name:\n\nHounslow\n\n> Name of project or approach:\n\nPanel\n\n"
        "> Which category(ies) are you sharing? (Within your organisation / With children and families / With "
        "communities / With partners / Through research)\n\nWithin your organisation and With partners\n\n"
        "> Please give a short description of the work being undertaken.\n\nWe review decisions.\n\n"
        "> Contact details (name, role, email, phone):\n\n"
        "Simon Achter, Head of Youth Justice - simon.achter@hounslow.example.gov.uk / 07700 900412\n"
        "Dr Farah Iqbal (Clinical Psychologist, YJS Health Team) farah.iqbal@hounslow.example.gov.uk\n"
    )
    assert [category.name for category in parsed.categories] == ["Within your organisation", "With partners"]
    assert parsed.description == "We review decisions."
    assert [(contact["name"], contact["role"]) for contact in parsed.contacts] == [
        ("Simon Achter", "Head of Youth Justice"),
        ("Dr Farah Iqbal", "Clinical Psychologist, YJS Health Team"),
    ]


def test_sub_items_typed_deeper_than_one_level_are_siblings_and_a_sentence_gives_a_contact():
    parsed = parse_text(
        QUESTIONS.replace(
            "We opened four family hubs.\n",
            "We opened hubs:\n1) in the north\n     - one in a school\n     - one in a library\n"
            "The hubs sit on the council’s Family Help Steering Group\n",
        )
        + "Contact:\nFor more information contact Lorraine Hughes, Partnership Manager, on 020 7946 0721 or "
        "lorraine.hughes@example.gov.uk.\n"
    )
    assert "1. in the north\n   - one in a school\n   - one in a library" in parsed.description
    assert parsed.links == []  # a name after a possessive is the sentence's, not a lost link's title
    assert parsed.contacts == [
        {
            "name": "Lorraine Hughes",
            "role": "Partnership Manager",
            "email": "lorraine.hughes@example.gov.uk",
            "phone": "020 7946 0721",
        }
    ]


# What the independent walk found (issue 30): a reply's signature is its writer's, never a resource
REPLY_HEADERS = "From: Ade Cole <ade.cole@brent.example.gov.uk>\nSent: 3 March 2026\nTo: Team <team@liia.example.org>\n"
QUOTED = """Subject: RE: proforma

Hi Jo,

> Name of Local Authority:
Brent

> Name of project / practice:
Family hubs

> Who is this practice shared with?
With partners

> Description of the work being undertaken:
We opened four family hubs.

> Contact details:
{contact}

> Links to any resources:
{links}

Thanks,
Ade

Ade Cole
Hubs Manager
London Borough of Brent
ade.cole@brent.example.gov.uk | 020 7946 0123 ext. 12

Sent from Outlook
"""
ADE = {
    "name": "Ade Cole",
    "role": "Hubs Manager",
    "email": "ade.cole@brent.example.gov.uk",
    "phone": "020 7946 0123 ext. 12",
}


@pytest.mark.parametrize("contact", ["Me (details in my signature below)", "See my signature", "", "details below"])
def test_a_quoted_reply_takes_its_writer_from_the_signature_after_the_sign_off_and_never_as_a_resource(contact):
    parsed = parse_text(REPLY_HEADERS + QUOTED.format(contact=contact, links="www.brent.example.gov.uk/hubs"))

    assert parsed.contacts == [ADE]
    assert parsed.links == [
        {"title": "https://www.brent.example.gov.uk/hubs", "url": "https://www.brent.example.gov.uk/hubs"}
    ]
    assert [category.name for category in parsed.categories] == ["With partners"]


def test_a_reply_signed_above_the_message_it_answers_is_its_writers_and_the_senders_signature_is_no_ones():
    parsed = parse_text(
        "Hello,\n\nOur return is below.\n\nKind regards\n"
        "Ade Cole | Hubs Manager | London Borough of Brent\nT: 020 7946 0123 | ade.cole@brent.example.gov.uk\n\n"
        "-----Original Message-----\nFrom: Jo Bloggs (LIIA) <jo.bloggs@liia.example.org>\nSent: 1 March 2026\n"
        "To: Hubs <hubs@brent.example.gov.uk>\nSubject: proforma\n\n"
        "Name of Local Authority: Brent\nName of project: Family hubs\n"
        "Description of the work being undertaken: We opened four family hubs.\n"
        "Contact details: Me (details in my signature above)\nLinks to any resources: see attached hubs.pdf\n\n"
        "Jo Bloggs\nPractice Development Officer, LIIA\njo.bloggs@liia.example.org | 020 7000 0000\n"
    )

    assert parsed.contacts == [{**ADE, "phone": "020 7946 0123"}]
    assert parsed.links == [{"title": "hubs.pdf", "url": ""}]


def test_a_resources_line_giving_an_email_address_or_phone_number_is_never_a_resource():
    parsed = parse_text(
        QUESTIONS + "More families came.\nContact: Ola Bello, Head of Service\n"
        "Resources:\nHubs evaluation\nola.bello@sutton.example.gov.uk\nTel 020 7946 0902\n"
    )

    assert parsed.links == [{"title": "Hubs evaluation", "url": ""}]
    assert any("ola.bello@sutton.example.gov.uk" in message for message in parsed.warnings["contacts"])
    assert any("020 7946 0902" in message for message in parsed.warnings["contacts"])
