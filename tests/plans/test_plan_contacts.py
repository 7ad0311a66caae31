"""Owners are people: "Ben" in an imported plan is the coordinator called Ben, or a plan contact; contacts are
reminded by email with a signed, expiring link to a page of their own actions, or invited to make an account."""

import io
import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from plans import contact_links, services
from plans.models import Action, Owner, PlanContact
from tests import factories
from tests.plans import world

pytestmark = pytest.mark.django_db

BEN_LINE = "Ben to bring back to DCS’s in September in order to inform discussion"


def ncl_contact(name="Ben Walker", email="ben@liia.example.org", **fields):
    return PlanContact.objects.create(sub_region=world.region("North Central London"), name=name, email=email, **fields)


def bens_action(plan):
    return Action.objects.get(area__plan=plan, owners_text__startswith=BEN_LINE)


def due_in(action, days):
    Action.objects.filter(pk=action.pk).update(due_on=timezone.localdate() + timedelta(days=days))


def send_reminders(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_plan_reminders", stdout=io.StringIO())


def link_in(body):
    return urlsplit(re.search(r"https?://\S+/plans/your-actions/\S+/", body).group(0)).path


def test_ben_in_an_imported_plan_is_the_coordinator_whose_first_name_is_ben():
    ben = world.coordinator(first_name="Ben", last_name="Walker")
    world.coordinator(first_name="Carla", last_name="Jones")
    plan = world.north_central()
    [owner] = bens_action(plan).owners.all()
    assert (owner.kind, owner.user) == (Owner.Kind.PERSON, ben)
    assert bens_action(plan).owners_text.startswith(BEN_LINE)  # the wording as written is kept
    assert bens_action(plan) in Action.objects.owned_by(ben)


def test_ben_in_an_imported_plan_is_the_contact_called_ben_when_no_coordinator_is():
    contact = ncl_contact()
    PlanContact.objects.create(sub_region=world.region("East London"), name="Ben Other", email="other@example.org")
    plan = world.north_central()
    [owner] = bens_action(plan).owners.all()
    assert (owner.kind, owner.contact, str(owner)) == (Owner.Kind.CONTACT, contact, "Ben Walker")


def test_a_name_two_people_answer_to_stays_a_name():
    ncl_contact()
    ncl_contact(name="Ben Okafor", email="ben.o@example.org")
    [owner] = bens_action(world.north_central()).owners.all()
    assert (owner.kind, owner.name, owner.contact) == (Owner.Kind.NAMED, "Ben", None)


def test_a_contact_added_takes_the_actions_owned_by_their_name(client):
    plan = world.north_central()
    client.force_login(world.coordinator())
    response = client.post(
        reverse("plans:contact_list", args=[plan.pk]),
        {"name": "Ben Walker", "email": "ben@liia.example.org", "organisation": "LIIA", "role": "Data lead"},
        follow=True,
    )
    assert "Ben Walker is added to the contacts. They now own action 1.1" in world.words_of(response)
    contact = PlanContact.objects.get()
    assert contact.sub_region == plan.sub_region and bens_action(plan).owners.get().contact == contact
    assert "Ben Walker As written: Ben to bring back" in world.words_of(client.get(plan.get_absolute_url()))


def test_a_contact_form_with_a_bad_email_comes_back_with_a_plain_error(client):
    plan = world.north_central()
    client.force_login(world.coordinator())
    response = client.post(reverse("plans:contact_list", args=[plan.pk]), {"name": "Ben", "email": "ben at liia"})
    assert response.status_code == 200 and "Enter an email address like name@example.org" in response.text
    assert not PlanContact.objects.exists()


def test_a_coordinator_sets_an_actions_owner_to_a_contact(client):
    plan = world.north_central()
    contact = ncl_contact(name="Tony Adams", email="tony@example.org")
    action = world.first_action(plan)
    client.force_login(world.coordinator())
    form = client.get(reverse("plans:action_edit", args=[action.pk]))
    assert "Owners without an account (plan contacts)" in form.text and "Tony Adams" in form.text
    data = {"what": action.what, "status": action.status, "owner_contacts": [contact.pk], "version": action.version}
    assert client.post(reverse("plans:action_edit", args=[action.pk]), data).status_code == 302
    assert [(o.kind, o.contact) for o in action.owners.all()] == [(Owner.Kind.CONTACT, contact)]


def test_a_contact_is_reminded_with_a_link_made_when_sent_that_shows_only_their_actions(
    client, django_capture_on_commit_callbacks
):
    contact = ncl_contact()
    plan = world.north_central()
    action = bens_action(plan)
    due_in(action, 5)
    action.refresh_from_db()
    someone_elses = world.owned_action(plan, factories.UserFactory(), what="Not Ben's to do")
    send_reminders(django_capture_on_commit_callbacks)
    send_reminders(django_capture_on_commit_callbacks)
    [email] = [email for email in mail.outbox if email.to == [contact.email]]
    assert email.subject.startswith(f"Due {action.due_text}: Commission LIIA data analysis")
    stored = OutgoingEmail.objects.get(to=contact.email)
    assert "/plans/your-actions/" not in stored.body and contact_links.CONTACT_ACTIONS_LINK.placeholder in stored.body
    page = client.get(link_in(email.body))
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex, nofollow"
    said = world.words_of(page)
    assert "Your actions, Ben Walker" in said and "North Central London 1.1" in said and "Commission LIIA" in said
    assert someone_elses.what not in said and "Sign out" not in said
    assert '<meta name="robots" content="noindex, nofollow">' in page.text


def test_a_contact_gets_a_weekly_overdue_list_by_email_too(django_capture_on_commit_callbacks):
    contact = ncl_contact()
    due_in(bens_action(world.north_central()), -3)
    send_reminders(django_capture_on_commit_callbacks)
    [email] = [email for email in mail.outbox if email.to == [contact.email]]
    assert email.subject == "1 overdue action in the sub-regional plans"
    assert "These actions you own are past their due date" in email.body and "/plans/your-actions/" in email.body


def test_a_contacts_link_expires_after_thirty_days_with_a_plain_page(client, monkeypatch):
    contact = ncl_contact()
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now - 31 * 24 * 3600)
    old = contact_links.path_for(contact)
    monkeypatch.setattr(time, "time", lambda: now - 29 * 24 * 3600)
    recent = contact_links.path_for(contact)
    monkeypatch.undo()
    response = client.get(old)
    assert response.status_code == 410 and "This link has expired" in response.text
    assert client.get(recent).status_code == 200


@pytest.mark.parametrize("token", ["abc", "x" * 400, "%00", "WzEsImFiYyJd:1abc:forged", "[1]", "."])
def test_a_forged_contact_link_gets_a_plain_403(client, token):
    ncl_contact()
    response = client.get(reverse("plans:contact_actions", args=[token]))
    assert response.status_code == 403 and "This link is not valid" in response.text


def test_a_link_for_another_contact_cannot_be_made_by_changing_its_number(client):
    ben, tony = ncl_contact(), ncl_contact(name="Tony Adams", email="tony@example.org")
    payload, signature = contact_links.path_for(ben).rstrip("/").rsplit("/", 1)[1].split(":", 1)
    forged = contact_links.token_for(tony.pk, tony.email).split(":", 1)[0] + ":" + signature
    assert client.get(reverse("plans:contact_actions", args=[forged])).status_code == 403


def test_changing_a_contacts_email_voids_the_links_sent_to_the_old_one(client):
    contact = ncl_contact()
    link = contact_links.path_for(contact)
    client.force_login(world.coordinator())
    edit = reverse("plans:contact_edit", args=[world.north_central().pk, contact.pk])
    client.post(edit, {"name": contact.name, "email": "ben.walker@liia.example.org"})
    client.logout()
    assert client.get(link).status_code == 403
    contact.refresh_from_db()
    assert client.get(contact_links.path_for(contact)).status_code == 200


def test_a_link_is_made_for_the_address_the_email_goes_to(client, django_capture_on_commit_callbacks):
    contact = ncl_contact()
    due_in(bens_action(world.north_central()), 5)
    with django_capture_on_commit_callbacks(execute=False):  # queued, not yet sent
        call_command("send_plan_reminders", stdout=io.StringIO())
    PlanContact.objects.filter(pk=contact.pk).update(email="ben.new@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_pending_emails", stdout=io.StringIO())
    [email] = [email for email in mail.outbox if email.to == ["ben@liia.example.org"]]
    assert client.get(link_in(email.body)).status_code == 403  # the old address's link opens nothing


def test_a_coordinator_invites_a_contact_to_make_an_account_and_their_actions_follow(
    client, django_capture_on_commit_callbacks
):
    contact = ncl_contact()
    plan = world.north_central()
    client.force_login(world.coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:contact_invite", args=[plan.pk, contact.pk]), follow=True)
    assert "Ben Walker is sent an email to choose a password" in world.words_of(response)
    user = User.objects.get(email="ben@liia.example.org")
    assert not user.has_usable_password() and (user.first_name, user.last_name) == ("Ben", "Walker")
    [invitation] = [email for email in mail.outbox if email.to == [user.email]]
    assert invitation.subject == "Your Sharing Practice account"
    assert bens_action(plan) in Action.objects.owned_by(user)


def test_an_unsubscribe_link_in_a_contacts_reminder_stops_them(client, django_capture_on_commit_callbacks):
    contact = ncl_contact()
    due_in(bens_action(world.north_central()), 5)
    send_reminders(django_capture_on_commit_callbacks)
    [email] = mail.outbox
    unsubscribe = urlsplit(email.extra_headers["List-Unsubscribe"].strip("<>")).path
    assert f"sent to {contact.email}" in client.get(unsubscribe).text
    assert "You will not get plan reminders" in client.post(unsubscribe).text
    mail.outbox.clear()
    services.add_action(
        area=world.north_central().areas.first(),
        by=None,
        what="Another for Ben",
        owners=[services.OwnerChoice(Owner.Kind.CONTACT, contact=contact)],
        due_on=timezone.localdate() + timedelta(days=2),
    )
    send_reminders(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_contact_owner_is_named_on_the_board_and_found_by_the_owner_filter(client):
    ncl_contact()
    plan = world.north_central()
    client.force_login(factories.moderator())
    page = world.words_of(client.get(reverse("plans:board"), {"owner": "walker"}))
    assert "Ben Walker" in page and "Commission LIIA data analysis" in page
    assert bens_action(plan).owners.get().contact.name == "Ben Walker"


def test_importing_again_matches_a_changed_owner_line_to_the_contact(client):
    plan = world.north_central()
    contact = ncl_contact(name="Tony Adams", email="tony@example.org")
    client.force_login(world.coordinator())
    changed = world.NORTH_CENTRAL.read_text().replace("Owner: Ben to bring back", "Owner: Tony to bring back")
    client.post(
        reverse("plans:plan_import"),
        {
            "file": SimpleUploadedFile("ncl.txt", changed.encode(), content_type="text/plain"),
            "sub_region": plan.sub_region.pk,
        },
    )
    client.post(reverse("plans:plan_import"), {"choice": f"plan-{plan.pk}"})
    action = Action.objects.get(area__plan=plan, owners_text__startswith="Tony to bring back")
    assert [(o.kind, o.contact) for o in action.owners.all()] == [(Owner.Kind.CONTACT, contact)]


@pytest.mark.parametrize("number", ["99999999999999999999999", "0"])
def test_a_contact_number_that_is_none_is_not_found(client, number):
    plan = world.north_central()
    client.force_login(world.coordinator())
    assert client.get(f"/plans/{plan.pk}/contacts/{number}/").status_code == 404
    assert client.post(f"/plans/{plan.pk}/contacts/{number}/invite/").status_code == 404
