"""
Property: a proforma built from any mix of the pieces councils use (layout × tick style × label wording ×
authority name form × contact layout × the shapes of an answer: lists typed or Word's, sub-headings in bold),
as a Word file or as a text file in any of the encodings Windows saves, reads back as the answers it was built
from.
"""

import io

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reference.models import LocalAuthority
from submissions.importers import parse_proforma
from tests.fixtures.corpus import expected_fields, fields_of
from tests.fixtures.proforma_pieces import (
    CATEGORIES,
    CONTACT_LAYOUTS,
    LABELS,
    LAYOUTS,
    TEXT_CONTACT_LAYOUTS,
    TEXT_LAYOUTS,
    TEXT_TICKS,
    TICKS,
    Answers,
    authority_forms,
    text_proforma,
    word_proforma,
)

pytestmark = pytest.mark.django_db

# Marks that only say something by contrast (bold, struck, deleted lines) cannot show that all five were chosen.
BY_CONTRAST = {"bold", "highlight", "strike", "removed"}
FIRST = ["Siobhán", "Adébáyò", "Mary-Jane", "Tomasz", "Grace", "Zoë", "Chidi", "Ali"]
LAST = ["O'Neill", "Ògúnlé", "Ní Bhriain", "Wiśniewski", "Okafor", "Khan", "Smith-Jones", "de Souza"]
ROLES = ["Head of Service", "Practice Lead", "Principal Social Worker", "Data Analyst", "Participation Officer"]
PHONES = ["020 7946 0922", "+44 20 7946 0923", "07700 900123", "020 7946 0924 ext. 214", ""]
WORDS = ["family", "group", "conferences", "reflective", "circles", "youth", "panel", "mentors", "review", "Black"]
SENTENCES = [
    "We reviewed every referral from the last two years.",
    "Families helped design each step, with interpreters at every meeting.",
    "The panel meets monthly and reports to the safeguarding partnership.",
    "Schools in the north of the borough joined in 2025.",
]


@st.composite
def contacts(draw):
    people = []
    for number in range(draw(st.integers(1, 2))):
        first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
        email = f"person{number}.{len(people)}@example.org"
        people.append({"name": f"{first} {last}", "role": draw(st.sampled_from(ROLES)), "email": email})
        people[-1]["phone"] = draw(st.sampled_from(PHONES))
    return people


@st.composite
def answers_for(draw, authorities, most=5):
    """Answers a return might give, for one of the authorities, choosing up to `most` categories."""
    authority = draw(st.sampled_from(authorities))
    chosen = draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=most, unique=True))
    kinds = st.sampled_from(["paragraph", "bullet", "number", "typed", "subheading"])
    links = [("Evaluation", "https://example.org/e.pdf"), ("Toolkit", "https://example.org/kit")]
    return Answers(
        local_authority=authority.name,
        written_authority=draw(st.sampled_from(authority_forms(authority.name, authority.short_name))),
        title=" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=5))).capitalize(),
        categories=[name for name in CATEGORIES if name in chosen],
        description=[
            ("paragraph", SENTENCES[0]),
            *draw(st.lists(st.tuples(kinds, st.sampled_from(SENTENCES)), max_size=4)),
        ],
        impact=draw(st.lists(st.tuples(kinds, st.sampled_from(SENTENCES)), min_size=1, max_size=3)),
        links=draw(st.lists(st.sampled_from(links), max_size=2, unique=True)),
        contacts=draw(contacts()),
    )


@st.composite
def word_proformas(draw, authorities):
    tick = draw(st.sampled_from(TICKS))
    answers = draw(answers_for(authorities, most=4 if tick in BY_CONTRAST else 5))
    layout = draw(st.sampled_from(LAYOUTS))
    wording = draw(st.integers(0, len(LABELS["title"]) - 1))
    contact_layout = draw(st.sampled_from(CONTACT_LAYOUTS))
    document = word_proforma(
        answers,
        layout=layout,
        tick=tick,
        wording=wording,
        contact_layout=contact_layout,
        ask_description=draw(st.booleans()),
    )
    return answers, document.bytes()


def test_any_mix_of_layout_ticks_wording_authority_name_and_contacts_reads_back():
    authorities = list(LocalAuthority.objects.all())

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(word_proformas(authorities))
    def reads_back(built):
        answers, data = built
        parsed = parse_proforma(io.BytesIO(data), "proforma.docx")
        assert fields_of(parsed) == expected_fields(answers.expected(word=True))

    reads_back()


def test_any_text_proforma_in_any_encoding_reads_back():
    authorities = list(LocalAuthority.objects.all())

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        answers=answers_for(authorities),
        layout=st.sampled_from(TEXT_LAYOUTS),
        tick=st.sampled_from(TEXT_TICKS),
        wording=st.integers(0, len(LABELS["title"]) - 1),
        contact_layout=st.sampled_from(TEXT_CONTACT_LAYOUTS),
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
        newline=st.sampled_from(["\n", "\r\n"]),
    )
    def reads_back(answers, layout, tick, wording, contact_layout, encoding, newline):
        text = text_proforma(
            answers, layout=layout, tick=tick, wording=wording, contact_layout=contact_layout, newline=newline
        )
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            assume(False)  # Windows-1252 has no ☒ or ś: such a file cannot be saved in it
        parsed = parse_proforma(io.BytesIO(data), "proforma.txt")
        assert fields_of(parsed) == expected_fields(answers.expected())

    reads_back()
