"""A borough lead fills in, saves, returns to, checks and submits a proforma in real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from submissions.models import Practice
from tests import factories
from tests.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db(transaction=True)


def test_lead_shares_practice_from_draft_to_submitted(page, live_server, sign_in, check_page, tmp_path):
    lead = factories.lead("Redbridge", email="lola@example.org")
    pdf = tmp_path / "youth-justice-evaluation.pdf"
    pdf.write_bytes(PDF_BYTES)

    page.goto(f"{live_server.url}/accounts/login/")
    check_page("01-sign-in")
    sign_in(lead)
    check_page("02-home-signed-in")

    page.get_by_role("link", name="Share practice").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share practice")
    check_page("03-proforma-empty")

    # An error first: the summary links to the field, and nothing typed is lost.
    page.get_by_label("Short summary").fill("Following youth justice outcomes into exclusions and attainment.")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check_page("04-proforma-error")
    page.get_by_role("link", name="Enter the name of the project or approach").click()
    expect(page.get_by_label("Name of the project or approach")).to_be_focused()
    expect(page.get_by_label("Short summary")).to_have_value(
        "Following youth justice outcomes into exclusions and attainment."
    )

    page.get_by_label("Name of the project or approach").fill("Throwing a stone into youth justice")
    page.get_by_label("With partners").check()
    page.get_by_label("Youth justice").check()
    page.get_by_label("Description of the work").fill(
        "We approach disproportionality through youth justice.\n\n- Data-led\n- Owned by the YOS board"
    )
    page.get_by_label("Impact").fill("Partnership commitment through the YOS management board.")
    page.locator("#id_contacts-0-name").fill("Tony Reid")
    page.locator("#id_contacts-0-role").fill("Head of Youth Offending Service")
    page.locator("#id_contacts-0-email").fill("tony.reid@example.org")
    page.get_by_role("button", name="Add another contact").click()

    page.locator("#id_contacts-1-name").fill("Martin Okoye")
    page.locator("#id_contacts-1-role").fill("Head of Inclusion")
    page.locator("#id_contacts-1-email").fill("martin.okoye@example.org")
    page.locator("#id_resources-0-title").fill("Youth justice evaluation")
    page.locator("#id_resources-0-file").set_input_files(pdf)
    page.get_by_role("button", name="Save as draft").click()

    expect(page.get_by_role("status")).to_contain_text("Your draft ‘Throwing a stone into youth justice’ was saved")
    check_page("05-my-submissions-draft")

    # Come back to the draft later.
    page.get_by_role("link", name=re.compile("Edit.*Throwing a stone")).click()
    expect(page.locator("#id_contacts-1-name")).to_have_value("Martin Okoye")
    expect(page.get_by_text("Uploaded: youth-justice-evaluation.pdf")).to_be_visible()
    page.get_by_role("button", name="Save and check your answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting")
    expect(page.get_by_text("youth-justice-evaluation.pdf")).to_be_visible()
    expect(page.get_by_role("term").filter(has_text="Martin Okoye")).to_be_visible()
    check_page("06-check-your-answers")
    page.get_by_role("button", name="Submit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Practice submitted")
    check_page("07-confirmation")
    page.get_by_role("link", name="My submissions").first.click()
    row = page.get_by_role("row", name=re.compile("Throwing a stone into youth justice"))
    expect(row).to_contain_text("Submitted")
    check_page("08-my-submissions-submitted")

    page.get_by_role("link", name="Throwing a stone into youth justice").click()
    check_page("09-submission-detail")

    practice = Practice.objects.get()
    assert practice.status == Practice.Status.SUBMITTED
    assert [c.name for c in practice.contacts.all()] == ["Tony Reid", "Martin Okoye"]
    assert practice.resources.get().file.read() == PDF_BYTES


def test_public_pages_have_no_accessibility_violations(page, live_server, check_page):
    published = factories.PracticeFactory(status=Practice.Status.PUBLISHED)

    for name, path in [
        ("10-home", "/"),
        ("11-browse", "/practice/"),
        ("12-practice-detail", published.get_absolute_url()),
        ("13-accessibility", "/accessibility/"),
        ("14-password-reset", "/accounts/password_reset/"),
        ("15-not-found", "/practice/999999/"),
    ]:
        page.goto(live_server.url + path)
        check_page(name)
