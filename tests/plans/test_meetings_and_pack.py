"""A meeting: every open action's update typed on one page and saved together; then the pack, in Word and on paper."""

import html
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from plans import services
from plans.models import Action, PackItem, Update
from tests import factories
from tests.plans import world

pytestmark = pytest.mark.django_db


def text_of(response):
    return " ".join(response.content.decode().split())


def meeting_form(meeting, typed):
    """The meeting page's POST: each open action's box as shown, with `typed` {action: (text, status)} filled in."""
    data = {}
    for action in Action.objects.filter(area__plan=meeting.plan).open():
        text, status = typed.get(action, ("", action.status))
        prefix = f"action-{action.pk}"
        data |= {f"{prefix}-text": text, f"{prefix}-status": status, f"{prefix}-version": action.version}
        data[f"{prefix}-blocked_reason"] = action.blocked_reason
    return data


@pytest.fixture
def ncl():
    return world.north_central()


def test_a_coordinator_records_a_meeting_with_attendees(client, ncl):
    director = world.director()
    client.force_login(world.coordinator())
    held = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("plans:meeting_create", args=[ncl.pk]),
        {
            "held_on_day": held.day,
            "held_on_month": held.month,
            "held_on_year": held.year,
            "attendees": [director.pk],
            "other_attendees": "Ben (LIIA)",
        },
    )
    meeting = ncl.meetings.get()
    assert response.url == meeting.get_absolute_url()
    assert (meeting.held_on, list(meeting.attendees.all()), meeting.other_attendees) == (held, [director], "Ben (LIIA)")


def test_updates_to_three_actions_are_saved_together_against_the_meeting(client, ncl):
    meeting = world.meeting(ncl, days_ahead=0)
    data_action, youth_justice, competence = Action.objects.filter(area__plan=ncl)[:3]
    client.force_login(world.coordinator())
    typed = {
        data_action: ("First cut shared with DCSs", "done"),
        youth_justice: ("YOS heads of service met", "in_progress"),
        competence: ("", "dropped"),
    }
    response = client.post(meeting.get_absolute_url(), meeting_form(meeting, typed))
    assert response.status_code == 302
    assert meeting.updates.count() == 3
    assert Action.objects.get(pk=data_action.pk).status == "done"
    assert Update.objects.get(meeting=meeting, action=youth_justice).text == "YOS heads of service met"
    assert Update.objects.get(meeting=meeting, action=competence).status == "dropped"
    assert all(update.written_on == meeting.held_on for update in meeting.updates.all())


def test_a_meeting_page_with_an_error_saves_nothing_and_keeps_everything_typed(client, ncl):
    meeting = world.meeting(ncl, days_ahead=0)
    data_action, youth_justice = Action.objects.filter(area__plan=ncl)[:2]
    client.force_login(world.coordinator())
    typed = {data_action: ("First cut shared with DCSs", "done"), youth_justice: ("Waiting for the police", "blocked")}
    page = text_of(client.post(meeting.get_absolute_url(), meeting_form(meeting, typed)))
    assert "There is a problem" in page
    assert f'href="#id_action-{youth_justice.pk}-blocked_reason">2.1 bring together the YOS HoS' in page
    assert "Say why the action is blocked" in page
    assert "First cut shared with DCSs" in page and "Waiting for the police" in page
    assert not meeting.updates.exists()


def test_a_meeting_page_saved_after_someone_changed_an_action_saves_nothing(client, ncl):
    meeting = world.meeting(ncl, days_ahead=0)
    data_action, youth_justice = Action.objects.filter(area__plan=ncl)[:2]
    client.force_login(world.coordinator())
    data = meeting_form(meeting, {data_action: ("Shared", "done"), youth_justice: ("Met", "in_progress")})
    services.edit_action(action=youth_justice, by=None, seen_version=None, status="dropped")
    page = text_of(client.post(meeting.get_absolute_url(), data))
    assert "Someone else changed this action" in page and "Shared" in page
    assert not meeting.updates.exists()


def test_the_pack_has_areas_owners_new_updates_newest_first_and_the_shortlist_in_order(client, ncl):
    coordinator = world.coordinator()
    earlier = services.record_meeting(plan=ncl, by=None, held_on=timezone.localdate() - timedelta(days=30))
    coming = world.meeting(ncl, days_ahead=7)
    youth_justice = Action.objects.filter(area__plan=ncl)[1]
    for days_ago, text in ((20, "Terms of reference drafted"), (10, "First YOS heads of service meeting held")):
        services.add_update(action=youth_justice, by=coordinator, seen_version=None, text=text)
        Update.objects.filter(text=text).update(written_on=timezone.localdate() - timedelta(days=days_ago))
    first = factories.published("Stop and search through a safeguarding lens", "Haringey", "youth-justice")
    second = factories.published("Black boys' mentoring", "Islington", "youth-justice")
    for practice in (second, first):
        services.add_to_pack(meeting=coming, practice=practice, by=coordinator)
    client.force_login(coordinator)
    client.post(reverse("plans:pack_item", args=[coming.pk, PackItem.objects.get(practice=first).pk]), {"move": "up"})

    response = client.get(reverse("plans:pack_download", args=[coming.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs if p.text]
    text = "\n".join(paragraphs)
    assert paragraphs[0] == ncl.title
    assert f"Updates since the meeting of {earlier.held_on:%-d %B %Y}." in paragraphs
    assert [p for p in paragraphs if p[0].isdigit() and ". " in p[:4]][:5] == [
        f"{area.number}. {area.title}" for area in ncl.areas.all()
    ]
    assert "Owners: Tony / Martin to engage NCL YOS HoS" in paragraphs  # as written, once
    assert "Owners as written" not in text
    newer = text.index("First YOS heads of service meeting held")
    assert newer < text.index("Terms of reference drafted")
    assert "Carmel to share research" not in text  # 16/07/20 was before the last meeting
    assert text.index(first.title) < text.index(second.title) and "Local authority: Haringey" in paragraphs


def test_the_print_view_has_the_plan_and_the_shortlist(client, ncl):
    coming = world.meeting(ncl)
    practice = factories.published("Stop and search through a safeguarding lens", "Haringey", "youth-justice")
    services.add_to_pack(meeting=coming, practice=practice, by=None)
    client.force_login(world.director())
    page = text_of(client.get(reverse("plans:pack_print", args=[coming.pk])))
    assert "2. Youth justice responses" in page and "Stop and search through a safeguarding lens" in page
    assert "css/plans-print.css" in page


def test_a_director_adds_practice_to_the_pack_from_the_browse_page_and_the_entry_page(client, ncl):
    coming = world.meeting(ncl)
    practice = factories.published("Stop and search through a safeguarding lens", "Haringey", "youth-justice")
    client.force_login(world.director())
    browse = text_of(client.get(reverse("practice_list")))
    assert f'form="pack-add" name="meeting_{practice.pk}" value="{coming.pk}"' in browse
    assert f'form="pack-add" name="practice" value="{practice.pk}"' in browse
    assert f"Add to the pack for the {coming}" in browse
    entry = text_of(client.get(practice.get_absolute_url()))
    assert 'id="pack-add"' in entry
    response = client.post(
        reverse("plans:pack_add"), {"meeting": coming.pk, "practice": practice.pk, "next": "https://evil.example/"}
    )
    assert response.url == practice.get_absolute_url()
    assert list(coming.pack_items.values_list("practice", flat=True)) == [practice.pk]


def test_readers_who_do_not_build_packs_see_no_pack_buttons(client, ncl, lead_a):
    world.meeting(ncl)
    factories.published("Stop and search through a safeguarding lens", "Haringey", "youth-justice")
    client.force_login(lead_a)
    assert "Add to the pack" not in text_of(client.get(reverse("practice_list")))


@pytest.mark.parametrize("value", ["x", "-1", "99999999999999999999999", "٣"])
def test_a_shortlist_request_with_a_number_that_is_not_one_is_a_404(client, ncl, value):
    coming = world.meeting(ncl)
    client.force_login(world.director())
    assert client.post(reverse("plans:pack_add"), {"meeting": coming.pk, "practice": value}).status_code == 404


def test_a_director_reads_a_meeting_and_its_pack_from_the_plan_page_and_is_told_why_not_its_updates(client, ncl):
    meeting = world.meeting(ncl)
    client.force_login(world.director())
    page = client.get(ncl.get_absolute_url()).content.decode()
    assert f'href="{reverse("plans:pack", args=[meeting.pk])}"' in page
    assert f'href="{meeting.get_absolute_url()}"' in page  # the agenda, minutes and decisions are theirs to read
    read = text_of(client.get(meeting.get_absolute_url()))
    assert "Agenda" in read and "Save the updates" not in read and "Add an agenda item" not in read
    refused = client.post(meeting.get_absolute_url(), {})
    text = html.unescape(refused.content.decode())
    assert refused.status_code == 403 and "Directors (DCSs) read their sub-region's plan" in text
    assert "Borough leads share practice" not in text


def test_the_error_summary_names_each_action_cut_at_a_word_and_attendees_read_as_one_list(client, ncl):
    director = world.director(first_name="Dami", last_name="Ade")
    meeting = services.record_meeting(
        plan=ncl, by=None, held_on=timezone.localdate(), attendees=[director], other_attendees="Ben (LIIA)\nAnne\n"
    )
    action = Action.objects.filter(area__plan=ncl).first()
    Action.objects.filter(pk=action.pk).update(what="Commission LIIA data analysis of youth justice " * 4)
    client.force_login(world.coordinator())
    page = text_of(client.get(meeting.get_absolute_url()))
    assert (
        '<dt class="summary-list__key">Attending</dt><dd class="summary-list__value">Dami Ade; Ben (LIIA); Anne</dd>'
        in page
    )
    data = meeting_form(meeting, {action: ("", "blocked")})
    page = html.unescape(text_of(client.post(meeting.get_absolute_url(), data)))
    assert "Commission LIIA data analysis of youth justice Commission LIIA data analysis of…: Say why" in page


def test_the_print_view_says_why_an_action_is_blocked_and_what_a_status_only_update_changed(client, ncl):
    coming = world.meeting(ncl, days_ahead=0)
    action = world.first_action(ncl)
    services.add_update(
        action=action, by=None, seen_version=None, text="", status="blocked", blocked_reason="Waiting for the police"
    )
    client.force_login(world.director())
    page = text_of(client.get(reverse("plans:pack_print", args=[coming.pk])))
    assert "<strong>Why it is blocked:</strong> Waiting for the police" in page
    assert f"<strong>{timezone.localdate():%d/%m/%y}:</strong> Status changed to blocked</p>" in page
    assert f"<strong>{timezone.localdate():%d/%m/%y}:</strong> </p>" not in page


def test_saving_a_meetings_updates_saves_a_version_of_the_plan_after_the_meeting(client, ncl):
    meeting = world.meeting(ncl, days_ahead=0)
    action = Action.objects.filter(area__plan=ncl).open().first()
    client.force_login(world.coordinator())
    response = client.post(
        meeting.get_absolute_url(), meeting_form(meeting, {action: ("Agreed", action.status)}), follow=True
    )
    latest = ncl.versions.order_by("number").last()
    assert (latest.number, latest.note) == (3, f"after the meeting of {meeting.held_on:%-d %B %Y}")
    assert any("Agreed" in text for _, text in latest.content["areas"][0]["actions"][0]["updates"])
    assert "The plan is saved as v.3" in text_of(response)


def test_a_meeting_page_saved_with_nothing_typed_saves_no_version(client, ncl):
    meeting = world.meeting(ncl, days_ahead=0)
    client.force_login(world.coordinator())
    client.post(meeting.get_absolute_url(), meeting_form(meeting, {}))
    assert ncl.versions.count() == 1


def test_a_held_meetings_pack_is_history_it_cannot_be_added_to_reordered_or_taken_from(client, ncl):
    held, _ = world.meeting(ncl, days_ahead=-14), world.meeting(ncl)
    kept, other = (factories.published(title, "Haringey", "youth-justice") for title in ("Circles", "Mentoring"))
    PackItem.objects.bulk_create(PackItem(meeting=held, practice=p, position=n) for n, p in enumerate((kept, other)))
    client.force_login(world.coordinator())
    added = client.post(reverse("plans:pack_add"), {"meeting": held.pk, "practice": other.pk, "next": "/"}, follow=True)
    closed = f"The {held} has been held: its pack is kept as it was and cannot be changed."
    assert closed in text_of(added)
    item = PackItem.objects.get(practice=kept)
    for sent in ({"move": "down"}, {"move": "remove"}):
        moved = client.post(reverse("plans:pack_item", args=[held.pk, item.pk]), sent, follow=True)
        assert closed in text_of(moved)
    removed = client.post(reverse("plans:pack_remove"), {"item": item.pk, "next": "/"}, follow=True)
    assert closed in text_of(removed)
    assert list(held.pack_items.order_by("position").values_list("practice", flat=True)) == [kept.pk, other.pk]
    page = text_of(client.get(reverse("plans:pack", args=[held.pk])))
    assert "Move down" not in page and "Take out" not in page and "cannot be changed" in page


def test_a_second_meeting_of_the_plan_on_the_same_date_is_refused_when_recorded_or_corrected(client, ncl):
    first, second = world.meeting(ncl, days_ahead=3), world.meeting(ncl, days_ahead=4)
    client.force_login(world.coordinator())
    held = {f"held_on_{part}": getattr(first.held_on, part) for part in ("day", "month", "year")}
    already = f"There is already a meeting of this plan on {first.held_on:%-d %B %Y}"
    assert already in text_of(client.post(reverse("plans:meeting_create", args=[ncl.pk]), held))
    assert already in text_of(client.post(reverse("plans:meeting_edit", args=[second.pk]), held))
    assert ncl.meetings.count() == 2 and ncl.meetings.filter(held_on=first.held_on).count() == 1
    assert client.post(reverse("plans:meeting_edit", args=[first.pk]), held).status_code == 302  # itself
