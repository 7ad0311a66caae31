"""Reading and changing a plan on the portal: the plan page, actions, updates, My actions, importing and versions."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountEvent
from plans import services
from plans.models import Action, Plan, PlanEvent
from tests import factories
from tests.plans import world
from tests.plans.test_import_context_plans import NORTH_CENTRAL

pytestmark = pytest.mark.django_db


def text_of(response):
    return " ".join(response.content.decode().split())


def test_the_plan_page_reads_like_the_word_document(client):
    plan = world.north_central()
    client.force_login(world.director())
    page = text_of(client.get(plan.get_absolute_url()))
    assert page.index("1. Understanding and analysing the scale") < page.index("2. Youth justice responses")
    assert "<dt>Owners</dt><dd>Tony; Martin" in page
    assert "16/07/20</time>:</strong> Carmel to share research undertaken by City University" in page
    assert "In progress" in page and "v.2" in page


def test_a_coordinator_adds_an_action_owned_by_a_director_with_a_due_date(client):
    plan, coordinator, director = world.north_central(), world.coordinator(), world.director()
    client.force_login(coordinator)
    due = timezone.localdate() + timedelta(days=5)
    response = client.post(
        reverse("plans:action_create", args=[plan.pk, 2]),
        {
            "what": "Share the YOS heads of service terms of reference",
            "owner_people": [director.pk],
            "due_on_day": due.day,
            "due_on_month": due.month,
            "due_on_year": due.year,
        },
    )
    action = Action.objects.get(what__startswith="Share the YOS")
    assert response.status_code == 302 and action.due_on == due
    assert [owner.user for owner in action.owners.all()] == [director]
    assert PlanEvent.objects.filter(action=action, actor=coordinator, description__startswith="Action added").exists()
    client.force_login(director)
    mine = text_of(client.get(reverse("plans:my_actions")))
    assert "Due in the next two weeks" in mine and "Share the YOS heads of service terms of reference" in mine


def test_an_action_form_with_errors_keeps_what_was_typed(client):
    plan = world.north_central()
    client.force_login(world.coordinator())
    response = client.post(
        reverse("plans:action_create", args=[plan.pk, 1]),
        {"what": "", "owner_names": "The alliance", "due_on_day": "31", "due_on_month": "2", "due_on_year": "2027"},
    )
    page = text_of(response)
    assert "There is a problem" in page and "Enter the action" in page and "The due date must be a real date" in page
    assert 'value="The alliance"' in page


def test_a_director_adds_an_update_to_an_action_they_own_but_cannot_change_the_action(client):
    plan, director = world.north_central(), world.director()
    competence = plan.areas.get(number=3).actions.get()  # "all NCL DCSs"
    client.force_login(director)
    response = client.post(
        reverse("plans:action_update", args=[competence.pk]),
        {
            "text": "Staff College framework shared with the DSLs",
            "status": "in_progress",
            "version": competence.version,
            **world.written_today(),
        },
    )
    assert response.status_code == 302
    assert competence.updates.first().text == "Staff College framework shared with the DSLs"
    assert client.get(reverse("plans:action_edit", args=[competence.pk])).status_code == 403


def test_a_change_of_status_on_an_action_changed_meanwhile_is_not_saved_and_keeps_the_text(client):
    plan = world.north_central()
    action = world.first_action(plan)
    client.force_login(world.coordinator())
    services.edit_action(action=action, by=None, seen_version=None, status="blocked", blocked_reason="Police")
    response = client.post(
        reverse("plans:action_update", args=[action.pk]),
        {"text": "My words", "status": "done", "version": action.version, "shown_status": "in_progress"}
        | world.written_today(),
    )
    page = text_of(response)
    assert "Someone else changed this action while you were editing it" in page and "My words" in page
    assert action.updates.count() == 1


def test_a_blocked_status_needs_a_reason(client):
    plan = world.north_central()
    action = world.first_action(plan)
    client.force_login(world.coordinator())
    page = text_of(
        client.post(
            reverse("plans:action_update", args=[action.pk]),
            {"text": "Waiting", "status": "blocked", "version": action.version} | world.written_today(),
        )
    )
    assert "Say why the action is blocked" in page


def test_a_coordinator_imports_a_plan_through_the_upload_page(client):
    client.force_login(world.coordinator())
    upload = SimpleUploadedFile("ncl-v2.txt", NORTH_CENTRAL.read_bytes(), content_type="text/plain")
    response = client.post(
        reverse("plans:plan_import"), {"file": upload, "sub_region": world.region("North Central London").pk}
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert "5 areas, 5 actions, 5 dated updates, 6 owners" in text_of(client.get(response.url))


def test_an_unreadable_plan_file_is_refused_on_the_upload_page_and_nothing_is_saved(client):
    client.force_login(world.coordinator())
    upload = SimpleUploadedFile("plan.txt", b"Our plan\n\n31/02/20: met\n", content_type="text/plain")
    page = text_of(
        client.post(
            reverse("plans:plan_import"), {"file": upload, "sub_region": world.region("North Central London").pk}
        )
    )
    assert "There is a problem" in page and "‘31/02/20’ is not a date" in page
    assert not Plan.objects.exists()


def test_a_coordinator_can_only_import_for_their_own_sub_region(client):
    client.force_login(world.coordinator("East London"))
    upload = SimpleUploadedFile("ncl.txt", NORTH_CENTRAL.read_bytes(), content_type="text/plain")
    page = text_of(
        client.post(
            reverse("plans:plan_import"), {"file": upload, "sub_region": world.region("North Central London").pk}
        )
    )
    assert "Select a valid choice" in page and not Plan.objects.exists()


def test_versions_compare_what_changed_between_v2_and_v3(client):
    plan = world.north_central()
    client.force_login(world.coordinator())
    action = world.first_action(plan)
    client.post(
        reverse("plans:action_update", args=[action.pk]),
        {"text": "First cut of the data shared", "status": "done", "version": action.version} | world.written_today(),
    )
    client.post(reverse("plans:plan_version_save", args=[plan.pk]), {"note": "after the September meeting"})
    page = text_of(client.get(reverse("plans:plan_versions", args=[plan.pk])))
    assert "What changed from v.2 to v.3" in page
    assert f"Added: </span> {timezone.localdate():%d/%m/%y}: First cut of the data shared" in page
    assert "Taken out: </span> Status: In progress" in page and "Added: </span> Status: Done" in page


def test_giving_someone_the_coordinator_role_goes_in_the_account_audit():
    coordinator = world.coordinator(email="kim@example.org")
    assert AccountEvent.objects.filter(
        user=coordinator, description="kim@example.org made Coordinator (edits the plan) for North Central London"
    ).exists()


def edit_form(action, **changes):
    """The action's edit form as a browser sends it back, with the due date it shows (one read from the document's
    words, "in September", included)."""
    due = action.due_on
    return {
        "what": action.what,
        "activity": action.activity,
        "status": action.status,
        "blocked_reason": action.blocked_reason,
        "owner_names": "Ben",
        "version": action.version,
        "due_by_meeting": action.due_by_meeting,
        **({"due_on_day": due.day, "due_on_month": due.month, "due_on_year": due.year} if due else {}),
        **changes,
    }


def test_a_coordinator_blocks_an_action_and_links_the_practice_and_call_it_draws_on(client):
    plan = world.north_central()
    action = world.first_action(plan)
    practice = factories.published("Stop and search through a safeguarding lens", "Haringey", "youth-justice")
    call = factories.call(["Haringey"], title="North Central London: youth justice practice")
    client.force_login(world.coordinator())
    data = edit_form(
        action,
        status="blocked",
        blocked_reason="Waiting for the data-sharing agreement",
        owner_groups=["directors"],
        practice_numbers=f"{practice.pk}, {practice.pk}",
        calls=[call.pk],
    )
    assert client.post(reverse("plans:action_edit", args=[action.pk]), data).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.blocked_reason) == ("blocked", "Waiting for the data-sharing agreement")
    assert [str(owner) for owner in action.owners.all()] == ["All North Central London DCSs", "Ben"]
    assert (list(action.practices.all()), list(action.calls.all())) == ([practice], [call])
    page = text_of(client.get(action.get_absolute_url()))
    assert (
        "Stop and search through a safeguarding lens" in page and "North Central London: youth justice practice" in page
    )


@pytest.mark.parametrize("numbers", ["12345", "abc", "١"])
def test_practice_numbers_that_are_not_published_entries_are_refused(client, numbers):
    plan = world.north_central()
    action = world.first_action(plan)
    client.force_login(world.coordinator())
    page = text_of(
        client.post(reverse("plans:action_edit", args=[action.pk]), edit_form(action, practice_numbers=numbers))
    )
    assert "Enter the numbers of published practice entries" in page


def test_an_edit_after_someone_else_changed_the_action_is_refused_and_keeps_what_was_typed(client):
    plan = world.north_central()
    action = world.first_action(plan)
    client.force_login(world.coordinator())
    data = edit_form(action, what="My rewording")
    services.edit_action(action=action, by=None, seen_version=None, what="Meanwhile")
    page = text_of(client.post(reverse("plans:action_edit", args=[action.pk]), data))
    assert "Someone else changed this action" in page and "My rewording" in page
    assert Action.objects.get(pk=action.pk).what != "My rewording"


def test_the_audit_names_only_what_an_edit_changed(client):
    plan = world.north_central()
    action = world.first_action(plan)
    client.force_login(world.coordinator())
    client.post(reverse("plans:action_edit", args=[action.pk]), edit_form(action, what="Reworded"))
    assert plan.events.filter(action=action).first().description == "Action changed (what): Reworded"


def test_a_coordinator_adds_an_area_and_renames_one(client):
    plan = world.north_central()
    client.force_login(world.coordinator())
    response = client.post(reverse("plans:area_create", args=[plan.pk]), {"title": "Workforce and leadership"})
    assert response.url == f"{plan.get_absolute_url()}#area-6"
    client.post(
        reverse("plans:area_edit", args=[plan.pk, 2]),
        {"title": "Youth justice", "why": "Outcomes differ", "version": 1},
    )
    titles = dict(plan.areas.values_list("number", "title"))
    assert (len(titles), titles[2], titles[6]) == (6, "Youth justice", "Workforce and leadership")
    assert titles[3].startswith("Consider undertaking ‘cultural competence’")
    assert PlanEvent.objects.filter(plan=plan, description="Area 2 changed (title, why): Youth justice").exists()
    page = text_of(client.post(reverse("plans:area_create", args=[plan.pk]), {"title": ""}))
    assert "Enter the area for collaboration" in page


def test_a_status_only_update_reads_as_a_change_of_status_in_the_versions(client):
    plan = world.north_central()
    client.force_login(world.coordinator())
    action = world.first_action(plan)
    services.add_update(action=action, by=None, seen_version=None, text="", status="done")
    client.post(reverse("plans:plan_version_save", args=[plan.pk]), {"note": ""})
    page = text_of(client.get(reverse("plans:plan_versions", args=[plan.pk])))
    assert f"Added: </span> {timezone.localdate():%d/%m/%y}: Status changed to done" in page


def test_an_owner_changes_only_the_status_and_it_is_recorded_as_the_meeting_page_does(client):
    plan = world.north_central()
    action = world.first_action(plan)
    client.force_login(world.coordinator())
    url = reverse("plans:action_update", args=[action.pk])
    sent = {"text": "", "status": "blocked", "blocked_reason": "Waiting for the police", "version": action.version}
    sent |= world.written_today()
    assert client.post(url, sent).status_code == 302
    update = action.updates.latest("pk")
    assert (update.text, update.status) == ("", "blocked")
    assert "Status changed to blocked" in world.words_of(client.get(action.get_absolute_url()))
    action.refresh_from_db()
    count, unchanged = action.updates.count(), {**sent, "version": action.version, "shown_status": "blocked"}
    page = world.words_of(client.post(url, unchanged))
    assert "Write the update, or change the status" in page and action.updates.count() == count
