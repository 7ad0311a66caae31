"""An entry with no impact or no contact: no impact heading, and where to ask instead of a contact."""

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.factories import PracticeFactory, dcs

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiries(settings):
    settings.PORTAL_ENQUIRIES_EMAIL = "practice@liia.example"
    return settings.PORTAL_ENQUIRIES_EMAIL


@pytest.fixture
def bare_entry(db):
    practice = PracticeFactory(status="published", impact="", title="Youth council holds the LA to account")
    practice.contacts.all().delete()
    return practice


def pack_text(client):
    pack = Document(io.BytesIO(client.get(reverse("practice_export", args=["docx"])).content))
    return [paragraph.text for paragraph in pack.paragraphs]


def test_an_entry_without_impact_has_no_impact_heading(client, bare_entry):
    page = client.get(bare_entry.get_absolute_url()).content.decode()

    assert "<h2>Impact</h2>" not in page
    assert "impact statement" not in page.lower()


def test_a_signed_in_reader_is_sent_to_the_alliance_when_no_contact_was_named(client, bare_entry, enquiries):
    client.force_login(dcs())

    page = client.get(bare_entry.get_absolute_url()).content.decode()

    assert "<h2>Contacts</h2>" in page
    assert 'No contact was named: ask the alliance at <a href="mailto:practice@liia.example">' in page


def test_a_signed_out_reader_sees_no_contacts_section_for_an_entry_without_one(client, bare_entry, enquiries):
    page = client.get(bare_entry.get_absolute_url()).content.decode()

    assert "<h2>Contacts</h2>" not in page
    assert enquiries not in page


def test_the_word_pack_has_no_impact_heading_and_names_the_alliance_for_signed_in_readers(
    client, bare_entry, enquiries
):
    assert "Impact" not in pack_text(client)
    assert not any(enquiries in line for line in pack_text(client))

    client.force_login(dcs())
    text = pack_text(client)
    assert "Impact" not in text
    assert text[text.index("Contacts") + 1] == "No contact was named: ask the alliance at practice@liia.example."


def test_the_api_gives_an_empty_impact_and_no_contacts(client, bare_entry):
    data = client.get(reverse("api_practice_detail", args=[bare_entry.pk])).json()

    assert data["impact"] == ""
    assert data["contacts"] == []
