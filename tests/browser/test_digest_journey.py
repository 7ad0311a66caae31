"""A director subscribes to a monthly East London digest by keyboard; the digest's link unsubscribes them."""

import pytest
from playwright.sync_api import expect

from publishing.models import DigestSubscription
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_subscribe_then_unsubscribe_from_the_emailed_link(page, browser, live_server, sign_in, check_page):
    dele = factories.dcs(email="dele@example.org")
    sign_in(dele)
    page.get_by_role("link", name="Email updates").click()
    check_page("50-email-updates")
    page.get_by_label("Monthly").check()
    page.get_by_label("East London", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Subscribe").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("You will get a monthly email")
    check_page("51-email-updates-subscribed")
    subscription = DigestSubscription.objects.get(user=dele)
    assert [s.slug for s in subscription.sub_regions.all()] == ["east-london"]

    # The link in the email, opened in a browser that is not signed in.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/email-updates/unsubscribe/{subscription.unsubscribe_token}/")
    check_page("52-unsubscribe", on=visitor)
    visitor.get_by_role("button", name="Unsubscribe").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    assert not DigestSubscription.objects.exists()
