"""People leave: their accounts are deactivated in the admin, and if one is deleted anyway
(from the shell, or a retention job) every page that showed what they did still shows it."""

import pytest
from django.contrib.admin import site as admin_site
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse

from accounts.models import AccountEvent
from calls import services as call_services
from calls.models import Call
from submissions import services
from submissions.models import Event, Practice, Snapshot, ThemeSuggestion
from tests.factories import PracticeFactory, UserFactory, admin, call, dcs, lead, moderator
from tests.portal.test_url_access import make_world, walk_every_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def departed_lead():
    """A Hackney lead who submitted an entry, had it published and suggested a theme, then left."""
    return lead("Hackney", email="departed@example.org", first_name="Dee", last_name="Parted")


@pytest.fixture
def their_entry(departed_lead):
    practice = PracticeFactory(created_by=departed_lead)
    practice = services.submit_practice(practice=practice, by=departed_lead)
    return services.publish_practice(
        practice=practice, by=moderator(email="maya@example.org"), seen_version=practice.version
    )


def delete(user):
    """As a retention job would, then check no row was left pointing at the account."""
    user.delete()
    connection.check_constraints()


def test_the_leads_entry_page_names_a_deleted_account_in_its_history(client, departed_lead, their_entry):
    delete(departed_lead)
    client.force_login(lead("Hackney", email="successor@example.org"))

    response = client.get(reverse("submission_detail", args=[their_entry.pk]))

    assert response.status_code == 200
    assert "Submitted</strong> by a deleted account" in response.content.decode()


def test_the_review_page_names_a_deleted_account_in_its_history(client, departed_lead, their_entry):
    delete(departed_lead)
    client.force_login(moderator())

    response = client.get(reverse("review", args=[their_entry.pk]))

    assert response.status_code == 200
    assert "Submitted</strong> by a deleted account" in response.content.decode()
    assert "Published</strong> by Sam Tester" in response.content.decode()


def test_deleting_a_moderator_keeps_their_decisions_readable(client, their_entry):
    decider = User.objects.get(email="maya@example.org")
    delete(decider)
    client.force_login(lead("Hackney", email="successor@example.org"))

    page = client.get(reverse("submission_detail", args=[their_entry.pk])).content.decode()

    assert "Published</strong> by a deleted account" in page
    assert str(Event.objects.get(action=Event.Action.PUBLISHED)).startswith("Published by a deleted account")


def test_an_entry_imported_from_the_command_line_says_so_rather_than_naming_nobody(client):
    entry = PracticeFactory(created_by=None)
    Event.objects.create(practice=entry, actor=None, action=Event.Action.CREATED, comment="Imported from hackney.docx")
    client.force_login(moderator())

    page = client.get(reverse("review", args=[entry.pk])).content.decode()

    assert "Created</strong> by the proforma import" in page


def test_deleting_a_lead_is_recorded_and_leaves_no_dangling_account_events(departed_lead, their_entry):
    delete(departed_lead)

    assert AccountEvent.objects.filter(description="Account deleted: departed@example.org", user=None).exists()
    assert AccountEvent.objects.filter(
        description="departed@example.org no longer a lead for Hackney", user=None
    ).exists()


def test_every_page_that_showed_a_deleted_persons_work_still_renders(client, departed_lead, their_entry):
    made = call(["Hackney"], created_by=departed_lead)
    call_services.remind_call(call=made, by=departed_lead)
    their_entry.call = made
    their_entry.save()
    delete(departed_lead)

    pages = {
        "public": [
            reverse("practice_detail", args=[their_entry.pk]),
            reverse("practice_export", args=["csv"]),
            reverse("practice_export", args=["xlsx"]),
            reverse("practice_export", args=["docx"]),
            reverse("api_practice_list"),
            reverse("api_practice_detail", args=[their_entry.pk]),
            reverse("feed"),
        ],
        "moderator": [
            reverse("review", args=[their_entry.pk]),
            reverse("call_detail", args=[made.pk]),
            reverse("call_returns", args=[made.pk]),
            reverse("call_returns_csv", args=[made.pk]),
            reverse("call_list"),
            reverse("coverage"),
        ],
        "admin": [
            reverse("admin:submissions_practice_change", args=[their_entry.pk]),
            reverse("admin:calls_call_change", args=[made.pk]),
            reverse("admin:accounts_accountevent_changelist"),
            reverse("admin:index"),
        ],
    }
    for who, urls in pages.items():
        client.logout()
        if who != "public":
            client.force_login(moderator() if who == "moderator" else admin())
        for url in urls:
            assert client.get(url).status_code == 200, (who, url)
    assert "a deleted account" in client.get(pages["admin"][0]).content.decode()
    client.force_login(dcs())
    assert client.get(reverse("practice_detail", args=[their_entry.pk])).status_code == 200


def test_the_admin_deactivates_accounts_instead_of_deleting_them(client, departed_lead):
    client.force_login(admin(is_superuser=True))
    change = reverse("admin:auth_user_change", args=[departed_lead.pk])

    delete_page = reverse("admin:auth_user_delete", args=[departed_lead.pk])
    assert delete_page not in client.get(change).content.decode()
    assert client.post(delete_page, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "delete_selected" not in changelist

    client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [departed_lead.pk]},
    )

    departed_lead.refresh_from_db()
    assert departed_lead.is_active is False
    assert AccountEvent.objects.filter(description="departed@example.org: account active off").exists()


@pytest.fixture
def world_whose_actors_have_gone(db):
    """The URL walk's world, where everything done to its entries and calls was done by people since deleted."""
    users, objects = make_world()
    leavers = [lead("Hackney", email="left.lead@example.org"), moderator(email="left.moderator@example.org")]
    for pk in (objects["draft"], objects["published"], objects["submitted"]):
        for leaver in leavers:
            Event.objects.create(practice_id=pk, actor=leaver, action=Event.Action.EDITED, comment="Tidied")
        Practice.objects.filter(pk=pk).update(created_by=leavers[0])
    Snapshot.objects.filter(pk=objects["published_version"]).update(created_by=leavers[1])
    ThemeSuggestion.objects.filter(pk=objects["suggestion"]).update(suggested_by=leavers[0], decided_by=leavers[1])
    Call.objects.filter(pk__in=[objects["call"], objects["unopened_call"]]).update(created_by=leavers[1])
    call_services.remind_call(call=Call.objects.get(pk=objects["call"]), by=leavers[1])
    for leaver in leavers:
        delete(leaver)
    return users, objects


# The roles that see who did what: the public (an entry's page), the entries' own lead (their history),
# moderators (the queue, decisions, calls) and admins (the audit). Another borough's lead and a
# director see no more of the leavers than the public does.
@pytest.mark.parametrize("role", ["anonymous", "lead_a", "moderator", "admin"])
def test_every_page_answers_as_before_once_the_people_who_acted_have_gone(client, world_whose_actors_have_gone, role):
    answers, expected = walk_every_page(client, world_whose_actors_have_gone, role)
    assert answers == expected


def test_every_admin_page_of_their_records_still_opens(client, world_whose_actors_have_gone):
    client.force_login(UserFactory(email="chief@example.org", is_superuser=True, is_staff=True))

    for model in admin_site._registry:
        opts = model._meta
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200, model
        for pk in model._default_manager.values_list("pk", flat=True)[:20]:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
            assert client.get(change).status_code == 200, change
