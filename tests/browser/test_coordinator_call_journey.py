"""East London's coordinator circulates the proforma ("Ben to circulate pro-forma and provide collation upon
return"): makes a call for their sub-region, reads what opening will do, opens it, follows the returns and
reminds; another sub-region's call is not theirs."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from calls.models import Call
from outbox.models import OutgoingEmail
from reference.models import LocalAuthority
from submissions.models import Practice
from tests import factories
from tests.plans.world import coordinator

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_opens_a_call_for_their_sub_region_and_follows_its_returns(
    page, live_server, sign_in, check_page
):
    factories.lead("Redbridge", email="lola@redbridge.example.org")
    factories.lead("Newham", email="nia@newham.example.org")
    ben = coordinator("East London", email="ben@east.example.org")
    camden_call = factories.call(["Camden", "Islington"], title="North Central London DCS meeting")
    east_london = list(LocalAuthority.objects.filter(sub_region__slug="east-london").order_by("name"))
    without_lead = [la.name for la in east_london if la.name not in ("Newham", "Redbridge")]

    sign_in(ben)
    page.get_by_role("link", name="Calls for practice").click()
    expect(page.get_by_role("link", name=re.compile("^Returns"))).to_have_count(0)  # Camden's call is not his
    page.get_by_role("link", name="Make a call for practice").click()
    page.get_by_label("Title of the call").fill("East London DCS meeting: exclusions")
    page.get_by_label("Message to the leads").fill("Please share your work on school exclusions.")
    expect(page.get_by_label("All 33 London local authorities")).to_have_count(0)
    page.get_by_label("The boroughs of a sub-region").check()
    sub_region = page.get_by_label("Sub-region", exact=True)
    expect(sub_region.locator("option")).to_have_text(["Select", "East London"])
    sub_region.select_option(label="East London")
    return_by = timezone.localdate() + timedelta(days=14)
    date_input = page.get_by_role("group", name="Return-by date")
    for part, value in (("Day", return_by.day), ("Month", return_by.month), ("Year", return_by.year)):
        date_input.get_by_label(part).fill(str(value))
    check_page("46-coordinator-call-form")
    page.get_by_role("button", name="Save the call").click()

    # What opening will do, before it is done.
    expect(page.get_by_text(f"No lead will be emailed for {len(without_lead)} local authorities")).to_contain_text(
        ", ".join(without_lead)
    )
    check_page("47-coordinator-call-to-open")
    page.get_by_role("button", name="Open the call and email the leads of 2 local authorities").click()
    expect(page.get_by_role("status")).to_contain_text("The call is open. Emailed 2 leads in 2 local authorities")
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == [
        "lola@redbridge.example.org",
        "nia@newham.example.org",
    ]

    # Redbridge returns; Newham is reminded.
    call = Call.objects.get(title="East London DCS meeting: exclusions")
    factories.PracticeFactory(
        title="Inclusion champions", local_authority=factories.authority("Redbridge"), call=call, status="submitted"
    )
    assert call.practices.get().status == Practice.Status.SUBMITTED
    page.reload()
    expect(page.get_by_role("row", name=re.compile("^Redbridge"))).to_contain_text("Submitted")
    expect(page.get_by_role("row", name=re.compile("^Newham"))).to_contain_text("Not started")
    expect(page.get_by_role("link", name="Inclusion champions")).to_have_count(0)  # reviewing is the moderators'
    check_page("48-coordinator-call-returns")
    page.get_by_role("button", name="Remind 1 local authority now").click()
    expect(page.get_by_role("status")).to_contain_text("Reminded the leads of 1 local authority: Newham.")

    # Another sub-region's call: refused.
    response = page.goto(f"{live_server.url}/calls/{camden_call.pk}/returns/")
    assert response.status == 403
