"""Two people at once: a clash shows what the other saved, by whom and when, beside what you typed (kept); adding
an update never clashes, only changing the action's own fields or status does."""

import pytest
from django.urls import reverse

from plans import services
from plans.models import Action, Area, Plan
from tests.plans import world
from tests.plans.test_meetings_and_pack import meeting_form
from tests.plans.test_plan_pages import edit_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def ncl():
    return world.north_central()


def test_an_action_edit_after_someone_else_saved_shows_their_changes_beside_yours(client, ncl):
    action = world.first_action(ncl)
    client.force_login(world.coordinator())
    data = edit_form(action, what="My rewording")
    other = world.coordinator(first_name="Olu", last_name="Ade")
    services.edit_action(action=action, by=other, seen_version=action.version, what="Their rewording")
    page = world.words_of(client.post(reverse("plans:action_edit", args=[action.pk]), data))
    assert "Someone else changed this action" in page
    assert "Olu Ade saved a change at" in page
    assert "Action Theirs: Their rewording Yours: My rewording" in page
    assert Action.objects.get(pk=action.pk).what == "Their rewording"
    again = client.post(reverse("plans:action_edit", args=[action.pk]), {**data, "version": action.version + 1})
    assert again.status_code == 302 and Action.objects.get(pk=action.pk).what == "My rewording"


def test_after_a_clash_the_page_carries_the_version_now_so_saving_again_works(client, ncl):
    action = world.first_action(ncl)
    client.force_login(world.coordinator())
    data = edit_form(action, what="My rewording")
    services.edit_action(action=action, by=None, seen_version=action.version, what="Their rewording")
    response = client.post(reverse("plans:action_edit", args=[action.pk]), data)
    current = Action.objects.get(pk=action.pk).version
    assert f'name="version" value="{current}"' in response.content.decode()


def test_an_area_edit_after_someone_else_saved_is_refused_and_shows_their_changes(client, ncl):
    client.force_login(world.coordinator())
    area = ncl.areas.get(number=2)
    url = reverse("plans:area_edit", args=[ncl.pk, 2])
    seen = client.get(url).context["form"]["version"].value()
    services.edit_area(
        area=area, by=world.coordinator(first_name="Olu", last_name="Ade"), seen_version=seen, title="Theirs", why=""
    )
    page = world.words_of(client.post(url, {"title": "Mine", "why": "", "version": seen}))
    assert "Someone else changed this area" in page and "Olu Ade saved a change at" in page
    assert "Area for collaboration Theirs: Theirs Yours: Mine" in page
    assert Area.objects.get(pk=area.pk).title == "Theirs"


def test_an_area_form_without_its_version_is_refused(client, ncl):
    client.force_login(world.coordinator())
    page = world.words_of(client.post(reverse("plans:area_edit", args=[ncl.pk, 2]), {"title": "Mine", "why": ""}))
    assert "There is a problem" in page and Area.objects.get(plan=ncl, number=2).title != "Mine"


def test_two_directors_adding_updates_at_once_both_succeed(client, ncl):
    action = world.first_action(ncl)
    seen = action.version
    first, second = world.director(), world.director()
    services.edit_action(
        action=action, by=None, seen_version=None, owners=[services.OwnerChoice("directors", name="All")]
    )
    seen = Action.objects.get(pk=action.pk).version
    for director, text in ((first, "Data shared with Camden"), (second, "Data shared with Islington")):
        client.force_login(director)
        response = client.post(
            reverse("plans:action_update", args=[action.pk]),
            {"text": text, "status": action.status, "version": seen} | world.written_today(),
        )
        assert response.status_code == 302
    assert {"Data shared with Camden", "Data shared with Islington"} <= set(
        action.updates.values_list("text", flat=True)
    )


def test_changing_the_status_after_someone_else_did_clashes(client, ncl):
    action = world.first_action(ncl)
    seen = action.version
    services.add_update(
        action=action, by=None, seen_version=seen, text="Stuck", status="blocked", blocked_reason="Police"
    )
    client.force_login(world.coordinator())
    page = world.words_of(
        client.post(
            reverse("plans:action_update", args=[action.pk]),
            {"text": "Done now", "status": "done", "version": seen} | world.written_today(),
        )
    )
    assert "Someone else changed this action" in page and "Done now" in page
    assert "Status Theirs: Blocked: Police Yours: Done" in page
    assert Action.objects.get(pk=action.pk).status == "blocked"


def test_the_meeting_page_names_each_action_that_clashed_and_keeps_everything_typed(client, ncl):
    meeting = world.meeting(ncl, days_ahead=0)
    data_action, youth_justice, third = Action.objects.filter(area__plan=ncl).open()[:3]
    client.force_login(world.coordinator())
    typed = {data_action: ("Shared", "done"), youth_justice: ("Met", "done"), third: ("Talked", third.status)}
    data = meeting_form(meeting, typed)
    for action in (data_action, youth_justice):
        services.edit_action(action=action, by=None, seen_version=None, status="dropped")
    response = client.post(meeting.get_absolute_url(), data)
    summary = [message for _, message in response.context["errors"]]
    assert len(summary) == 2
    assert summary[0].startswith(f"{data_action.number} {data_action.what.split()[0]}")
    assert summary[1].startswith(f"{youth_justice.number} {youth_justice.what.split()[0]}")
    page = world.words_of(response)
    assert "Shared" in page and "Met" in page and "Talked" in page
    assert not meeting.updates.exists()


def test_a_clash_on_the_meeting_page_shows_the_update_they_wrote_with_their_change(client, ncl):
    meeting = world.meeting(ncl, days_ahead=0)
    action = Action.objects.filter(area__plan=ncl).open().first()
    client.force_login(world.coordinator())
    data = meeting_form(meeting, {action: ("Agreed to finish it", "done")})
    services.add_update(action=action, by=None, seen_version=None, text="B marks it dropped", status="dropped")
    page = world.words_of(client.post(meeting.get_absolute_url(), data))
    assert "Theirs: B marks it dropped" in page and "Agreed to finish it" in page


def test_on_the_meeting_page_updates_without_a_change_of_status_never_clash(client, ncl):
    meeting = world.meeting(ncl, days_ahead=0)
    action = Action.objects.filter(area__plan=ncl).open().first()
    client.force_login(world.coordinator())
    data = meeting_form(meeting, {action: ("Discussed again", action.status)})
    services.add_update(action=action, by=None, seen_version=None, text="Added by a director meanwhile")
    assert client.post(meeting.get_absolute_url(), data).status_code == 302
    assert meeting.updates.get().text == "Discussed again"


def test_a_plan_title_change_after_someone_else_saved_shows_theirs_and_keeps_yours(client, ncl):
    client.force_login(world.coordinator())
    url = reverse("plans:plan_edit", args=[ncl.pk])
    shown = {field.name: field.value() for field in client.get(url).context["form"].hidden_fields()}
    other = world.coordinator(first_name="Maya", last_name="Shah")
    services.edit_plan(plan=ncl, by=other, title="Title from B", shared_across_london=True)
    response = client.post(url, {**shown, "title": "Title from A"})
    page = world.words_of(response)
    assert "Someone else changed this plan" in page and "Maya Shah saved a change at" in page
    assert "Title Theirs: Title from B Yours: Title from A" in page
    assert "Shared across London Theirs: Yes Yours: No" in page
    ncl.refresh_from_db()
    assert (ncl.title, ncl.shared_across_london) == ("Title from B", True)
    again = {field.name: field.value() for field in response.context["form"].hidden_fields()}
    assert client.post(url, {**again, "title": "Title from A"}).status_code == 302
    ncl.refresh_from_db()
    assert (ncl.title, ncl.shared_across_london) == ("Title from A", False)


def test_a_plan_change_elsewhere_in_the_plan_does_not_clash_with_its_title(client, ncl):
    client.force_login(world.coordinator())
    url = reverse("plans:plan_edit", args=[ncl.pk])
    shown = {field.name: field.value() for field in client.get(url).context["form"].hidden_fields()}
    services.edit_area(area=ncl.areas.get(number=2), by=None, title="Theirs", why="")
    assert client.post(url, {**shown, "title": "Title from A"}).status_code == 302


def test_a_plan_form_that_does_not_say_what_it_showed_is_refused(client, ncl):
    client.force_login(world.coordinator())
    page = world.words_of(client.post(reverse("plans:plan_edit", args=[ncl.pk]), {"title": "Mine"}))
    assert "There is a problem" in page and Plan.objects.get(pk=ncl.pk).title != "Mine"
