"""What the first blind batch of issue 30 found in plain lines: answers pasted into an email reply above the blank
template, answers marked '>> ' under a quoted template."""

import io

import pytest

from submissions.importers import parse_proforma

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
