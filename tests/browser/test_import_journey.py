"""A lead starts from their completed Word proforma, checks what was read, corrects it and saves a draft."""

import shutil

import pytest
from playwright.sync_api import expect

from submissions.models import Practice
from tests import factories
from tests.fixtures.corpus import GARBAGE
from tests.submissions.test_importers import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)


def test_lead_uploads_the_word_sample_checks_it_and_saves_a_draft(page, live_server, sign_in, check_page, tmp_path):
    sample = tmp_path / "islington-proforma.docx"
    shutil.copy(FIXTURES / "islington-sample.docx", sample)
    sign_in(factories.lead("Islington", email="ines@example.org"))

    page.get_by_role("link", name="Share practice").first.click()
    page.get_by_text("Start from a completed Word proforma").click()
    check_page("40-proforma-upload")
    page.get_by_label("Your completed proforma").set_input_files(sample)
    page.get_by_role("button", name="Upload and fill in the form").click()

    expect(page.get_by_text("We have filled in the form from your proforma")).to_be_visible()
    expect(page.get_by_label("Name of the project or approach")).to_have_value("Reflective Race and Identity Circles")
    expect(page.get_by_label("Through research")).to_be_checked()
    expect(page.locator("#id_summary_warning")).to_contain_text("no short summary")
    check_page("41-proforma-imported")

    page.get_by_label("Short summary").fill("Monthly circles in which practitioners examine race in their decisions.")
    page.get_by_role("button", name="Save as draft").click()

    expect(page.get_by_role("status")).to_contain_text("Your draft ‘Reflective Race and Identity Circles’ was saved")
    practice = Practice.objects.get()
    assert practice.status == Practice.Status.DRAFT
    assert practice.summary == "Monthly circles in which practitioners examine race in their decisions."
    assert practice.contacts.get().email == "priya.raman@example.org"
    assert [r.title for r in practice.resources.all()] == ["Reflective Circles guide", "Circles evaluation"]


def test_a_lead_uploading_another_boroughs_proforma_is_told_and_chooses_the_authority(
    page, live_server, sign_in, check_page, tmp_path
):
    sample = tmp_path / "islington-proforma.docx"
    shutil.copy(FIXTURES / "islington-sample.docx", sample)
    sign_in(factories.lead("Hackney", email="hana@example.org"))

    page.get_by_role("link", name="Share practice").first.click()
    page.get_by_text("Start from a completed Word proforma").click()
    page.get_by_label("Your completed proforma").set_input_files(sample)
    page.get_by_role("button", name="Upload and fill in the form").click()

    expect(page.get_by_role("region", name="Another authority's proforma")).to_contain_text(
        "This proforma is from Islington, which you are not a lead for."
    )
    expect(page.get_by_label("Local authority")).to_have_value("")
    expect(page.locator("#id_title_warning")).to_have_text("Read from your proforma, under its question.")
    check_page("42-proforma-imported-other-borough")

    page.get_by_role("button", name="Save as draft").click()

    expect(page.get_by_role("alert")).to_contain_text("Select your local authority")
    assert not Practice.objects.exists()


def test_a_file_with_macros_is_refused_with_what_to_do(page, live_server, sign_in, check_page):
    sign_in(factories.lead("Islington", email="ines@example.org"))

    page.get_by_role("link", name="Share practice").first.click()
    page.get_by_text("Start from a completed Word proforma").click()
    page.get_by_label("Your completed proforma").set_input_files(GARBAGE / "macros.docm")
    page.get_by_role("button", name="Upload and fill in the form").click()

    expect(page.get_by_role("alert")).to_contain_text("This document contains macros")
    check_page("43-proforma-upload-refused")
    assert not Practice.objects.exists()
