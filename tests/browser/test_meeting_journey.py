"""A meeting recorded as councils record committee business: the coordinator records North Central London's meeting
with an apology, puts an action on the agenda with its decision and minutes, and raises an action arising from it for
someone without an account; each page passes axe; a director reads the minutes with JavaScript off (the portal has
no script of its own, and axe needs one, so the pages it checks are in a browser with JavaScript on)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Action, Meeting
from tests.browser.test_plans_journey import fill_date
from tests.plans import world

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_records_a_meeting_with_its_agenda_apologies_decision_and_an_action_arising(
    page, live_server, sign_in, check_page, browser
):
    coordinator = world.coordinator(email="cora@example.org", first_name="Cora", last_name="Mensah")
    director = world.director(email="dami@example.org", first_name="Dami", last_name="Okafor")
    absent = world.director(email="tony@example.org", first_name="Tony", last_name="Bell")
    plan = world.north_central()
    competence = plan.areas.get(number=3).actions.get()
    due = timezone.localdate() + timedelta(days=20)

    sign_in(coordinator)
    page.goto(live_server.url + plan.get_absolute_url())
    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_role("group", name="Attending", exact=True).get_by_label("Dami Okafor (dami@example.org)").check()
    page.get_by_role("group", name="Apologies", exact=True).get_by_label("Tony Bell (tony@example.org)").check()
    page.get_by_label("Others sending apologies (optional)").fill("Martin Cole, Camden")
    check_page("80-meeting-form-with-apologies")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("North Central London meeting")
    meeting = Meeting.objects.get()

    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_role("button", name="Add the item").click()  # nothing chosen: the error summary says what
    expect(page.get_by_role("alert")).to_contain_text("Choose what the item is about")
    page.get_by_label("An action of the plan").check()
    page.get_by_label("The action").select_option(str(competence.pk))
    page.get_by_label("Decision (optional)").fill("Agreed to adopt the Staff College framework")
    page.get_by_label("Minutes (optional)").fill("Ann described the Camden work.\nAll agreed to share theirs.")
    check_page("81-agenda-item-form")
    page.get_by_role("button", name="Add the item").click()
    expect(page.locator("#agenda + ol")).to_contain_text("Agreed to adopt the Staff College framework")

    page.get_by_role("link", name="Raise an action arising from item 1").click()
    expect(page.get_by_label("Arising from")).to_have_value(f"action-{competence.pk}")
    expect(page.get_by_label(f"At the meeting of {meeting.held_on:%-d %B %Y}")).to_be_checked()
    page.get_by_label("Action", exact=True).fill("Ann to share the Camden work with each borough")
    page.get_by_label("Other owners, by name (optional)").fill("Ann Lee")
    fill_date(page, "due_on", due)
    check_page("82-action-arising-form")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("status").first).to_contain_text("Action 3.1.1 is added to the plan")
    arising = page.locator("#arising + ul")
    expect(arising).to_contain_text("3.1.1 Ann to share the Camden work with each borough")
    expect(arising).to_contain_text("Ann Lee")
    expect(page.get_by_text("Tony Bell; Martin Cole (Camden)")).to_be_visible()
    check_page("83-meeting-with-agenda-and-actions-arising")

    action = Action.objects.get(what__startswith="Ann to share")
    assert (action.number, action.parent, action.arose_at, action.due_on) == ("3.1.1", competence, meeting, due)
    assert meeting.sending_apologies() == ["Tony Bell", "Martin Cole (Camden)"]
    assert (list(meeting.attendees.all()), list(meeting.apologies.all())) == ([director], [absent])

    no_script = browser.new_context(java_script_enabled=False)
    other = sign_in(director, on=no_script.new_page())
    other.goto(live_server.url + meeting.get_absolute_url())
    expect(other.locator("#agenda + ol")).to_contain_text("All agreed to share theirs.")
    expect(other.get_by_role("button", name="Save the updates")).to_have_count(0)
    no_script.close()
