"""Starting an empty plan and changing a plan's title and sharing; London as a whole on import; a version with
nothing changed is not saved again; the pack buttons say what is in the pack and, with several meetings, are one
control."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import services
from plans.models import Plan, PlanEvent
from plans.plan_forms import PlanForm
from tests import factories
from tests.plans import world
from tests.plans.test_import_context_plans import EAST

pytestmark = pytest.mark.django_db


def test_a_coordinator_starts_an_empty_plan_for_their_sub_region(client):
    client.force_login(world.coordinator())
    region = world.region("North Central London")
    response = client.post(reverse("plans:plan_create"), {"sub_region": region.pk, "title": "Workforce plan 2027"})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert (plan.sub_region, plan.title, plan.shared_across_london) == (region, "Workforce plan 2027", False)
    assert "This plan has no areas yet" in world.words_of(client.get(response.url))


def test_only_moderators_start_a_plan_for_london_as_a_whole(client):
    client.force_login(world.coordinator())
    page = world.words_of(client.post(reverse("plans:plan_create"), {"sub_region": "", "title": "London's plan"}))
    assert "Select the sub-region whose plan this is" in page and not Plan.objects.exists()
    client.force_login(factories.moderator())
    assert "London as a whole" in world.words_of(client.get(reverse("plans:plan_create")))
    client.post(reverse("plans:plan_create"), {"sub_region": "", "title": "London's plan"})
    assert Plan.objects.get().sub_region is None


def test_a_plan_title_with_a_hidden_character_is_refused(client):
    client.force_login(world.coordinator())
    region = world.region("North Central London")
    page = world.words_of(client.post(reverse("plans:plan_create"), {"sub_region": region.pk, "title": "Plan\u202e"}))
    assert "There is a problem" in page and not Plan.objects.exists()


def test_a_coordinator_changes_the_title_and_shares_the_plan_across_london(client):
    plan = world.north_central()
    client.force_login(world.coordinator())
    response = client.post(
        reverse("plans:plan_edit", args=[plan.pk]),
        {"title": "NCL plan", "shared_across_london": "on", "shown_title": plan.title, "shown_shared": "no"},
    )
    plan.refresh_from_db()
    assert response.status_code == 302 and (plan.title, plan.shared_across_london) == ("NCL plan", True)
    assert PlanEvent.objects.filter(
        plan=plan, description__startswith="Plan changed (title, shared across London)"
    ).exists()
    client.force_login(world.coordinator("East London"))
    assert client.get(plan.get_absolute_url()).status_code == 200  # shared: everyone signed in reads it
    assert client.get(reverse("plans:plan_edit", args=[plan.pk])).status_code == 403


def test_london_as_a_whole_is_offered_on_import_to_those_who_edit_londons_plans(client):
    client.force_login(factories.moderator())
    page = world.words_of(client.get(reverse("plans:plan_import")))
    assert "London as a whole" in page
    upload = SimpleUploadedFile("east.txt", EAST.read_bytes(), content_type="text/plain")
    client.post(reverse("plans:plan_import"), {"file": upload, "sub_region": "", "other_region": "on"})
    assert Plan.objects.get().sub_region is None


def test_saving_a_version_with_nothing_changed_says_so_and_saves_none(client):
    plan = world.north_central()
    client.force_login(world.coordinator())
    response = client.post(reverse("plans:plan_version_save", args=[plan.pk]), {"note": ""}, follow=True)
    assert "Nothing has changed since v.2, so no new version was saved" in world.words_of(response)
    assert list(plan.versions.values_list("number", flat=True)) == [2]


def test_the_entry_page_says_an_entry_is_in_the_pack_and_offers_to_take_it_out(client):
    plan = world.north_central()
    meeting = world.meeting(plan)
    practice = factories.published("Mentoring", "Camden", "youth-justice")
    client.force_login(world.coordinator())
    services.add_to_pack(meeting=meeting, practice=practice, by=None)
    page = world.words_of(client.get(practice.get_absolute_url()))
    assert f"In the pack for the {meeting}" in page and "Add to the pack" not in page
    item = meeting.pack_items.get()
    raw = world.html_of(client.get(practice.get_absolute_url()))
    assert f'name="item" value="{item.pk}"' in raw
    response = client.post(reverse("plans:pack_remove"), {"item": item.pk, "next": practice.get_absolute_url()})
    assert response.url == practice.get_absolute_url() and not meeting.pack_items.exists()


def test_browse_shows_in_the_pack_once_added(client):
    plan = world.north_central()
    meeting = world.meeting(plan)
    practice = factories.published("Mentoring", "Camden", "youth-justice")
    client.force_login(world.coordinator())
    assert "Add to the pack" in world.words_of(client.get(reverse("practice_list")))
    client.post(reverse("plans:pack_add"), {"meeting": meeting.pk, "practice": practice.pk})
    page = world.words_of(client.get(reverse("practice_list")))
    assert f"In the pack for the {meeting}" in page


def test_with_several_meetings_one_choice_and_one_button(client):
    plan = world.north_central()
    first, second = world.meeting(plan, days_ahead=7), world.meeting(plan, days_ahead=35)
    practice = factories.published("Mentoring", "Camden", "youth-justice")
    client.force_login(world.coordinator())
    raw = world.html_of(client.get(practice.get_absolute_url()))
    assert raw.count('>Add to the pack<span class="visually-hidden">') == 1
    assert f'<select name="meeting_{practice.pk}"' in raw
    assert f'<option value="{first.pk}">' in raw and f'<option value="{second.pk}">' in raw
    client.post(reverse("plans:pack_add"), {f"meeting_{practice.pk}": second.pk, "practice": practice.pk})
    assert not first.pack_items.exists() and second.pack_items.get().practice == practice


def test_starting_a_plan_with_the_title_of_one_in_its_sub_region_is_refused(client):
    existing = world.north_central()
    client.force_login(world.coordinator())
    sent = {"sub_region": existing.sub_region.pk, "title": f" {existing.title.upper()} "}
    page = world.words_of(client.post(reverse("plans:plan_create"), sent))
    assert f"North Central London already has a plan called ‘{existing.title}’" in page
    assert Plan.objects.count() == 1
    other = {"sub_region": world.region("East London").pk, "title": existing.title}
    client.force_login(world.coordinator("East London"))
    assert client.post(reverse("plans:plan_create"), other).status_code == 302


def test_renaming_a_plan_to_the_title_of_another_in_its_sub_region_or_london_is_refused(client):
    existing = world.north_central()
    other = Plan.objects.create(sub_region=existing.sub_region, title="Another plan")
    client.force_login(world.coordinator())
    sent = {"title": existing.title.lower(), **PlanForm.shown(other)}
    page = world.words_of(client.post(reverse("plans:plan_edit", args=[other.pk]), sent))
    assert f"North Central London already has a plan called ‘{existing.title}’" in page
    assert Plan.objects.get(pk=other.pk).title == "Another plan"
    client.force_login(factories.moderator())
    assert client.post(reverse("plans:plan_create"), {"sub_region": "", "title": "London's plan"}).status_code == 302
    page = world.words_of(client.post(reverse("plans:plan_create"), {"sub_region": "", "title": "LONDON'S PLAN"}))
    assert "London as a whole already has a plan called ‘London's plan’" in page
    assert Plan.objects.filter(sub_region=None).count() == 1
