"""Each role's home says what waits: a lead signs in to their entry returned for changes (with the moderator's words)
and their draft, and follows the link to make the changes; a coordinator signs in to their plan, its next meeting and
its overdue actions, and follows each; then 'Why it is blocked' shows only while Blocked is chosen. Axe on each home."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Action
from submissions import services
from tests import factories
from tests.plans import world

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_lead_is_told_on_their_home_what_the_moderator_asked_and_goes_to_make_the_changes(page, sign_in, check_page):
    lola = factories.lead("Redbridge", email="lola@redbridge.example.org")
    redbridge = factories.authority("Redbridge")
    entry = factories.PracticeFactory(title="Inclusion champions", local_authority=redbridge, status="submitted")
    services.request_changes(
        practice=entry, by=factories.moderator(), seen_version=None, comment="Name the schools that took part."
    )
    factories.PracticeFactory(title="Governor training", local_authority=redbridge, status="draft")
    factories.call(["Redbridge"], return_in_days=10, title="East London DCS meeting: exclusions")

    sign_in(lola)
    returned = page.locator(".panel", has_text="Inclusion champions")
    expect(returned).to_contain_text("The moderator said: Name the schools that took part.")
    expect(page.get_by_role("heading", name="Drafts not yet submitted")).to_be_visible()
    expect(page.get_by_role("link", name="Governor training")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Return by \d+ \w+ \d{4}\."))).to_be_visible()
    check_page("77-lead-home-waiting")
    returned.get_by_role("link", name="Make the changes to ‘Inclusion champions’").click()
    expect(page.get_by_label("Name of the project or approach")).to_have_value("Inclusion champions")


def test_a_coordinator_goes_from_their_home_to_the_plan_the_next_meeting_and_the_overdue_actions(
    page, sign_in, check_page, live_server
):
    cora = world.coordinator("North Central London", email="cora@example.org")
    plan = world.north_central()
    meeting = world.meeting(plan, days_ahead=9)
    late = world.owned_action(plan, cora, what="Circulate the terms of reference")
    late.due_on = timezone.localdate() - timedelta(days=4)
    late.save()

    sign_in(cora)
    expect(page.get_by_role("heading", name="North Central London's plan")).to_be_visible()
    expect(page.get_by_role("heading", name="Calls for practice you run")).to_be_visible()
    check_page("78-coordinator-home-waiting")
    page.get_by_role("link", name=f"{meeting.held_on:%A %-d %B %Y}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{meeting.held_on:%-d %B %Y}")
    page.go_back()
    overdue = Action.objects.filter(area__plan=plan).overdue(timezone.localdate()).count()  # with the document's 1.1
    page.get_by_role("link", name=f"{overdue} overdue actions in North Central London").click()
    expect(page.get_by_role("link", name=re.compile("^Circulate the terms of reference"))).to_be_visible()
    page.go_back()
    page.get_by_role("link", name=plan.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(plan.title)

    # On an action's update page, the reason box follows the status chosen.
    page.goto(f"{live_server.url}/plans/actions/{late.pk}/update/")
    reason = page.get_by_label("Why it is blocked")
    expect(reason).to_be_hidden()
    page.get_by_label("Status").select_option(label="Blocked")
    expect(reason).to_be_visible()
    expect(page.get_by_text("Only if the action is blocked.")).to_be_visible()
    check_page("79-update-blocked-reason")
    page.get_by_label("Status").select_option(label="In progress")
    expect(reason).to_be_hidden()
