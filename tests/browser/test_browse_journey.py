"""A director finds East London's practice on exclusions; a visitor sees the same entry without emails."""

import re

import pytest
from docx import Document
from playwright.sync_api import expect

from tests import factories
from tests.conftest import PDF_BYTES, attach_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def publish(title, la, theme, description):
    return factories.published(title, la, theme, description=description)


def test_director_searches_filters_opens_and_downloads(page, browser, live_server, sign_in, check_page):
    hackney = publish(
        "Governors and exclusions", "Hackney", "school-exclusions", "Governors review every exclusion decision."
    )
    attach_pdf(hackney, title="Exclusions review 2025")
    publish("Inclusion panels", "Newham", "send", "Pupils at risk of being excluded meet an inclusion panel.")
    publish("Exclusions in Camden", "Camden", "school-exclusions", "Camden schools excluded fewer pupils.")
    dele = factories.dcs(email="dele@example.org")

    sign_in(dele)
    page.get_by_role("link", name="Browse practice").click()
    check_page("30-browse")
    page.get_by_label("Search published practice").fill("exclusion")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="3 results for ‘exclusion’")).to_be_visible()
    check_page("31-search-results")

    page.get_by_label("East London").check()
    page.get_by_role("group", name="Theme").get_by_label("School exclusions").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 result for ‘exclusion’")).to_be_visible()
    assert "sub_region=east-london" in page.url and "theme=school-exclusions" in page.url
    expect(page.locator(".practice-card__snippet mark").first).to_have_text(re.compile("exclu", re.IGNORECASE))
    check_page("32-search-filtered")
    with page.expect_download() as pack:
        page.get_by_role("link", name="practice pack (Word)").click()
    document = Document(pack.value.path())
    lines = [paragraph.text for paragraph in document.paragraphs]
    assert "Search: ‘exclusion’; Sub-region: East London; Theme: School exclusions" in lines
    assert "Governors and exclusions" in lines and "Exclusions in Camden" not in lines

    page.get_by_role("link", name="Governors and exclusions").click()
    expect(page.get_by_text("lisa@example.org")).to_be_visible()
    check_page("33-detail-signed-in")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exclusions review 2025").click()
    assert download.value.suggested_filename == "evaluation.pdf"
    assert open(download.value.path(), "rb").read() == PDF_BYTES

    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server.url}{hackney.get_absolute_url()}")
    expect(visitor.get_by_text("Lisa Aldridge")).to_be_visible()
    expect(visitor.get_by_text("lisa@example.org")).to_have_count(0)
    check_page("34-detail-visitor", on=visitor)

    for name, path in [
        ("35-theme", "/themes/school-exclusions/"),
        ("36-local-authority", "/local-authorities/hackney/"),
        ("37-sub-region", "/sub-regions/east-london/"),
        ("38-themes-index", "/themes/"),
        ("39-search-no-results", "/practice/?q=exlusion"),
    ]:
        visitor.goto(live_server.url + path)
        check_page(name, on=visitor)
    expect(visitor.get_by_text("Did you mean")).to_be_visible()
