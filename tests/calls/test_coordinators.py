"""
A sub-region's coordinator runs the calls for their own sub-region as moderators run every call: makes one,
opens it, sees its returns, reminds, downloads the returns and the practice pack; moderation stays with
moderators. Every calls URL for each role: East London's coordinator (the sub-region of the calls), North
Central London's (another sub-region), East London's director, Hackney's lead, a moderator, and nobody signed in.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from calls import rules
from calls.models import Call, CallReminder
from outbox.models import OutgoingEmail
from plans import roles as plan_roles
from reference.models import LocalAuthority, SubRegion
from submissions.models import Practice
from tests import factories
from tests.plans.world import coordinator, director, html_of, with_role, words_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "lead", "director", "moderator", "own_coordinator", "other_coordinator"]


def answers(anonymous=302, lead=403, director=403, moderator=200, own_coordinator=200, other_coordinator=403):
    return {
        "anonymous": anonymous,
        "lead": lead,
        "director": director,
        "moderator": moderator,
        "own_coordinator": own_coordinator,
        "other_coordinator": other_coordinator,
    }


SIGNED_IN = answers(lead=200, director=200, other_coordinator=200)
MAKERS = answers(other_coordinator=200)  # North Central London's coordinator makes calls for North Central London
RUNNERS = answers()
# A call not yet open is not there for those who do not run it: no more than the call's page says (404).
UNOPENED_RUNNERS = answers(other_coordinator=404)
UNOPENED_PAGE = answers(lead=404, director=404, other_coordinator=404)
# Another sub-region's call, or a London-wide one: moderators only.
MODERATORS = answers(own_coordinator=403)
UNOPENED_LONDON = answers(own_coordinator=404, other_coordinator=404)
POSTED = 405  # a POST-only view asked with GET by someone allowed to post to it


def posted(table):
    return {role: POSTED if answer == 200 else answer for role, answer in table.items()}


def after_post(table, answer=302):
    return {role: answer if expected == 200 else expected for role, expected in table.items()}


# Before the return-by date the pack is for those who run the call; others go back to the call's page.
EARLY_PACK = {role: 200 if answer == 200 else 302 for role, answer in RUNNERS.items()}
EARLY_PACK_MODERATORS = {role: 200 if answer == 200 else 302 for role, answer in MODERATORS.items()}

GET_TABLE = {
    "call_list": ({}, SIGNED_IN),
    "call_create": ({}, MAKERS),
    "call_detail": ({"pk": "east_call"}, SIGNED_IN),
    "call_detail (not open)": ({"pk": "unopened_east_call"}, UNOPENED_PAGE),
    "call_returns": ({"pk": "east_call"}, RUNNERS),
    "call_returns (not open)": ({"pk": "unopened_east_call"}, UNOPENED_RUNNERS),
    "call_returns (North Central)": ({"pk": "ncl_call"}, answers(own_coordinator=403, other_coordinator=200)),
    "call_returns (London)": ({"pk": "london_call"}, MODERATORS),
    "call_returns_csv": ({"pk": "east_call"}, RUNNERS),
    "call_returns_csv (London)": ({"pk": "london_call"}, MODERATORS),
    "call_open": ({"pk": "unopened_east_call"}, posted(UNOPENED_RUNNERS)),
    "call_remind": ({"pk": "east_call"}, posted(RUNNERS)),
    "call_remind (London)": ({"pk": "london_call"}, posted(MODERATORS)),
    "call_pack": ({"pk": "east_call"}, EARLY_PACK),
    "call_pack (London)": ({"pk": "london_call"}, EARLY_PACK_MODERATORS),
}

POST_TABLE = {
    "call_create": ({}, {}, MAKERS),  # the empty form comes back with its errors
    "call_open": ({"pk": "unopened_east_call"}, {}, after_post(UNOPENED_RUNNERS)),
    "call_remind": ({"pk": "east_call"}, {}, after_post(RUNNERS)),
    "call_remind (London)": ({"pk": "london_call"}, {}, after_post(MODERATORS)),
    "call_open (London)": ({"pk": "unopened_london_call"}, {}, after_post(UNOPENED_LONDON)),
}


def east_london():
    return list(LocalAuthority.objects.filter(sub_region__slug="east-london").order_by("name"))


def names(authorities):
    return [authority.name for authority in authorities]


def make_world():
    users = {
        "anonymous": None,
        "lead": factories.lead("Hackney", email="lead@hackney.example.org"),
        "director": director("East London", email="dcs@east.example.org"),
        "moderator": factories.moderator(),
        "own_coordinator": coordinator("East London", email="ben@east.example.org"),
        "other_coordinator": coordinator("North Central London", email="nia@ncl.example.org"),
    }
    everyone = names(LocalAuthority.objects.all())
    objects = {
        "east_call": factories.call(names(east_london())).pk,
        "unopened_east_call": factories.call(names(east_london()), opened=False).pk,
        "ncl_call": factories.call(["Camden", "Islington"]).pk,
        "london_call": factories.call(everyone).pk,
        "unopened_london_call": factories.call(everyone, opened=False).pk,
    }
    return users, objects


@pytest.fixture
def world():
    return make_world()


def url_for(entry, objects, kwargs):
    return reverse(entry.split(" (")[0], kwargs={key: objects[value] for key, value in kwargs.items()})


def test_the_table_has_every_calls_url():
    calls_urls = {"call_list", "call_create", "call_detail", "call_returns", "call_returns_csv"}
    calls_urls |= {"call_open", "call_remind", "call_pack"}
    assert {entry.split(" (")[0] for entry in GET_TABLE} == calls_urls


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_from_every_calls_page(client, world, role):
    users, objects = world
    if users[role]:
        client.force_login(users[role])
    got = {entry: client.get(url_for(entry, objects, kwargs)).status_code for entry, (kwargs, _) in GET_TABLE.items()}
    assert got == {entry: table[role] for entry, (_, table) in GET_TABLE.items()}


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_run_a_call_open_it_or_remind_its_leads(client, world, role):
    users, objects = world
    factories.lead("Newham")  # someone to remind in East London
    if users[role]:
        client.force_login(users[role])
    got = {
        entry: client.post(url_for(entry, objects, kwargs), data).status_code
        for entry, (kwargs, data, _) in POST_TABLE.items()
    }
    assert got == {entry: table[role] for entry, (_, _, table) in POST_TABLE.items()}
    if role in ("anonymous", "lead", "director", "other_coordinator"):
        assert not CallReminder.objects.exists()
        assert Call.objects.filter(opened_at=None).count() == 2
    if role == "own_coordinator":
        assert Call.objects.get(pk=objects["unopened_east_call"]).is_opened
        assert not Call.objects.get(pk=objects["unopened_london_call"]).is_opened
        assert {reminder.call_id for reminder in CallReminder.objects.all()} == {objects["east_call"]}
    assert Call.objects.count() == 5  # empty forms make no call


# -- the rule --------------------------------------------------------------------------------


def test_the_calls_rule_reads_coordinators_as_the_plans_roles_do(db):
    both = coordinator("East London")
    with_role(both, "North Central London", "coordinator")
    people = [both, coordinator("South West London"), director("East London"), factories.lead("Hackney")]
    for person in people:
        assert set(rules.coordinated_regions(person)) == set(plan_roles.coordinator_regions(person))
    assert rules.COORDINATOR == plan_roles.COORDINATOR


def test_a_call_across_two_sub_regions_is_run_by_a_coordinator_of_both_only(db):
    both = coordinator("East London")
    with_role(both, "North Central London", "coordinator")
    east_only = coordinator("East London")
    across = factories.call(["Hackney", "Camden"])
    assert rules.may_run_call(both, across)
    assert not rules.may_run_call(east_only, across)
    assert rules.may_run_call(east_only, factories.call(["Hackney", "Newham"]))
    assert not rules.may_run_call(director("East London"), factories.call(["Hackney"]))


def test_a_coordinator_of_every_sub_region_may_ask_all_of_london(db):
    everywhere = factories.UserFactory()
    for sub_region in SubRegion.objects.all():
        with_role(everywhere, sub_region.name, "coordinator")
    assert rules.may_ask_all_of_london(everywhere)
    assert rules.may_run_call(everywhere, factories.call(names(LocalAuthority.objects.all())))
    assert not rules.may_ask_all_of_london(coordinator("East London"))


# -- making a call ---------------------------------------------------------------------------


def date_parts(name, day):
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def call_form(**fields):
    today = timezone.localdate()
    return {
        "title": "East London DCS meeting, March",
        "message": "Please share your work on exclusions.",
        **date_parts("opens_on", today),
        **date_parts("return_by", today + timedelta(days=21)),
        **fields,
    }


def test_the_call_form_offers_a_coordinator_only_their_own_sub_region(client, db):
    client.force_login(coordinator("East London"))
    response = client.get(reverse("call_create"))
    form = response.context["form"]
    assert [region.name for region in form.fields["sub_region"].queryset] == ["East London"]
    assert names(form.fields["chosen_authorities"].queryset.order_by("name")) == names(east_london())
    assert [value for value, _ in form.fields["audience"].choices] == ["sub_region", "authorities"]
    page = html_of(response)
    assert "All 33 London local authorities" not in page
    assert "Camden" not in page


def test_a_coordinator_makes_a_call_for_their_sub_region(client, db):
    ben = coordinator("East London")
    client.force_login(ben)
    east = SubRegion.objects.get(slug="east-london")
    response = client.post(reverse("call_create"), call_form(audience="sub_region", sub_region=east.pk))
    call = Call.objects.get()
    assert response.url == reverse("call_returns", args=[call.pk])
    assert names(call.local_authorities.order_by("name")) == names(east_london())
    assert call.created_by == ben


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"audience": "sub_region", "sub_region": "ncl"}, "sub_region", "Select a sub-region you coordinate"),
        ({"audience": "sub_region", "sub_region": "99999999999999999999999"}, "sub_region", "Select a sub-region"),
        ({"audience": "london"}, "audience", "Select who the call is for"),
        ({"audience": "authorities", "chosen_authorities": ["camden"]}, "chosen_authorities", "Select local auth"),
    ],
)
def test_a_coordinator_cannot_make_a_call_for_another_sub_region(client, db, fields, field, error):
    client.force_login(coordinator("East London"))
    ids = {
        "ncl": SubRegion.objects.get(slug="north-central-london").pk,
        "camden": LocalAuthority.objects.get(name="Camden").pk,
    }
    fields = {
        key: [ids.get(v, v) for v in value] if isinstance(value, list) else ids.get(value, value)
        for key, value in fields.items()
    }
    response = client.post(reverse("call_create"), call_form(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(error)
    assert not Call.objects.exists()


# -- running it ------------------------------------------------------------------------------


def test_a_coordinator_opens_their_call_sees_its_returns_and_reminds(client, db):
    factories.lead("Redbridge", email="lola@redbridge.example.org")
    factories.lead("Newham", email="nia@newham.example.org")
    client.force_login(coordinator("East London"))
    call = factories.call(names(east_london()), opened=False)

    page = words_of(client.post(reverse("call_open", args=[call.pk]), follow=True))

    assert "The call is open. Emailed 2 leads in 2 local authorities" in page
    assert sorted(email.to for email in OutgoingEmail.objects.all()) == [
        "lola@redbridge.example.org",
        "nia@newham.example.org",
    ]
    returned = factories.PracticeFactory(
        local_authority=factories.authority("Redbridge"), call=call, status=Practice.Status.SUBMITTED
    )
    page = words_of(client.post(reverse("call_remind", args=[call.pk]), follow=True))
    assert "Reminded the leads of 1 local authority: Newham." in page
    assert returned.title in page
    csv = client.get(reverse("call_returns_csv", args=[call.pk])).content.decode()
    assert "lola@redbridge.example.org" in csv


def test_moderation_stays_with_moderators(client, db):
    call = factories.call(names(east_london()))
    submitted = factories.PracticeFactory(
        local_authority=factories.authority("Redbridge"), call=call, status=Practice.Status.SUBMITTED
    )
    client.force_login(coordinator("East London"))
    page = html_of(client.get(reverse("call_returns", args=[call.pk])))
    assert submitted.title in page
    assert reverse("review", args=[submitted.pk]) not in page
    assert client.get(reverse("review", args=[submitted.pk])).status_code == 403
    assert client.get(reverse("moderation_queue")).status_code == 403


def test_the_calls_pages_offer_a_coordinator_only_what_they_run(client, db):
    own, london = factories.call(names(east_london())), factories.call(names(LocalAuthority.objects.all()))
    client.force_login(coordinator("East London"))
    page = html_of(client.get(reverse("call_list")))
    assert 'href="/calls/new/"' in page
    assert reverse("call_returns", args=[own.pk]) in page
    assert reverse("call_returns", args=[london.pk]) not in page
    assert reverse("call_returns", args=[own.pk]) in html_of(client.get(reverse("call_detail", args=[own.pk])))
    assert reverse("call_returns", args=[london.pk]) not in html_of(
        client.get(reverse("call_detail", args=[london.pk]))
    )


def test_a_director_is_not_offered_to_make_or_run_calls(client, db):
    call = factories.call(names(east_london()))
    client.force_login(director("East London"))
    page = html_of(client.get(reverse("call_list")))
    assert 'href="/calls/new/"' not in page
    assert reverse("call_returns", args=[call.pk]) not in page


def test_in_the_admin_a_coordinator_given_call_permissions_corrects_only_their_calls(client, db):
    ben = coordinator("East London", is_staff=True)
    ben.user_permissions.add(*Permission.objects.filter(codename__in=["view_call", "change_call"]))
    own, london = factories.call(["Hackney"]), factories.call(["Hackney", "Camden"])
    client.force_login(ben)
    page = html_of(client.get(reverse("admin:calls_call_changelist")))
    assert reverse("admin:calls_call_change", args=[own.pk]) in page
    assert reverse("admin:calls_call_change", args=[london.pk]) not in page
    form = client.get(reverse("admin:calls_call_change", args=[own.pk])).context["adminform"].form
    assert set(names(form.fields["local_authorities"].queryset)) == set(names(east_london()))
    assert client.get(reverse("admin:calls_call_change", args=[london.pk])).status_code in (302, 403, 404)


# -- what opening will do ------------------------------------------------------------------


def open_panel(client, call):
    page = html_of(client.get(reverse("call_returns", args=[call.pk])))
    button = re.search(r'<form method="post" action="/calls/\d+/open/">.*?<button[^>]*>(.*?)</button>', page)
    return page, button.group(1)


def test_the_open_button_says_whom_it_will_email(client, db):
    for name in ("Hackney", "Newham", "Redbridge"):
        factories.lead(name)
    client.force_login(factories.moderator())
    call = factories.call(["Hackney", "Newham", "Redbridge"], opened=False)
    page, button = open_panel(client, call)
    assert button == "Open the call and email the leads of 3 local authorities"
    assert "No lead will be emailed" not in page


def test_the_open_button_says_which_local_authorities_no_lead_will_hear_from(client, db):
    for name in ("Hackney", "Newham", "Redbridge"):
        factories.lead(name)
    call = factories.call(["Hackney", "Newham", "Redbridge", "Havering", "Barking and Dagenham"], opened=False)
    client.force_login(coordinator("East London"))
    page, button = open_panel(client, call)
    assert button == "Open the call and email the leads of 3 local authorities"
    assert (
        "No lead will be emailed for 2 local authorities (Barking and Dagenham, Havering): they have no lead account."
    ) in page
    assert "ask the portal's administrators to add an account for each" in page


def test_when_no_lead_has_an_account_the_button_opens_the_call_without_emailing(client, db):
    client.force_login(factories.moderator())
    call = factories.call(["Camden", "Islington", "Haringey", "Enfield", "Barnet"], opened=False)
    page, button = open_panel(client, call)
    assert button == "Open the call without emailing"
    assert (
        "No lead will be emailed: these 5 local authorities have no lead account "
        "(Barnet, Camden, Enfield, Haringey, Islington)."
    ) in page

    response = client.post(reverse("call_open", args=[call.pk]), follow=True)

    said = words_of(response)
    assert "Emailed 0" not in said
    assert (
        "The call is open, but no lead was emailed: no lead of its 5 local authorities has an account "
        "(Barnet, Camden, Enfield, Haringey, Islington)."
    ) in said
    assert [message.level_tag for message in response.context["messages"]] == ["warning"]


def test_one_local_authority_without_a_lead_is_named(client, db):
    client.force_login(factories.moderator())
    page, button = open_panel(client, factories.call(["Camden"], opened=False))
    assert button == "Open the call without emailing"
    assert "No lead will be emailed: Camden has no lead account." in page


def test_an_admin_is_offered_to_invite_a_lead_for_each_local_authority_without_one(client, db):
    factories.lead("Hackney")
    client.force_login(factories.admin())
    camden = LocalAuthority.objects.get(name="Camden")
    call = factories.call(["Hackney", "Camden"], opened=False)
    page, _ = open_panel(client, call)
    invite = f"{reverse('admin:auth_user_add')}?local_authority={camden.pk}"
    assert f'<a href="{invite}">Invite a lead for Camden</a>' in page

    form = client.get(invite).context["inline_admin_formsets"][0].formset.forms[0]

    assert form.initial["local_authority"] == camden.pk
    assert 'value="' + str(camden.pk) + '" selected' in html_of(client.get(invite))


@pytest.mark.parametrize("sub_region", ["99999999999999999999999", "１", "-1"])
def test_a_sub_region_that_is_no_id_is_a_form_error_not_a_failure(client, db, sub_region):
    client.force_login(factories.moderator())
    response = client.post(reverse("call_create"), call_form(audience="sub_region", sub_region=sub_region))
    assert response.status_code == 200
    assert response.context["form"].errors["sub_region"]


def test_opening_a_call_to_one_local_authority_without_a_lead_names_it(client, db):
    client.force_login(factories.moderator())
    call = factories.call(["Camden"], opened=False)
    said = words_of(client.post(reverse("call_open", args=[call.pk]), follow=True))
    assert "The call is open, but no lead was emailed: Camden has no lead account." in said
