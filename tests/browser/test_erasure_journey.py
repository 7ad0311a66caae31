"""An admin erases a contact named on a published entry with two earlier versions; nothing shows her afterwards."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from submissions.models import Snapshot
from tests import factories
from tests.planted import EMAIL, NAME, published_entry_naming

pytestmark = pytest.mark.django_db(transaction=True)


def word_pack_text(page, url):
    response = page.request.get(url)
    assert response.ok
    with zipfile.ZipFile(io.BytesIO(response.body())) as pack:
        return b"".join(pack.read(name) for name in pack.namelist()).decode("utf-8", "replace")


def test_an_admin_erases_a_contact_from_an_entry_its_versions_search_and_the_word_pack(
    page, live_server, sign_in, check_page
):
    lead = factories.lead("Hackney", email="lead@example.org")
    live = published_entry_naming(lead, factories.moderator())
    versions = Snapshot.objects.filter(practice=live, kind="published")
    assert versions.count() == 3  # the live version and two earlier ones
    entry_url = f"{live_server.url}/practice/{live.pk}/"
    search_url = f"{live_server.url}/practice/?q=employers"
    pack_url = f"{live_server.url}/practice/download.docx"

    sign_in(factories.admin(email="admin@example.org"))
    page.goto(entry_url)
    expect(page.get_by_text(NAME).first).to_be_visible()
    assert NAME in word_pack_text(page, pack_url)

    page.get_by_role("link", name="People's data").click()
    check_page("60-people-data")
    page.get_by_label("Name or email address").fill(EMAIL)
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("heading", name="Contacts on entries and changes in progress (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="Submitted and published versions kept for history (6)")).to_be_visible()
    check_page("61-person-found")
    expect(page.get_by_label("‘A former contact’")).to_be_checked()  # the council is named only if chosen
    page.get_by_label("only if they worked for that council").check()  # she did: hackney.example
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Are you sure you want to erase ‘{EMAIL}’?")
    expect(page.get_by_text("‘a former contact at’ each entry's local authority")).to_be_visible()
    check_page("61b-person-erase-confirm")
    page.get_by_role("button", name="Yes, erase them").click()
    expect(page.get_by_role("status")).to_contain_text("The erasure is recorded in the audit trail.")
    check_page("62-person-erased")

    page.goto(entry_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(live.title)
    expect(page.get_by_text("a former contact at Hackney", exact=True)).to_be_visible()
    assert "Achterberg" not in page.content() and EMAIL not in page.content()
    for version in versions:
        page.goto(f"{live_server.url}/versions/{version.pk}/")
        expect(page.get_by_text("a former contact at Hackney", exact=True)).to_be_visible()
        assert "Achterberg" not in page.content()
    page.goto(search_url)
    expect(page.get_by_role("link", name=live.title)).to_be_visible()
    assert "Achterberg" not in page.content()
    page.goto(f"{live_server.url}/practice/?q=achterberg")
    expect(page.get_by_role("link", name=live.title)).to_have_count(0)
    pack = word_pack_text(page, pack_url)
    assert live.title in pack and "Achterberg" not in pack and EMAIL not in pack


def test_the_privacy_notice_and_cookies_page_are_reached_from_the_footer(page, live_server, check_page):
    page.goto(live_server.url)
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    check_page("63-privacy-notice")
    page.get_by_role("contentinfo").get_by_role("link", name="Cookies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cookies")
    check_page("64-cookies")
