"""Due dates written in words ("in September", "by end of March", "Autumn 2021", "next meeting"): the words are
kept, a date is set where the words and the plan's dated updates make it unambiguous, and a warning says how each
was read."""

from datetime import date

import pytest

from plans import importer
from plans.models import Action
from tests.plans import world
from tests.plans.test_import_context_plans import EAST, NORTH_CENTRAL

PLAN = """Plan

1. Data
Action: analyse the data
Owner: Ben to bring it back {words}
{update}
"""


def read(words, update="16/07/20: started"):
    parsed = importer.parse("plan.txt", PLAN.format(words=words, update=update).encode())
    assert parsed.errors == []
    [action] = parsed.areas[0].actions
    return action, parsed.warnings


@pytest.mark.parametrize(
    ("words", "due_on", "kept"),
    [
        ("in September", date(2020, 9, 30), "in September"),
        ("by end of March", date(2021, 3, 31), "by end of March"),
        ("by the end of March 2022", date(2022, 3, 31), "by the end of March 2022"),
        ("for Sept.", date(2020, 9, 30), "for Sept"),
        ("in July", date(2020, 7, 31), "in July"),
        ("in Autumn 2021", date(2021, 11, 30), "in Autumn 2021"),
        ("by the summer", date(2020, 8, 31), "by the summer"),
        ("by September 2021", date(2021, 9, 30), "by September 2021"),
    ],
)
def test_a_month_or_season_with_a_year_known_is_read_as_its_last_day_and_said(words, due_on, kept):
    action, warnings = read(words)
    assert (action.due_on, action.due_words) == (due_on, kept)
    assert f"Line 5: ‘{kept}’ read as due on {due_on:%-d %B %Y}" in warnings[0]
    assert action.owners_text == f"Ben to bring it back {words}"  # the words as written stay in the owners


def test_the_year_comes_from_the_plans_latest_dated_update_and_the_warning_says_so():
    action, warnings = read("in September", update="16/07/20: started\n\n01/12/20: data in")
    assert action.due_on == date(2021, 9, 30)  # the first September after the plan was last written
    assert warnings == [
        "Line 5: ‘in September’ read as due on 30 September 2021, the first September after the plan's latest "
        "update (1 December 2020): change the action's due date if it means another"
    ]


@pytest.mark.parametrize(("words", "kept"), [("in September", "in September"), ("by end of March", "by end of March")])
def test_a_month_with_no_year_to_read_it_by_is_kept_as_written_without_a_date(words, kept):
    action, warnings = read(words, update="")
    assert (action.due_on, action.due_words) == (None, kept)
    assert warnings == [
        f"Line 5: ‘{kept}’ kept as written, with no due date: the plan has no dated update to tell which year"
    ]


@pytest.mark.parametrize(
    ("words", "kept", "why"),
    [
        ("at the next meeting", "at the next meeting", "a meeting, not a date"),
        ("for the next DCS meeting", "for the next DCS meeting", "a meeting, not a date"),
        ("by Winter 2021", "by Winter 2021", "a winter runs into the next year"),
    ],
)
def test_a_meeting_or_a_winter_is_kept_as_written_without_a_date(words, kept, why):
    action, warnings = read(words)
    assert (action.due_on, action.due_words) == (None, kept)
    assert warnings == [f"Line 5: ‘{kept}’ kept as written, with no due date: {why}"]


def test_an_action_with_no_date_in_words_has_none_and_no_warning():
    action, warnings = read("soon")
    assert (action.due_on, action.due_words, warnings) == (None, "", [])


@pytest.mark.django_db
def test_imported_the_north_central_plan_is_due_in_september_2020_and_east_londons_by_the_meeting_of_september():
    north_central = Action.objects.filter(area__plan=world.north_central()).first()
    assert (north_central.due_on, north_central.due_by_meeting) == (date(2020, 9, 30), "")
    assert north_central.due_text == "30 September 2020"
    assert north_central.owners_text.startswith("Ben to bring back to DCS’s in September")
    east = Action.objects.filter(area__plan=world.east()).first()
    assert (east.due_on, east.due_by_meeting) == (None, "September")
    assert east.due_text == "By the meeting of September"


def test_the_context_plans_say_how_they_read_september():
    north_central = importer.parse("plan.txt", NORTH_CENTRAL.read_bytes())
    assert (
        "Line 9: ‘in September’ read as due on 30 September 2020, the first September after the plan's latest "
        "update (16 July 2020): change the action's due date if it means another"
    ) in north_central.warnings
    east = importer.parse("plan.txt", EAST.read_bytes())
    assert east.warnings == [
        "Line 12: ‘in September’ kept as written, with no due date: the plan has no dated update to tell which year"
    ]


def test_due_words_are_looked_for_near_the_start_of_a_line_not_through_thousands_of_words():
    padding = "and the work goes on " * (importer.DUE_SCAN // 20)
    assert read(f"{padding} in September")[0].due_words == ""
    assert read(f"in September {padding}")[0].due_on == date(2020, 9, 30)
