"""
A sub-region's plan from its Word document to the directors' meeting pack: the coordinator imports North
Central London's plan, adds an action for a director, records a meeting with three updates, shortlists two
practice entries and downloads the pack; the director sees the action in My actions and adds an update; a
lead of another sub-region cannot change it. Then the meeting page with the keyboard alone and without JavaScript.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from plans.models import Action, Meeting
from tests import factories
from tests.browser.test_keyboard import tab_to
from tests.plans import world
from tests.plans.test_import_context_plans import NORTH_CENTRAL

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, prefix, day):
    page.locator(f"#id_{prefix}_0").fill(str(day.day))
    page.locator(f"#id_{prefix}_1").fill(str(day.month))
    page.locator(f"#id_{prefix}_2").fill(str(day.year))


def update_box(page, what):
    """The meeting page's update box of the action whose text starts with `what`."""
    return page.locator("fieldset.plan-fieldset", has_text=what).locator("textarea").first


def test_coordinator_to_meeting_pack_and_a_director_adds_an_update(page, live_server, sign_in, check_page, browser):
    coordinator = world.coordinator(email="cora@example.org", first_name="Cora", last_name="Mensah")
    director = world.director(email="dami@example.org", first_name="Dami", last_name="Okafor")
    first = factories.published("Stop and search through a safeguarding lens", "Haringey", "youth-justice")
    second = factories.published("Black boys' mentoring in secondary schools", "Islington", "youth-justice")
    due = timezone.localdate() + timedelta(days=6)

    sign_in(coordinator)
    page.get_by_role("link", name="Plans", exact=True).click()
    check_page("60-plans-list")
    page.get_by_role("link", name="Import a plan").click()
    page.get_by_label("The plan as a Word (.docx) or text (.txt) file").set_input_files(NORTH_CENTRAL)
    check_page("61-plan-import")
    page.get_by_role("button", name="Import the plan").click()
    expect(page.get_by_role("status").first).to_contain_text("5 areas, 5 actions, 5 dated updates, 6 owners")
    check_page("62-plan-page")

    page.get_by_role("link", name="Add an action to area 2").click()
    page.get_by_label("Action", exact=True).fill("Share the terms of reference with the YOS heads of service")
    page.get_by_label("Dami Okafor (dami@example.org)").check()
    fill_date(page, "due_on", due)
    check_page("63-action-form")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Share the terms of reference")
    check_page("64-action-page")

    page.get_by_role("link", name="Racism and disproportionality").first.click()  # back to the plan
    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_role("group", name="Attending", exact=True).get_by_label("Dami Okafor (dami@example.org)").check()
    page.get_by_label("Others attending (optional)").fill("Ben (LIIA)")
    check_page("65-meeting-form")
    page.get_by_role("button", name="Record the meeting").click()
    update_box(page, "Commission LIIA data analysis").fill("First cut of the data shared with DCSs")
    update_box(page, "bring together the YOS HoS").fill("YOS heads of service have met twice")
    update_box(page, "Share the terms of reference").fill("Terms of reference sent")
    check_page("66-meeting-page")
    page.get_by_role("button", name="Save the updates").click()
    expect(page.get_by_role("status").first).to_contain_text("3 updates saved for the meeting")
    meeting = Meeting.objects.get()
    assert meeting.updates.count() == 3 and list(meeting.attendees.all()) == [director]

    page.get_by_role("link", name="Browse practice").click()
    card = page.locator("li.practice-card", has_text=first.title)
    card.get_by_role("button", name=f"Add to the pack for the {meeting}").click()
    expect(page.get_by_role("status").first).to_contain_text(f"‘{first.title}’ is in the pack")
    page.goto(live_server.url + second.get_absolute_url())
    page.get_by_role("button", name=f"Add to the pack for the {meeting}").first.click()
    page.goto(live_server.url + meeting.get_absolute_url())
    page.get_by_role("link", name="The meeting pack and its shortlist of practice").click()
    check_page("67-pack")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the pack (Word)").click()
    lines = [paragraph.text for paragraph in Document(download.value.path()).paragraphs if paragraph.text]
    text = "\n".join(lines)
    assert "2. Youth justice responses" in lines and "5. Contribute to and draw from ALDCS" in text
    assert "Owners: Tony / Martin to engage NCL YOS HoS" in lines and "Owner: Dami Okafor" in lines  # once
    assert any(line.startswith("16/07/20: Carmel to share") for line in lines)
    assert "YOS heads of service have met twice" not in text  # said at this meeting: news for the next one's pack
    assert text.index(first.title) < text.index(second.title) and "Local authority: Islington" in lines
    page.get_by_role("link", name="Print view").click()
    check_page("68-pack-print")
    page.get_by_role("link", name="Back to the pack").click()
    page.get_by_role("link", name="Send the pack").click()
    check_page("68-pack-send")
    page.get_by_role("button", name="Send the pack").click()
    expect(page.get_by_role("status").first).to_contain_text("The pack is sent, made from v.3 of the plan")
    expect(page.get_by_text("(v.3)")).to_be_visible()
    check_page("68-meeting-pack-sent")
    page.goto(live_server.url + "/plans/board/")
    check_page("69-board")

    other = browser.new_context().new_page()
    sign_in(director, on=other)
    other.get_by_role("link", name="Plans", exact=True).click()
    other.get_by_role("link", name="My actions").click()
    expect(other.get_by_role("table", name="Due in the next two weeks")).to_contain_text("Share the terms of reference")
    check_page("70-my-actions", on=other)
    other.get_by_role("link", name="Share the terms of reference").click()
    other.get_by_role("link", name="Add an update").click()
    other.get_by_label("Update").fill("Two heads of service have replied")
    other.get_by_label("Not at a meeting: written on a date").check()  # the date box holds today, as shown
    check_page("71-update-form", on=other)
    other.get_by_role("button", name="Add the update").click()
    expect(other.get_by_role("status").first).to_contain_text("Your update is added")
    check_page("72-action-with-update", on=other)
    action = Action.objects.get(what__startswith="Share the terms of reference")
    assert action.updates.first().recorded_by == director

    stranger = browser.new_context().new_page()
    sign_in(factories.lead("Hackney", email="hana@example.org"), on=stranger)
    for path in (action.get_absolute_url(), f"/plans/actions/{action.pk}/edit/", f"/plans/actions/{action.pk}/update/"):
        assert stranger.goto(live_server.url + path).status == 404
    assert action.updates.count() == 2


@pytest.fixture
def meeting_today():
    plan = world.north_central()
    return world.meeting(plan, days_ahead=0)


def test_the_meeting_page_with_the_keyboard_alone(page, live_server, sign_in, meeting_today):
    sign_in(world.coordinator(email="cora@example.org"))
    page.goto(live_server.url + meeting_today.get_absolute_url())
    box = update_box(page, "bring together the YOS HoS")
    tab_to(page, box)
    page.keyboard.type("Heads of service met")
    status = page.locator("fieldset.plan-fieldset", has_text="bring together the YOS HoS").get_by_label("Status")
    tab_to(page, status)
    page.keyboard.press("End")  # the last status: dropped
    tab_to(page, page.get_by_role("button", name="Save the updates"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("1 update saved for the meeting")
    assert meeting_today.updates.get().action.status == "dropped"


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_the_meeting_page_without_javascript_keeps_what_was_typed_through_an_error(
    no_script_page, live_server, sign_in, meeting_today
):
    page = no_script_page
    sign_in(world.coordinator(email="cora@example.org"), on=page)
    page.goto(live_server.url + meeting_today.get_absolute_url())
    update_box(page, "Commission LIIA data analysis").fill("First cut shared")
    youth_justice = page.locator("fieldset.plan-fieldset", has_text="bring together the YOS HoS")
    youth_justice.locator("textarea").first.fill("Waiting for the police")
    youth_justice.get_by_label("Status").select_option("blocked")
    page.get_by_role("button", name="Save the updates").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why the action is blocked")
    expect(update_box(page, "Commission LIIA data analysis")).to_have_value("First cut shared")
    youth_justice.get_by_label("Why it is blocked").fill("The police have not replied")
    page.get_by_role("button", name="Save the updates").click()
    expect(page.get_by_role("status").first).to_contain_text("2 updates saved for the meeting")
    assert Action.objects.get(status="blocked").blocked_reason == "The police have not replied"


def test_after_a_failed_save_the_error_summary_takes_the_focus(page, live_server, sign_in, meeting_today):
    sign_in(world.coordinator(email="cora@example.org"))
    page.goto(live_server.url + meeting_today.get_absolute_url())
    page.locator("fieldset.plan-fieldset", has_text="bring together the YOS HoS").get_by_label("Status").select_option(
        "blocked"
    )
    page.get_by_role("button", name="Save the updates").click()
    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Say why the action is blocked")
