"""
Who may act on whose account: the one rule for every place that changes, emails, exports or erases
someone's account (docs/decisions/0001). An actor may act only on accounts with no more power than
their own: a superuser on anyone, anyone else on accounts that are not admins'; and no one on their
own account where that would lift their power or lock them out. tests/accounts/test_acting_on_accounts.py
walks every admin action and people's-data action against it.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from accounts.roles import ADMINS


@dataclass(frozen=True)
class Act:
    """Something done to an account, worded with {} for the account: "erase {}"."""

    doing: str
    on_self: bool = True  # may be done to one's own account
    lifts: bool = False  # gives power: to oneself only by a superuser, who has it all already


INVITE = Act("send a link to choose a password to {}")
CHANGE = Act("change the details of {}")  # name, email address, password
ROLES = Act("change the roles of {}", on_self=False, lifts=True)  # roles, memberships, plan roles, flags
DEACTIVATE = Act("deactivate {}", on_self=False)  # one's own: nobody may be left to administer
EXPORT = Act("export the data of {}")
ERASE = Act("erase {}", on_self=False)
DISMISS = Act("dismiss a request to be deleted from {}")
KEYS = Act("make or revoke the API keys of {}")


def is_admin_account(user):
    """An account with power over others: a superuser's, one that can use the admin site or may be given it
    by its role, or one given permissions of its own (which only superusers hand out)."""
    return (
        user.is_superuser or user.is_staff or user.groups.filter(name=ADMINS).exists() or user.user_permissions.exists()
    )


OWN = "You cannot {}: ask a superuser."
AN_ADMINS = "an admin's account"


def may_act_on(actor, account, act):
    if account.pk == actor.pk:
        return act.on_self or (act.lifts and actor.is_superuser)
    return actor.is_superuser or not is_admin_account(account)


def refusal(actor, account, act):
    """Why the actor may not do this to the account, in words for them; "" if they may."""
    if may_act_on(actor, account, act):
        return ""
    if account.pk == actor.pk:
        return OWN.format(act.doing.format("your own account"))
    return f"Only a superuser can {act.doing.format(AN_ADMINS)}, and {describe(account)} has one."


def refusals(actor, accounts, act):
    """The refusal for the first account the actor may not act on, or ""."""
    return next((reason for account in accounts if (reason := refusal(actor, account, act))), "")


def split(actor, accounts, act):
    """The accounts the actor may act on, and a message naming the others ("" if none)."""
    allowed, own, others = [], [], []
    for account in accounts:
        if may_act_on(actor, account, act):
            allowed.append(account)
        else:
            (own if account.pk == actor.pk else others).append(account)
    message = []
    if own:
        message.append(OWN.format(act.doing.format("your own account")))
    if others:
        names = ", ".join(describe(account) for account in others)
        message.append(f"Only a superuser can {act.doing.format(AN_ADMINS)}, so these were left alone: {names}.")
    return allowed, " ".join(message)


def describe(account):
    return account.email or account.username


def grantable_groups(by):
    """The roles someone may hand out: the Admins role only by superusers."""
    return Group.objects.all() if by.is_superuser else Group.objects.exclude(name=ADMINS)
