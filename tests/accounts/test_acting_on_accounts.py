"""
Every admin action and every people's-data action, done by an admin and by a superuser to every kind
of account, against one table of what should happen (accounts.rules): a superuser acts on anyone, an
admin on accounts that are not admins', and no one on their own account where that would lift their
power or lock them out. An action not in the table fails the test, so a new one is thought about.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django.urls import get_resolver, reverse

from accounts.access import PersonalDataAdminMixin
from accounts.models import DeletionRequest, Membership
from outbox.models import OutgoingEmail
from plans.models import SubRegionRole
from publishing.models import ApiToken
from reference.models import SubRegion
from tests import factories

pytestmark = pytest.mark.django_db

TARGETS = ["self", "lead", "moderator", "director", "admin", "superuser", "inactive lead", "inactive admin"]
NOT_ADMINS = {"lead", "moderator", "director", "inactive lead"}
EVERYONE = set(TARGETS)


def make_targets(actor):
    """One account of each kind; none has chosen a password yet but the actor, who is signed in."""
    made = {
        "lead": factories.lead("Hackney", email="lead@example.org", last_name="Lead"),
        "moderator": factories.moderator(email="moderator@example.org", last_name="Moderator"),
        "director": factories.dcs(email="director@example.org", last_name="Director"),
        "admin": factories.admin(email="other.admin@example.org", last_name="Admin"),
        "superuser": factories.UserFactory(
            email="other.chief@example.org", last_name="Superuser", is_superuser=True, is_staff=True
        ),
        "inactive lead": factories.lead("Camden", email="gone.lead@example.org", last_name="Gone", is_active=False),
        "inactive admin": factories.admin(email="gone.admin@example.org", last_name="Former", is_active=False),
    }
    for user in made.values():
        user.set_unusable_password()
        user.save()
    return {"self": actor, **made}


@dataclass
class AdminAction:
    """An action on a changelist, done to one row that belongs to the target; done if the row's state changed."""

    model: type
    action: str
    row: Callable  # target -> the row the action is done to
    state: Callable  # row -> what the action changes

    def __call__(self, client, target):
        row = self.row(target)
        before = self.state(row)
        url = reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist")
        client.post(url, {"action": self.action, "_selected_action": [row.pk], "post": "yes"})
        return self.state(row) != before


def exists(row):
    return type(row).objects.filter(pk=row.pk).exists()


def emails_to(user):
    return OutgoingEmail.objects.filter(to=user.email).count()


def is_active(user):
    return User.objects.get(pk=user.pk).is_active


def role_holding(user):
    group = Group.objects.create(name=f"A role for {user.email}")
    group.user_set.add(user)
    return group


def api_key(user):
    return ApiToken.objects.create(user=user, name=f"Key of {user.email}", key_hash=f"{user.pk:064d}")


def plan_role(user):
    return SubRegionRole.objects.create(
        user=user, sub_region=SubRegion.objects.first(), role=SubRegionRole.Role.DIRECTOR
    )


def export(client, target):
    answer = client.post(reverse("person_export"), {"q": target.email})
    return answer.get("Content-Type") == "application/zip"


def erase(client, target):
    client.post(reverse("person_erase"), {"q": target.email, "instead": "former", "replacement": "", "confirm": "1"})
    return not User.objects.filter(pk=target.pk).exists()


# (what, action): {actor: the kinds of target it is done to}, with how it is done.
ACTIONS = {
    ("auth.User", "send_invitations"): (
        AdminAction(User, "send_invitations", lambda user: user, emails_to),
        # Never to one's own account: it has a password (whoever has uses "Forgotten your password?").
        {"admin": NOT_ADMINS, "superuser": EVERYONE - {"self"}},
    ),
    ("auth.User", "deactivate"): (
        AdminAction(User, "deactivate", lambda user: user, is_active),
        {"admin": NOT_ADMINS - {"inactive lead"}, "superuser": EVERYONE - {"self", "inactive lead", "inactive admin"}},
    ),
    ("accounts.Membership", "delete_selected"): (
        AdminAction(
            Membership,
            "delete_selected",
            lambda user: Membership.objects.create(user=user, local_authority=factories.authority("Islington")),
            exists,
        ),
        {"admin": NOT_ADMINS, "superuser": EVERYONE},
    ),
    ("plans.SubRegionRole", "delete_selected"): (
        AdminAction(SubRegionRole, "delete_selected", plan_role, exists),
        {"admin": NOT_ADMINS, "superuser": EVERYONE},
    ),
    ("auth.Group", "delete_selected"): (
        AdminAction(Group, "delete_selected", role_holding, exists),
        {"admin": set(), "superuser": EVERYONE},  # a role's members all lose it: superusers only
    ),
    ("accounts.DeletionRequest", "delete_selected"): (
        AdminAction(DeletionRequest, "delete_selected", lambda user: DeletionRequest.objects.create(user=user), exists),
        {"admin": NOT_ADMINS | {"self"}, "superuser": EVERYONE},
    ),
    ("publishing.ApiToken", "delete_selected"): (
        AdminAction(ApiToken, "delete_selected", api_key, exists),
        {"admin": NOT_ADMINS | {"self"}, "superuser": EVERYONE},
    ),
    ("people's data", "person_export"): (export, {"admin": NOT_ADMINS | {"self"}, "superuser": EVERYONE}),
    ("people's data", "person_erase"): (erase, {"admin": NOT_ADMINS, "superuser": EVERYONE - {"self"}}),
}

# Actions on rows that are not an account's: what each acts on instead.
NOT_ON_ACCOUNTS = {
    ("axes.AccessAttempt", "delete_selected"): "sign-in lockouts, by the address typed (the sign-in work's)",
    ("axes.AccessAttempt", "cleanup_expired_attempts"): "lockouts that have expired anyway",
    ("axes.AccessLog", "delete_selected"): "the sign-in log",
    ("axes.AccessFailureLog", "delete_selected"): "the failed sign-in log",
    ("reference.SubRegion", "delete_selected"): "reference data",
    ("reference.LocalAuthority", "delete_selected"): "reference data",
    ("reference.SharingCategory", "delete_selected"): "reference data",
    ("reference.Theme", "delete_selected"): "reference data",
    ("outbox.OutgoingEmail", "delete_selected"): "emails; a link in one is made for its own account when sent",
    ("outbox.OutgoingEmail", "retry"): "emails; a link in one is made for its own account and goes to its address",
    ("submissions.ThemeSuggestion", "delete_selected"): "suggested themes",
    ("calls.Call", "delete_selected"): "calls for practice",
    ("plans.Plan", "delete_selected"): "plans",
    ("evidence.EthnicGroupLabel", "delete_selected"): "evidence reference data",
    ("evidence.Measure", "delete_selected"): "evidence data",
    ("evidence.Dataset", "delete_selected"): "evidence data",
    ("operations.JobRun", "delete_selected"): "the record of scheduled jobs",
}


def offered_actions():
    """Every action any admin is offered, by model, and the people's-data pages that act on a person."""
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    found = {
        (model._meta.label, name)
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.get_actions(request)
    }
    for pattern in url_patterns(get_resolver()):
        view = getattr(pattern.callback, "view_class", None)
        if view and issubclass(view, PersonalDataAdminMixin) and hasattr(view, "post"):
            found.add(("people's data", pattern.name))
    return found


def url_patterns(resolver):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from url_patterns(pattern)
        else:
            yield pattern


def test_every_action_on_offer_is_in_the_table():
    assert offered_actions() - set(ACTIONS) - set(NOT_ON_ACCOUNTS) == set()
    assert set(ACTIONS) | set(NOT_ON_ACCOUNTS) <= offered_actions()


def sign_in(client, kind):
    if kind == "superuser":
        actor = factories.UserFactory(email="chief@example.org", is_superuser=True, is_staff=True)
    else:
        actor = factories.admin(email="admin@example.org")
    client.force_login(actor)
    return actor


@pytest.mark.parametrize("actor_kind", ["admin", "superuser"])
@pytest.mark.parametrize("key", list(ACTIONS), ids=lambda key: "-".join(key))
def test_an_action_is_done_only_to_the_accounts_the_rule_allows(
    client, key, actor_kind, django_capture_on_commit_callbacks
):
    do, expected = ACTIONS[key]
    targets = make_targets(sign_in(client, actor_kind))
    done = set()
    for kind in TARGETS:
        with django_capture_on_commit_callbacks(execute=True):
            if do(client, targets[kind]):
                done.add(kind)
    assert done == expected[actor_kind]


def test_an_admin_is_told_which_accounts_were_left_alone_and_why(client):
    actor = sign_in(client, "admin")
    targets = make_targets(actor)
    chosen = [targets[kind].pk for kind in ("self", "lead", "superuser")]

    answer = client.post(
        reverse("admin:auth_user_changelist"), {"action": "deactivate", "_selected_action": chosen}, follow=True
    )

    page = answer.content.decode()
    assert "You cannot deactivate your own account: ask a superuser." in page
    assert (
        "Only a superuser can deactivate an admin&#x27;s account, so these were left alone: other.chief@example.org."
        in page
    )
    assert "Deactivated 1 account(s)." in page


def test_an_admin_cannot_give_an_admin_or_themselves_a_borough_or_a_plan_role(client):
    actor = sign_in(client, "admin")
    chief = make_targets(actor)["superuser"]
    islington = factories.authority("Islington")

    for user in (actor, chief):
        answer = client.post(
            reverse("admin:accounts_membership_add"), {"user": user.pk, "local_authority": islington.pk}
        )
        assert {actor: "You cannot change the roles of your own account", chief: "and other.chief@example.org has one"}[
            user
        ] in answer.content.decode()
        role = {"user": user.pk, "sub_region": SubRegion.objects.first().pk, "role": "director"}
        assert client.post(reverse("admin:plans_subregionrole_add"), role).status_code == 200  # the form again
    assert not Membership.objects.filter(local_authority=islington).exists()
    assert not SubRegionRole.objects.exists()
    inlines = client.get(reverse("admin:auth_user_change", args=[actor.pk])).context["inline_admin_formsets"]
    assert not any(inline.has_add_permission for inline in inlines)


def test_the_persons_page_says_why_an_admin_cannot_export_or_erase_a_superuser(client):
    chief = make_targets(sign_in(client, "admin"))["superuser"]

    page = client.get(reverse("person"), {"q": chief.email}).content.decode()
    refused = client.post(reverse("person_export"), {"q": chief.email}, follow=True).content.decode()

    assert (
        "Only a superuser can export the data of an admin&#x27;s account, and other.chief@example.org has one" in page
    )
    assert "Only a superuser can erase an admin&#x27;s account" in page
    assert "Download everything held about them" not in page and "Continue" not in page
    assert "Only a superuser can export the data of an admin&#x27;s account" in refused
