"""
Owners who are people and boroughs that each do their part: North Central London's coordinator adds Ben (LIIA, no
account) as a contact and he takes action 1.1, whose checklist counts the sub-region's five boroughs; the coordinator
ticks one off, Camden's lead ticks Camden and cannot tick Islington; Ben's reminder email links to his own actions,
which open without signing in, and the link is refused once his email address has changed.
"""

import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Action
from tests import factories
from tests.plans import world

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_contact_owns_an_action_gets_a_link_to_it_and_the_boroughs_tick_it_off(
    page, browser, live_server, sign_in, check_page
):
    coordinator = world.coordinator(email="cora@example.org", first_name="Cora", last_name="Mensah")
    camden = factories.lead("Camden", email="carmel@example.org", first_name="Carmel", last_name="Reid")
    plan = world.north_central()
    action = Action.objects.get(area__plan=plan, area__number=1)
    Action.objects.filter(pk=action.pk).update(due_on=timezone.localdate() + timedelta(days=5))

    sign_in(coordinator)
    page.goto(live_server.url + plan.get_absolute_url())
    page.get_by_role("link", name="Contacts (owners without an account)").click()
    page.get_by_label("Name").fill("Ben Walker")
    page.get_by_label("Email").fill("ben@liia.example.org")
    page.get_by_label("Organisation (optional)").fill("LIIA")
    check_page("90-plan-contacts")
    page.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Ben Walker is added to the contacts. They now own action 1.1"
    )

    page.goto(live_server.url + action.get_absolute_url())
    expect(page.locator("#boroughs + p")).to_have_text("None of the 5 boroughs has done this yet.")
    assert page.locator("#boroughs ~ div tbody tr").count() == 5
    page.get_by_role("button", name=re.compile("Mark as done.*Barnet")).click()
    expect(page.locator("#boroughs + p")).to_have_text(
        "1 of 5 boroughs has done this; Camden, Enfield, Haringey and Islington have not."
    )
    check_page("91-action-boroughs")

    lead_page = browser.new_context().new_page()
    sign_in(camden, on=lead_page)
    lead_page.goto(live_server.url + action.get_absolute_url())
    expect(lead_page.get_by_role("button", name=re.compile("Mark as done.*Islington"))).to_have_count(0)
    lead_page.get_by_role("button", name=re.compile("Mark as done.*Camden")).click()
    expect(lead_page.locator("#boroughs + p")).to_have_text(
        "2 of 5 boroughs have done this; Enfield, Haringey and Islington have not."
    )
    expect(lead_page.get_by_role("row", name=re.compile("Camden"))).to_contain_text("ticked by Carmel Reid")

    call_command("send_plan_reminders", stdout=io.StringIO())
    [email] = [email for email in mail.outbox if email.to == ["ben@liia.example.org"]]
    assert "2 of 5 boroughs have done this; Enfield, Haringey and Islington have not." in email.body
    link = urlsplit(re.search(r"https?://\S+/plans/your-actions/\S+/", email.body).group(0)).path
    bens_page = browser.new_context().new_page()  # no account, not signed in
    bens_page.goto(live_server.url + link)
    expect(bens_page.get_by_role("heading", level=1)).to_have_text("Your actions, Ben Walker")
    expect(bens_page.get_by_role("row", name=re.compile("Commission LIIA data analysis"))).to_contain_text(
        "North Central London 1.1"
    )
    check_page("92-contact-actions", on=bens_page)

    page.goto(f"{live_server.url}/plans/{plan.pk}/contacts/")
    page.get_by_role("link", name="Change Ben Walker").click()
    page.get_by_label("Email").fill("ben.walker@liia.example.org")
    page.get_by_role("button", name="Save the contact").click()
    response = bens_page.goto(live_server.url + link)
    assert response.status == 403
    expect(bens_page.get_by_role("heading", level=1)).to_have_text("This link is not valid")
