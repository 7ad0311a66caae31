"""The pack that was sent stays sent: byte for byte, whatever is edited later and however much later it is asked for."""

import hashlib
import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from docx import Document

from plans import sent_packs, services
from plans.models import Meeting, Owner, SentPack
from privacy.retention import files_in_use
from tests import factories
from tests.plans import world

pytestmark = pytest.mark.django_db

FAKE_SOFFICE = """#!/bin/sh
# LibreOffice as the pack needs it: the .docx given is written to --outdir as a PDF of the same name.
while [ $# -gt 0 ]; do
  case "$1" in --outdir) out="$2"; shift ;; *.docx) source="$1" ;; esac
  shift
done
printf '%%PDF-1.7 made from %s' "$(basename "$source")" > "$out/$(basename "$source" .docx).pdf"
"""


@pytest.fixture(autouse=True)
def no_libreoffice(monkeypatch):
    monkeypatch.setattr(sent_packs, "SOFFICE", "no-libreoffice-here")


@pytest.fixture
def ncl():
    return world.north_central()


def downloaded(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def words(response):
    return " ".join(response.content.decode().split())


def a_week_later(monkeypatch, client, user):
    """A week on (signed in again: a session does not last a week)."""
    later, now = timezone.localdate() + timedelta(days=7), timezone.now() + timedelta(days=7)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    monkeypatch.setattr(timezone, "now", lambda: now)
    client.force_login(user)


def test_a_sent_pack_downloads_byte_identical_after_edits_and_a_week(client, ncl, monkeypatch):
    meeting = world.meeting(ncl, days_ahead=2)
    coordinator = world.coordinator(first_name="Ben", last_name="Cole")
    client.force_login(coordinator)
    asked = words(client.get(reverse("plans:pack_send", args=[meeting.pk])))
    assert f"Send the pack for the {meeting}?" in asked and "Nobody is emailed" in asked
    services.add_update(action=world.first_action(ncl), by=None, seen_version=None, text="Said before sending")
    response = client.post(reverse("plans:pack_send", args=[meeting.pk]), follow=True)
    version = ncl.versions.order_by("number").last()
    assert (version.number, version.note) == (3, f"the pack for the meeting of {meeting.held_on:%-d %B %Y}")
    assert "The pack is sent, made from v.3 of the plan." in words(response)
    sent_bytes = downloaded(client.get(reverse("plans:pack_download", args=[meeting.pk])))
    sent = SentPack.objects.get(meeting=meeting)
    assert (sent.version_number, sent.sent_by, sent.digest) == (3, coordinator, hashlib.sha256(sent_bytes).hexdigest())
    assert "Plan version: v.3" in [p.text for p in Document(io.BytesIO(sent_bytes)).paragraphs]

    action = world.first_action(ncl)
    services.edit_action(action=action, by=None, seen_version=None, due_on=timezone.localdate() + timedelta(days=9))
    services.add_action(
        area=action.area, by=None, what="Added after", owners=[services.OwnerChoice(Owner.Kind.NAMED, name="Ann")]
    )
    services.add_update(action=action, by=None, seen_version=None, text="Said after the pack was sent")
    a_week_later(monkeypatch, client, coordinator)
    again = downloaded(client.get(reverse("plans:pack_download", args=[meeting.pk])))
    assert again == sent_bytes
    assert b"".join(client.get(reverse("plans:pack_download", args=[meeting.pk])).streaming_content) == sent_bytes
    page = words(client.get(meeting.get_absolute_url()))
    assert f"Sent on {timezone.localtime(sent.sent_at):%-d %B %Y} by Ben Cole (v.3)" in page
    assert "The pack was kept in Word only" in page and reverse("plans:pack_pdf", args=[meeting.pk]) not in page
    assert client.get(reverse("plans:pack_pdf", args=[meeting.pk])).status_code == 404


def test_sending_a_sent_pack_again_changes_nothing(client, ncl):
    meeting = world.meeting(ncl, days_ahead=2)
    client.force_login(world.coordinator())
    client.post(reverse("plans:pack_send", args=[meeting.pk]))
    response = client.post(reverse("plans:pack_send", args=[meeting.pk]), follow=True)
    assert "The pack was sent already" in words(response)
    assert SentPack.objects.count() == 1 and list(ncl.versions.values_list("number", flat=True)) == [2]
    page = words(client.get(reverse("plans:pack_send", args=[meeting.pk])))
    assert f"Send the pack for the {meeting}?" not in page and "has been sent" in page


def test_sending_uses_the_latest_version_when_the_plan_has_not_changed_since(client, ncl):
    meeting = world.meeting(ncl, days_ahead=2)
    client.force_login(world.coordinator())
    services.add_update(action=world.first_action(ncl), by=None, seen_version=None, text="Said before saving")
    client.post(reverse("plans:plan_version_save", args=[ncl.pk]))
    client.post(reverse("plans:pack_send", args=[meeting.pk]))
    assert ncl.versions.count() == 2 and SentPack.objects.get().version_number == 3


def test_a_held_meetings_pack_is_kept_when_first_downloaded(client, ncl, monkeypatch):
    held = world.meeting(ncl, days_ahead=-1)
    Meeting.objects.filter(pk=held.pk).update(created_at=timezone.now() - timedelta(days=5))  # recorded ahead of it
    director = world.director()
    client.force_login(director)
    first = downloaded(client.get(reverse("plans:pack_download", args=[held.pk])))
    kept = SentPack.objects.get(meeting=held)
    assert (kept.on_sending, kept.version_number) == (False, 2)  # the plan reads as v.2, imported
    services.add_update(action=world.first_action(ncl), by=None, seen_version=None, text="Said later")
    a_week_later(monkeypatch, client, director)
    assert downloaded(client.get(reverse("plans:pack_download", args=[held.pk]))) == first
    client.force_login(world.coordinator())
    page = words(client.get(reverse("plans:pack", args=[held.pk])))
    assert "Kept on" in page and "when first downloaded after the meeting (v.2)" in page


def test_a_meeting_written_up_after_it_was_held_keeps_a_draft_pack_until_it_is_sent(client, ncl):
    written_up = world.meeting(ncl, days_ahead=-30)  # recorded today, for a meeting a month ago
    client.force_login(world.coordinator())
    first = downloaded(client.get(reverse("plans:pack_download", args=[written_up.pk])))
    assert not SentPack.objects.exists()
    services.add_update(action=world.first_action(ncl), by=None, seen_version=None, text="Written up afterwards")
    assert downloaded(client.get(reverse("plans:pack_download", args=[written_up.pk]))) != first
    client.post(reverse("plans:pack_send", args=[written_up.pk]))
    assert SentPack.objects.get(meeting=written_up).on_sending


def test_a_coming_meetings_draft_pack_is_made_afresh_and_kept_nowhere(client, ncl):
    meeting = world.meeting(ncl, days_ahead=2)
    client.force_login(world.coordinator())
    client.get(reverse("plans:pack_download", args=[meeting.pk]))
    services.add_update(action=world.first_action(ncl), by=None, seen_version=None, text="Said since the last one")
    text = downloaded(client.get(reverse("plans:pack_download", args=[meeting.pk])))
    assert "Said since the last one" in "\n".join(p.text for p in Document(io.BytesIO(text)).paragraphs)
    assert not SentPack.objects.exists()


def test_the_pdf_is_made_by_libreoffice_and_stored_beside_the_word(client, ncl, monkeypatch, tmp_path):
    soffice = tmp_path / "soffice"
    soffice.write_text(FAKE_SOFFICE)
    soffice.chmod(0o755)
    monkeypatch.setattr(sent_packs, "SOFFICE", str(soffice))
    meeting = world.meeting(ncl, days_ahead=2)
    client.force_login(world.coordinator())
    assert "in Word and PDF" in words(client.get(reverse("plans:pack_send", args=[meeting.pk])))
    client.post(reverse("plans:pack_send", args=[meeting.pk]))
    pdf = client.get(reverse("plans:pack_pdf", args=[meeting.pk]))
    assert downloaded(pdf) == b"%PDF-1.7 made from pack.docx"
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "private, no-store"
    assert "Download the pack as sent (PDF)" in words(client.get(meeting.get_absolute_url()))
    sent = SentPack.objects.get()
    assert {sent.word.name, sent.pdf.name} <= files_in_use()  # so the backup keeps them


def test_a_sent_packs_shortlist_cannot_be_changed(client, ncl):
    meeting = world.meeting(ncl, days_ahead=2)
    practice = factories.published("Circles", "Haringey", "youth-justice")
    client.force_login(world.coordinator())
    client.post(reverse("plans:pack_send", args=[meeting.pk]))
    world.meeting(ncl, days_ahead=9)  # another coming meeting, so the buttons are there for it
    added = client.post(reverse("plans:pack_add"), {"meeting": meeting.pk, "practice": practice.pk}, follow=True)
    assert f"The pack for the {meeting} has been sent: it is kept as it was" in words(added)
    assert not meeting.pack_items.exists()
    assert f"Add to the pack for the {meeting}" not in words(client.get(reverse("practice_list")))


def test_a_lead_of_the_sub_region_reads_the_sent_pack_but_not_the_draft(client, ncl):
    meeting = world.meeting(ncl, days_ahead=2)
    client.force_login(factories.lead("Camden"))
    assert client.get(reverse("plans:pack_download", args=[meeting.pk])).status_code == 403
    sent_packs.keep(meeting=meeting, by=None)
    assert client.get(reverse("plans:pack_download", args=[meeting.pk])).status_code == 200
    assert client.post(reverse("plans:pack_send", args=[meeting.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("plans:pack_download", args=[meeting.pk])).status_code == 302  # to sign in


def test_deleting_a_meeting_deletes_its_sent_packs_stored_files(client, ncl, django_capture_on_commit_callbacks):
    meeting = world.meeting(ncl, days_ahead=2)
    sent, _ = sent_packs.keep(meeting=meeting, by=None)
    stored = sent.word.storage
    assert stored.exists(sent.word.name)
    client.force_login(world.coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:meeting_delete", args=[meeting.pk]))
    assert not SentPack.objects.exists() and not stored.exists(sent.word.name)


def test_deleting_a_meeting_whose_pack_was_sent_says_the_sent_files_go_too(client, ncl):
    meeting = world.meeting(ncl, days_ahead=2)
    client.force_login(world.coordinator())
    client.post(reverse("plans:pack_send", args=[meeting.pk]))
    page = words(client.get(reverse("plans:meeting_delete", args=[meeting.pk])))
    assert f"Its pack was sent on {timezone.localdate():%-d %B %Y} (v.2): the Word files sent will be deleted" in page
    other = world.meeting(ncl, days_ahead=9)
    assert "Its pack was sent" not in words(client.get(reverse("plans:meeting_delete", args=[other.pk])))


def test_a_sent_packs_print_view_says_on_paper_too_that_it_is_the_plan_now_and_where_the_sent_pack_is(client, ncl):
    meeting = world.meeting(ncl, days_ahead=2)
    client.force_login(world.coordinator())
    client.post(reverse("plans:pack_send", args=[meeting.pk]))
    page = words(client.get(reverse("plans:pack_print", args=[meeting.pk])))
    notice = re.search(r"<p([^>]*)>([^<]*This shows the plan as it is now[^<]*)</p>", page)
    assert notice and "print-hide" not in notice.group(1)  # printed, not only on the screen
    said = notice.group(2)
    assert f"not the pack as sent on {timezone.localdate():%-d %B %Y} (v.2)" in said
    assert f"{settings.PORTAL_BASE_URL}{meeting.get_absolute_url()}" in said


PACK_LINKS = {
    "The meeting pack and its shortlist of practice": "plans:pack",
    "Download the pack (Word)": "plans:pack_download",
    "Print view": "plans:pack_print",
    "Send the pack": "plans:pack_send",
}


@pytest.mark.parametrize(
    ("reader", "offered"),
    [
        (lambda: factories.lead("Camden"), set()),
        (world.director, {"plans:pack", "plans:pack_download", "plans:pack_print"}),
        (world.coordinator, set(PACK_LINKS.values())),
    ],
)
def test_a_meeting_page_offers_only_the_pack_links_its_reader_may_follow(client, ncl, reader, offered):
    meeting = world.meeting(ncl, days_ahead=2)
    client.force_login(reader())
    page = words(client.get(meeting.get_absolute_url()))
    shown = {name for words_, name in PACK_LINKS.items() if f"{words_}</a>" in page}
    assert shown == offered
    for name in PACK_LINKS.values():
        expected = 200 if name in offered else 403
        assert client.get(reverse(name, args=[meeting.pk])).status_code == expected, name
