"""A lead looks at their account, corrects their name and asks for their account to be deleted."""

import pytest
from playwright.sync_api import expect

from accounts.models import DeletionRequest
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_lead_changes_their_name_and_asks_to_be_deleted(page, sign_in, check_page):
    lead = factories.lead("Hackney", email="ama@example.org", first_name="Ama", last_name="Owusu")
    factories.admin()
    sign_in(lead)
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    check_page("65-account")
    page.get_by_role("link", name="Change name").click()
    page.get_by_label("Last name").fill("")
    page.get_by_role("button", name="Save your name").click()
    expect(page.get_by_role("link", name="Enter your last name")).to_be_visible()
    check_page("66-account-name-error")
    page.get_by_label("Last name").fill("Owusu-Mensah")
    page.get_by_role("button", name="Save your name").click()
    expect(page.get_by_role("status")).to_contain_text("Your name has been changed.")
    expect(page.get_by_text("Ama Owusu-Mensah")).to_be_visible()
    page.get_by_role("link", name="Ask for your account to be deleted").click()
    check_page("67-account-delete")
    page.get_by_label("Why do you want your account deleted? (optional)").fill("I have left Hackney")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status")).to_contain_text("sent to the portal’s administrators")
    assert DeletionRequest.objects.get().user == lead
