"""The owners' own wording from the document is kept and shown beside the matched owners on the plan page, and in
its place in the pack and its print view (the owner once, as a paper gives it); updates read from the document say
so."""

import io

import pytest
from django.urls import reverse
from docx import Document

from plans.models import Action, Update
from tests.plans import world

pytestmark = pytest.mark.django_db

ANNE = "Anne (through NCL HOSI)"
ALL_DCS = "all DCS, with particular reference to input from Anne and Ben from adolescent safeguarding"
BEN = "Ben to bring back to DCS’s in September in order to inform discussion"


@pytest.fixture
def ncl():
    return world.north_central()


def test_the_plan_page_shows_the_owners_as_written_beside_the_owners_matched(client, ncl):
    client.force_login(world.director())
    page = world.words_of(client.get(ncl.get_absolute_url()))
    assert f"Anne As written: {ANNE}" in page
    assert f"All North Central London DCSs As written: {ALL_DCS}" in page
    assert f"As written: {BEN}" in page


def test_the_pack_and_its_print_view_give_the_owner_once_in_the_documents_wording_with_its_deadline(client, ncl):
    meeting = world.meeting(ncl)
    client.force_login(world.coordinator())
    printed = world.words_of(client.get(reverse("plans:pack_print", args=[meeting.pk])))
    assert f"Owner: {ANNE} ·" in printed and f"Owner: {BEN}" in printed and ALL_DCS in printed
    assert "as written" not in printed.lower()
    response = client.get(reverse("plans:pack_download", args=[meeting.pk]))
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert f"Owner: {ANNE}" in paragraphs and "Owner: Anne" not in paragraphs
    assert any(p.startswith(f"Owner: {BEN}") for p in paragraphs)
    assert not any("as written" in p.lower() for p in paragraphs)


def test_owners_named_by_an_action_owner_line_are_not_written_twice(client):
    plan = world.east()
    client.force_login(world.coordinator("East London"))
    page = world.words_of(client.get(plan.get_absolute_url()))
    assert "As written: Ben to circulate pro-forma" not in page  # the action is that line: it is shown once
    assert "As written: DCSs / LIIA." in page


def test_updates_from_the_document_say_they_were_imported_not_recorded(client):
    coordinator = world.coordinator(first_name="Carla", last_name="Jones")
    client.force_login(coordinator)
    client.post(
        reverse("plans:plan_import"),
        {"file": open(world.NORTH_CENTRAL, "rb"), "sub_region": world.region("North Central London").pk},
    )
    update = Update.objects.get(text__startswith="Carmel to share research")
    page = world.words_of(client.get(update.action.get_absolute_url()))
    assert f"From the document, imported by Carla Jones on {update.recorded_at:%-d %B %Y}" in page
    assert "Recorded by Carla Jones" not in page


def test_the_owners_wording_is_kept_whole_however_long(tmp_path):
    long_owners = "Anne, " + "with the heads of service of every borough, " * 8 + "to report back by March 2027"
    plan_file = tmp_path / "plan.txt"
    plan_file.write_text(f"Our plan\n\n1. Data\n\nAction: Share the data\n\nOwner: {long_owners}\n")
    world.import_plan(plan_file, "North Central London")
    assert len(long_owners) > 300
    assert Action.objects.get().owners_text == long_owners  # the deadline at its end too


def test_owners_as_written_that_read_the_same_as_the_owners_are_not_printed_and_one_owner_is_owner(client, ncl):
    action = Action.objects.filter(area__plan=ncl, owners_text=ANNE).get()
    action.owners.update(name="Zed Zephyr")
    Action.objects.filter(pk=action.pk).update(owners_text=" zed  zephyr. ")
    meeting = world.meeting(ncl)
    client.force_login(world.coordinator())
    printed = world.words_of(client.get(reverse("plans:pack_print", args=[meeting.pk])))
    assert "Owner: Zed Zephyr" in printed and "written: zed" not in printed
    response = client.get(reverse("plans:pack_download", args=[meeting.pk]))
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert "Owner: Zed Zephyr" in paragraphs and not any("written: zed" in p for p in paragraphs)
    assert "As written: zed" not in world.words_of(client.get(ncl.get_absolute_url()))
