"""A lead starting from their Word or text proforma: the form opens filled in, and nothing is saved."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from submissions.models import Practice
from tests import factories
from tests.factories import lead
from tests.fixtures.corpus import CORPUS, GARBAGE, documents, expectation
from tests.submissions.test_importers import FIXTURES

pytestmark = pytest.mark.django_db


def upload(client, name, data=None, **fields):
    data = (FIXTURES / name).read_bytes() if data is None else data
    return client.post(reverse("practice_import"), {"proforma": SimpleUploadedFile(name, data), **fields})


def test_a_lead_starts_from_their_word_proforma_and_nothing_is_saved_until_they_do(client):
    client.force_login(lead("Islington"))

    response = upload(client, "islington-sample.docx")

    page = response.content.decode()
    assert "We have filled in the form from your proforma" in page
    assert 'value="Reflective Race and Identity Circles"' in page
    assert 'value="priya.raman@example.org"' in page
    assert 'value="https://example.org/islington/circles-evaluation"' in page
    assert "The Word template has no short summary" in page
    assert not Practice.objects.exists()


def test_a_proforma_uploaded_on_the_page_a_calls_email_opened_is_filled_in_as_a_return_to_that_call(client):
    client.force_login(lead("Hackney"))
    call = factories.call(["Hackney"], themes=["youth-justice"])
    start = client.get(reverse("practice_create") + f"?call={call.pk}").content.decode()
    upload_form = re.search(r'<form[^>]*action="/submissions/new/from-proforma/".*?</form>', start, re.S).group(0)
    sent = dict(re.findall(r'<input type="hidden" name="(call)" value="([^"]*)">', upload_form))

    page = upload(client, "hackney.txt", data=None, **sent).content.decode()

    assert "We have filled in the form from your proforma" in page
    assert f'<option value="{call.pk}" selected>{call.title}</option>' in page  # not back to 'No, not for a call'
    youth_justice = call.themes.get()
    assert re.search(rf'name="themes" value="{youth_justice.pk}"[^>]*checked', page)  # as the link ticks them


def test_the_file_chooser_offers_the_formats_its_hint_names(client):
    client.force_login(lead("Islington"))

    page = client.get(reverse("practice_create")).content.decode()

    chooser = re.search(r'<input type="file" name="proforma"[^>]*>', page).group(0)
    accept = ".docx,.doc,.odt,.rtf,.pdf,.txt,text/plain,"
    accept += "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "A Word document (.docx or .doc), an OpenDocument (.odt), RTF or PDF file, or a text file." in page
    assert "in place of anything typed in it" in page  # the hint says a file replaces what was typed
    assert f'accept="{accept}"' in chooser
    resource_chooser = re.search(r'<input type="file" name="resources-0-file"[^>]*>', page)
    assert ".pdf" in resource_chooser.group(0)  # resources keep their own types


def test_a_proforma_from_another_borough_is_flagged_not_filed_there(client):
    hackney_lead = lead("Hackney")
    client.force_login(hackney_lead)

    page = upload(client, "islington-sample.docx").content.decode()

    assert "This proforma is from <strong>Islington</strong>, which you are not a lead for." in page
    assert "You are not a lead for Islington. Select yours." in page
    assert '<option value="" selected>Select</option>' in page  # not quietly filed under Hackney


def test_a_proforma_naming_a_council_outside_london_gets_the_banner_and_no_authority_chosen(client):
    client.force_login(lead("Redbridge"))  # a lead for one authority, which the form would otherwise pre-select
    data = b"LA Name: Surrey County Council\nProject name: Shared audit\nWe audited our meetings.\n"

    page = upload(client, "surrey.txt", data).content.decode()

    assert (
        "This proforma names <strong>Surrey County Council</strong>, which is not one of the London local "
        "authorities." in page
    )
    assert '<option value="" selected>Select</option>' in page
    assert not Practice.objects.exists()


def test_an_abbreviation_several_boroughs_share_is_not_called_outside_london_and_none_is_chosen(client):
    client.force_login(lead("Hackney"))  # LBH may be Hackney, but also Harrow, Havering, Hillingdon, Hounslow...
    data = b"LA Name: LBH\nProject name: Shared audit\nWe audited our meetings.\n"

    page = upload(client, "lbh.txt", data).content.decode()

    assert "which is not one of the London local authorities" not in page
    assert "LBH" in page and "Hounslow" in page  # the field's warning names those it may be
    assert '<option value="" selected>Select</option>' in page


def test_each_field_filled_from_the_file_says_how_sure_the_reader_is_and_only_the_unsure_say_check(client):
    client.force_login(lead("Islington"))

    page = upload(client, "islington-sample.docx").content.decode()

    assert (
        '<p class="form-text import-status" id="id_title_warning">Read from your proforma, under its question.</p>'
    ) in page
    assert (
        '<p class="warning-message" id="id_description_warning"><strong class="warning-tag">Check</strong> '
        "Worked out from your proforma, not read under its own question.</p>"
    ) in page  # the template asks for the description without a question of its own


def test_a_field_not_found_in_the_file_is_marked_check(client):
    client.force_login(lead("Hackney"))

    page = upload(client, "hackney.txt").content.decode()

    assert (
        '<p class="warning-message" id="id_title_warning"><strong class="warning-tag">Check</strong> '
        "Not found in your proforma. The proforma gives no name for the work; we suggest one from its description."
    ) in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.docx", b"\x89PNG\r\n\x1a\n \x00\x01 binary", "not a Word document"),
        ("notes.docx", b"%PDF-1.4 \x00\x01 binary", "The selected PDF is damaged"),  # read as what it is
        ("empty.docx", b"", "The selected file is empty"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected"),
    ],
)
def test_a_bad_upload_gets_a_clear_message_and_saves_nothing(client, name, data, message):
    client.force_login(lead("Islington"))

    response = upload(client, name, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'href="#id_proforma"' in response.content.decode()
    assert not Practice.objects.exists()


@pytest.mark.parametrize("path", documents(GARBAGE), ids=lambda path: path.name)
def test_every_file_in_the_garbage_corpus_is_refused_in_the_browser_and_nothing_saved(client, path):
    client.force_login(lead("Islington"))

    response = upload(client, path.name, path.read_bytes())

    assert response.status_code == 200
    assert expectation(path)["refused"] in response.content.decode()
    assert 'href="#id_proforma"' in response.content.decode()
    assert not Practice.objects.exists()


def test_a_link_that_is_not_a_web_address_is_left_out_of_the_form_with_a_warning(client):
    client.force_login(lead("Newham"))

    page = upload(
        client, "field-codes-and-unsafe-links.docx", (CORPUS / "field-codes-and-unsafe-links.docx").read_bytes()
    )

    content = page.content.decode()
    assert "We left out the link ‘javascript:alert(1)’: only web links (http or https) are kept from a file." in content
    assert 'value="https://example.org/review"' in content
    assert "javascript:alert" not in content.replace("‘javascript:alert(1)’", "")
