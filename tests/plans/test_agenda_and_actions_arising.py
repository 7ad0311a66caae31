"""A meeting as councils run committee business: attendance and apologies, an ordered agenda (actions, areas,
practice entries, other business) with a decision and minutes per item, actions arising numbered under their
parent and tracked as any other, a forward plan on the plan, and updates dated by the meeting or a date chosen."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plans import removals, services
from plans.models import TEXT_LIMIT, Action, AgendaItem, ForwardPlanItem, PlanEvent
from tests import factories
from tests.plans import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def ncl():
    return world.north_central()


def typed_date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def meeting_today(plan):
    return world.meeting(plan, days_ahead=0)


def agenda_page(client, meeting):
    return world.words_of(client.get(meeting.get_absolute_url()))


def arising(plan, parent=None, *, what="Share the Camden work", owners=(), meeting=None, area=None):
    return services.raise_action(
        by=None, what=what, owners=list(owners), parent=parent, area=area, meeting=meeting, due_on=None
    )


# Attendance and apologies


def test_a_meeting_records_apologies_from_accounts_and_named_people_with_their_organisation(client, ncl):
    director, absent = (
        world.director(first_name="Dami", last_name="Ade"),
        world.director(first_name="Tony", last_name="Bell"),
    )
    client.force_login(world.coordinator())
    held = timezone.localdate()
    response = client.post(
        reverse("plans:meeting_create", args=[ncl.pk]),
        {
            **typed_date("held_on", held),
            "attendees": [director.pk],
            "other_attendees": "Ben Jones, LIIA",
            "apologies": [absent.pk],
            "other_apologies": "Martin Cole, Camden\n\nAnne",
        },
    )
    meeting = ncl.meetings.get()
    assert response.url == meeting.get_absolute_url()
    assert meeting.attending() == ["Dami Ade", "Ben Jones (LIIA)"]
    assert meeting.sending_apologies() == ["Tony Bell", "Martin Cole (Camden)", "Anne"]
    assert list(meeting.apologies.all()) == [absent]
    page = world.html_of(client.get(meeting.get_absolute_url()))
    assert 'Attending</dt><dd class="summary-list__value">Dami Ade; Ben Jones (LIIA)</dd>' in page
    assert 'Apologies</dt><dd class="summary-list__value">Tony Bell; Martin Cole (Camden); Anne</dd>' in page


def test_nobody_both_attends_and_sends_apologies_and_the_form_keeps_what_was_typed(client, ncl):
    director = world.director(first_name="Dami", last_name="Ade")
    client.force_login(world.coordinator())
    page = world.words_of(
        client.post(
            reverse("plans:meeting_create", args=[ncl.pk]),
            {
                **typed_date("held_on", timezone.localdate()),
                "attendees": [director.pk],
                "apologies": [director.pk],
                "other_apologies": "Martin Cole, Camden",
            },
        )
    )
    assert "There is a problem" in page and "Dami Ade cannot both attend and send apologies" in page
    assert "Martin Cole, Camden" in page and not ncl.meetings.exists()


# The agenda


def add_item(client, meeting, **data):
    return client.post(reverse("plans:agenda_add", args=[meeting.pk]), data)


def test_the_agenda_holds_an_action_an_area_a_practice_entry_and_other_business_in_order(client, ncl):
    meeting = meeting_today(ncl)
    practice = factories.published("Stop and search through a safeguarding lens", "Haringey", "youth-justice")
    action, area = world.first_action(ncl), ncl.areas.get(number=2)
    client.force_login(world.coordinator())
    add_item(client, meeting, about="action", action=action.pk)
    add_item(client, meeting, about="area", area=area.pk)
    add_item(client, meeting, about="practice", practice_number=f" {practice.pk} ")
    response = add_item(client, meeting, about="other", title="Forward plan for September")
    last = meeting.agenda_items.last()
    assert response.url == f"{meeting.get_absolute_url()}#item-{last.pk}"
    items = list(meeting.agenda_items.all())
    assert [(item.position, item.action, item.area, item.practice) for item in items] == [
        (1, action, None, None),
        (2, None, area, None),
        (3, None, None, practice),
        (4, None, None, None),
    ]
    assert [item.title for item in items[1:]] == [
        "Area 2. Youth justice responses",
        "Stop and search through a safeguarding lens (Haringey)",
        "Forward plan for September",
    ]
    assert items[0].title.startswith("Action 1.1: Commission LIIA data analysis")
    client.post(reverse("plans:agenda_move", args=[meeting.pk, items[3].pk]), {"move": "up"})
    assert list(meeting.agenda_items.values_list("title", flat=True))[2:] == [
        "Forward plan for September",
        "Stop and search through a safeguarding lens (Haringey)",
    ]
    page = agenda_page(client, meeting)
    assert page.index("Area 2. Youth justice responses") < page.index("Forward plan for September")


def test_a_decision_and_minutes_are_recorded_against_an_item_and_its_readers_read_them(client, ncl):
    meeting = meeting_today(ncl)
    item = services.add_agenda_item(meeting=meeting, by=None, title="Themed discussion: youth violence")
    client.force_login(world.coordinator())
    response = client.post(
        reverse("plans:agenda_edit", args=[meeting.pk, item.pk]),
        {
            "about": "other",
            "title": "Themed discussion: youth violence",
            "decision": "Agreed to hold a themed session in September",
            "minutes": "Tony described the Camden work.\nAnn will share it.",
        },
    )
    assert response.status_code == 302
    client.force_login(world.director())
    page = world.html_of(client.get(meeting.get_absolute_url()))
    assert "Agreed to hold a themed session in September" in page
    assert "Tony described the Camden work.<br>Ann will share it." in page
    assert "Record the decision and minutes" not in page and "Save the updates" not in page


def test_an_agenda_item_form_names_its_errors_and_keeps_everything_typed(client, ncl):
    meeting = meeting_today(ncl)
    client.force_login(world.coordinator())
    page = world.words_of(add_item(client, meeting, about="other", minutes="Long discussion of the data"))
    assert "There is a problem" in page and "Enter the item's title" in page
    assert "Long discussion of the data" in page
    page = world.words_of(add_item(client, meeting, about="practice", practice_number="٣"))
    assert "Enter the number of a published practice entry" in page
    page = world.words_of(add_item(client, meeting, about="action", action="99999999999999999999"))
    assert "Choose one of the plan's actions" in page
    page = world.words_of(add_item(client, meeting, about="nonsense"))
    assert "Choose one of the kinds listed" in page
    too_long = "x" * (TEXT_LIMIT + 1)
    page = world.words_of(add_item(client, meeting, about="other", title="Data", decision=too_long))
    assert f"must be {TEXT_LIMIT:,} characters or fewer" in page
    assert not meeting.agenda_items.exists()


def test_an_item_taken_off_the_agenda_leaves_the_others_numbered_in_turn(client, ncl):
    meeting = meeting_today(ncl)
    first, second, third = (services.add_agenda_item(meeting=meeting, by=None, title=t) for t in "ABC")
    client.force_login(world.coordinator())
    client.post(reverse("plans:agenda_remove", args=[meeting.pk, first.pk]))
    assert list(meeting.agenda_items.values_list("title", "position")) == [("B", 1), ("C", 2)]
    assert not AgendaItem.objects.filter(pk=first.pk).exists()


# Actions arising


def raise_form(parent_key, meeting=None, **data):
    return {"arising_from": parent_key, "meeting": meeting.pk if meeting else "none", **data}


def test_an_action_arising_at_a_meeting_is_numbered_under_its_parent_and_tracked_as_any_other(
    client, ncl, django_capture_on_commit_callbacks
):
    meeting = meeting_today(ncl)
    director = world.director(email="ann@example.org", first_name="Ann", last_name="Lee")
    parent = ncl.areas.get(number=3).actions.get()  # 3.1
    client.force_login(world.coordinator())
    due = timezone.localdate() + timedelta(days=5)
    response = client.post(
        reverse("plans:action_arising", args=[ncl.pk]),
        raise_form(
            f"action-{parent.pk}",
            meeting,
            what="Ann to share the Camden work",
            owner_people=[director.pk],
            owner_names="Ben",
            **typed_date("due_on", due),
        ),
    )
    action = Action.objects.get(what="Ann to share the Camden work")
    assert response.url == meeting.get_absolute_url()
    assert (action.number, action.parent, action.arose_at, action.due_on) == ("3.1.1", parent, meeting, due)
    assert [str(owner) for owner in action.owners.all()] == ["Ann Lee", "Ben"]
    assert "3.1.1 Ann to share the Camden work" in agenda_page(client, meeting)
    client.force_login(director)
    assert "Ann to share the Camden work" in world.words_of(client.get(reverse("plans:my_actions")))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_plan_reminders", stdout=io.StringIO())
    assert [email.to for email in mail.outbox if "Ann to share the Camden work" in email.subject] == [
        ["ann@example.org"]
    ]


def test_a_plan_contact_owns_an_action_arising_ticked_or_typed_by_name_and_is_reminded(
    client, ncl, django_capture_on_commit_callbacks
):
    meeting = meeting_today(ncl)
    coordinator = world.coordinator()
    client.force_login(coordinator)
    ben, _ = services.save_contact(plan=ncl, by=None, name="Ben Walker", email="ben@liia.example.org")
    tony, _ = services.save_contact(plan=ncl, by=None, name="Tony Bell", email="tony@example.org")
    url = reverse("plans:action_arising", args=[ncl.pk])
    assert "Tony Bell" in world.words_of(client.get(url))  # offered, as on the action form
    parent = ncl.areas.get(number=2).actions.get()
    due = typed_date("due_on", timezone.localdate() + timedelta(days=5))
    client.post(
        url, raise_form(f"action-{parent.pk}", meeting, what="Ben to provide ToR", owner_names="Ben Walker", **due)
    )
    client.post(
        url, raise_form(f"action-{parent.pk}", meeting, what="Tony to organise", owner_contacts=[tony.pk], **due)
    )
    terms, session = Action.objects.get(what="Ben to provide ToR"), Action.objects.get(what="Tony to organise")
    assert [owner.contact for owner in terms.owners.all()] == [ben]
    assert [owner.contact for owner in session.owners.all()] == [tony]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_plan_reminders", stdout=io.StringIO())
    due_soon = {email.to[0]: email.subject for email in mail.outbox if email.subject.startswith("Due")}
    assert "Ben to provide ToR" in due_soon["ben@liia.example.org"]
    assert "Tony to organise" in due_soon["tony@example.org"]


def test_actions_arising_are_numbered_in_turn_under_their_parent_and_listed_after_it(client, ncl):
    area = ncl.areas.get(number=5)  # 5.1 (the document's forward-plan line is the plan's forward plan, not 5.2)
    first = area.actions.get()
    second = services.add_action(area=area, by=None, what="A second action of area 5", owners=[])
    one = arising(ncl, first, what="First arising")
    two = arising(ncl, first, what="Second arising")
    deeper = arising(ncl, one, what="Arising from the arising")
    own = arising(ncl, area=area, what="A new action of the area")
    added = services.add_action(area=area, by=None, what="Added the usual way", owners=[])
    numbers = [(action.number, action.what) for action in area.actions.all()]
    assert numbers == [
        ("5.1", first.what),
        ("5.1.1", "First arising"),
        ("5.1.1.1", "Arising from the arising"),
        ("5.1.2", "Second arising"),
        ("5.2", second.what),
        ("5.3", "A new action of the area"),
        ("5.4", "Added the usual way"),
    ]
    assert (two.parent_number, deeper.parent_number, own.parent_number, added.depth) == ("5.1", "5.1.1", "", 1)
    client.force_login(world.coordinator())
    page = world.words_of(client.get(ncl.get_absolute_url()))
    assert page.index("5.1.1 First arising") < page.index("5.1.1.1 Arising from") < page.index("5.1.2 Second")
    assert "Arising from 5.1.1." in page


def test_the_arising_form_refuses_what_it_does_not_offer_and_saves_nothing(client, ncl):
    held, coming = meeting_today(ncl), world.meeting(ncl, days_ahead=7)
    client.force_login(world.coordinator())
    url = reverse("plans:action_arising", args=[ncl.pk])
    before = Action.objects.count()
    page = world.words_of(client.post(url, {"arising_from": "action-99999999999999999999", "meeting": "x"}))
    assert "Choose one of the plan's actions or areas" in page and "Choose one of the meetings listed" in page
    assert "Enter the action" in page
    page = world.words_of(client.post(url, raise_form(f"area-{ncl.areas.first().pk}", coming, what="Too soon")))
    assert "Choose one of the meetings listed" in page  # agreed at a meeting still to come: not yet
    page = world.words_of(client.post(url, {"what": "Dated oddly", "due_on_day": "31", "due_on_month": "2"}))
    assert "Choose the action it arises from, or the area it belongs to" in page
    assert "The due date must include a year" in page and "Dated oddly" in page
    assert Action.objects.count() == before
    assert client.get(url, {"from": "٣" * 100, "meeting": "-1"}).status_code == 200
    assert f'value="{held.pk}"' in world.html_of(client.get(url, {"meeting": held.pk}))


def test_an_action_four_deep_raises_its_next_in_its_area(client, ncl):
    action = world.first_action(ncl)
    for depth in range(2):
        action = arising(ncl, action, what=f"Level {depth + 2}")
    assert (action.number, action.depth) == ("1.1.1.1", 3)
    client.force_login(world.coordinator())
    page = world.words_of(
        client.post(reverse("plans:action_arising", args=[ncl.pk]), raise_form(f"action-{action.pk}", what="Deeper"))
    )
    assert "An action can be raised under 1.1.1.1 only in its own area" in page


def test_deleting_an_action_deletes_those_arising_from_it_and_says_so(client, ncl):
    parent = world.first_action(ncl)
    child = arising(ncl, parent)
    arising(ncl, child, what="Grandchild")
    client.force_login(world.coordinator())
    assert "2 actions arising" in world.words_of(client.get(reverse("plans:action_delete", args=[parent.pk])))
    client.post(reverse("plans:action_delete", args=[parent.pk]))
    assert not Action.objects.filter(area=parent.area).exists()


def test_moving_an_action_takes_those_arising_from_it_and_one_arising_becomes_the_areas_own(ncl):
    parent = world.first_action(ncl)
    child = arising(ncl, parent)
    grandchild = arising(ncl, child, what="Grandchild")
    youth = ncl.areas.get(number=2)
    removals.move_action(action=parent, by=None, area=youth)
    assert [Action.objects.get(pk=a.pk).number for a in (parent, child, grandchild)] == ["2.2", "2.2.1", "2.2.1.1"]
    removals.move_action(action=Action.objects.get(pk=child.pk), by=None, area=ncl.areas.get(number=4))
    assert [Action.objects.get(pk=a.pk).number for a in (child, grandchild)] == ["4.2", "4.2.1"]


# Updates are dated by a meeting or a date given


def test_an_update_is_dated_by_the_meeting_chosen_or_the_date_given_never_silently_today(client, ncl):
    action = world.first_action(ncl)
    last_month = services.record_meeting(plan=ncl, by=None, held_on=timezone.localdate() - timedelta(days=30))
    world.meeting(ncl, days_ahead=7)  # still to come: not offered
    client.force_login(world.coordinator())
    url = reverse("plans:action_update", args=[action.pk])
    form = world.words_of(client.get(url))
    assert f"At the meeting of {last_month.held_on:%-d %B %Y}" in form and form.count("At the meeting of") == 1
    sent = {"text": "Camden shared its work", "status": action.status, "version": action.version}
    page = world.words_of(client.post(url, sent))
    assert "Choose the meeting the update was recorded at, or say it was written on a date" in page
    assert "Camden shared its work" in page and not action.updates.filter(text__startswith="Camden").exists()
    client.post(url, {**sent, "recorded": last_month.pk})
    update = action.updates.get(text="Camden shared its work")
    assert (update.written_on, update.meeting) == (last_month.held_on, last_month)
    written = date(2026, 11, 2)
    client.post(url, {**sent, "text": "Data refreshed", "recorded": "date", **typed_date("written_on", written)})
    update = action.updates.get(text="Data refreshed")
    assert (update.written_on, update.meeting) == (written, None)
    page = world.words_of(client.post(url, {**sent, "text": "Too early", "recorded": "date"}))
    assert "Enter the date it was written" in page
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = world.words_of(client.post(url, {**sent, "recorded": "date", **typed_date("written_on", tomorrow)}))
    assert "The date it was written must be the same as or before" in page


# The forward plan


def test_the_forward_plan_lists_items_for_a_meeting_or_a_month_soonest_first(client, ncl):
    ncl.forward_plan.all().delete()  # the document's own plan-level item, imported as one, aside
    coming = world.meeting(ncl, days_ahead=10)
    client.force_login(world.coordinator())
    url = reverse("plans:forward_plan_add", args=[ncl.pk])
    month = date(timezone.localdate().year + 1, 9, 1)
    client.post(url, {"title": "Themed discussion: exploitation", "planned_for": f"{month:%Y-%m}", "notes": "Tony"})
    response = client.post(url, {"title": "Data refresh", "planned_for": f"meeting-{coming.pk}"})
    assert response.url == f"{ncl.get_absolute_url()}#forward-plan"
    assert [(i.title, i.meeting, i.month) for i in services.forward_plan_of(ncl)] == [
        ("Data refresh", coming, None),
        ("Themed discussion: exploitation", None, month),
    ]
    client.force_login(world.director())
    page = world.html_of(client.get(ncl.get_absolute_url()))
    assert f"<td>{month:%B %Y}</td><td>Themed discussion: exploitation</td><td>Tony</td>" in page
    assert page.index(f"<td>The meeting of {coming.held_on:%-d %B %Y}</td><td>Data refresh</td>") < page.index(
        "Themed discussion"
    )


def test_a_forward_plan_item_needs_a_title_and_a_meeting_or_month_offered(client, ncl):
    ncl.forward_plan.all().delete()  # the document's own plan-level item, imported as one, aside
    client.force_login(world.coordinator())
    url = reverse("plans:forward_plan_add", args=[ncl.pk])
    page = world.words_of(client.post(url, {"notes": "Kept"}))
    assert "Enter the item" in page and "Choose the meeting or the month it is planned for" in page and "Kept" in page
    page = world.words_of(client.post(url, {"title": "Old", "planned_for": "2019-01"}))
    assert "Choose one of the meetings or months listed" in page
    assert not ForwardPlanItem.objects.exists()


def test_a_forward_plan_item_is_changed_and_taken_off(client, ncl):
    ncl.forward_plan.all().delete()  # the document's own plan-level item, imported as one, aside
    item = ForwardPlanItem.objects.create(plan=ncl, title="Data", month=date(2026, 1, 1))  # a month gone by
    client.force_login(world.coordinator())
    url = reverse("plans:forward_plan_edit", args=[ncl.pk, item.pk])
    assert 'value="2026-01" selected' in world.html_of(client.get(url))
    client.post(url, {"title": "Data refresh", "planned_for": "2026-01"})
    assert ForwardPlanItem.objects.get().title == "Data refresh"
    client.post(reverse("plans:forward_plan_remove", args=[ncl.pk, item.pk]))
    assert not ForwardPlanItem.objects.exists()


# The meeting page and an action's history (issue 28)


def test_the_meeting_page_shows_each_actions_whole_text_and_its_last_update(client, ncl):
    meeting = meeting_today(ncl)
    action = world.first_action(ncl)
    long_text = "Commission LIIA data analysis of youth justice " * 6
    Action.objects.filter(pk=action.pk).update(what=long_text.strip())
    services.add_update(action=action, by=None, seen_version=None, text="Older", written_on=date(2026, 1, 5))
    services.add_update(action=action, by=None, seen_version=None, text="Newest words", written_on=date(2026, 2, 5))
    client.force_login(world.coordinator())
    page = agenda_page(client, meeting)
    assert f"1.1 {long_text.strip()}" in page
    assert "Last update, 05/02/26: Newest words" in page


def test_an_actions_history_says_due_date_not_the_fields_name(client, ncl):
    action = world.first_action(ncl)
    services.edit_action(action=action, by=None, seen_version=None, due_on=date(2026, 9, 30))
    PlanEvent.objects.create(plan=ncl, action=action, description="Action changed (due_on, status): Written before")
    client.force_login(world.coordinator())
    page = world.words_of(client.get(action.get_absolute_url()))
    assert "Action changed (due date): Commission" in page
    assert "Action changed (due date, status): Written before" in page and "due_on" not in page
