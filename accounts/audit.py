"""
The audit of who may do what. Every change to a person's roles (groups), permissions, borough
memberships or account flags, and to a role's permissions, is recorded with who made it,
however it was made (the admin, a command, the shell). The person making it comes from the
request being served, which the middleware notes in `serving` (portal/middleware.py); outside a
request it is left empty.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import Group, User
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from accounts.models import AccountEvent, Membership

# The request being served, whose user makes the changes. Who that is is looked up only when an event is recorded,
# not on every request (most make no change to anyone's account).
serving = ContextVar("audit_request", default=None)
_paused = ContextVar("audit_paused", default=False)
# Accounts being deleted: what their deletion records cannot point at them, or it would point at nothing.
_deleting = ContextVar("audit_deleting", default=frozenset())
FLAGS = {"is_active": "account active", "is_staff": "staff (admin site)", "is_superuser": "superuser"}


def _actor():
    """Who is making the request being served, if anyone signed in is."""
    request = serving.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def record(description, user=None, group=""):
    if not _paused.get():
        AccountEvent.objects.create(user=user, group=group, actor=_actor(), description=description[:500])


@contextmanager
def paused():
    """For restoring a backup: the accounts it loads are not changes anyone made (their history comes with them)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _names(model, pks):
    return ", ".join(sorted(str(obj) for obj in model.objects.filter(pk__in=pks))) or "all"


def user_groups_changed(sender, instance, action, pk_set, reverse=False, **kwargs):
    if reverse:  # from the role's side (role.user_set.add(person)): recorded for each person
        if action == "post_clear":
            record(f"Role {instance}: every member removed", group=instance.name)
        elif action in ("post_add", "post_remove"):
            for user in User.objects.filter(pk__in=pk_set):
                user_groups_changed(sender, user, action, {instance.pk})
        return
    if action in ("post_add", "post_remove", "post_clear"):
        verb = {"post_add": "added to", "post_remove": "removed from", "post_clear": "removed from every role"}[action]
        what = "" if action == "post_clear" else f" {_names(Group, pk_set)}"
        record(f"{instance} {verb}{what}", user=instance)


def user_permissions_changed(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        record(f"{instance}: permissions {action.removeprefix('post_')} ({len(pk_set or [])})", user=instance)


def group_permissions_changed(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Group):
        record(
            f"Role {instance}: permissions {action.removeprefix('post_')} ({len(pk_set or [])})", group=instance.name
        )


def note_flags(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = User.objects.filter(pk=instance.pk).values(*FLAGS).first() if instance.pk else None
    instance._flags_before = before


def user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        record(f"Account made for {instance}", user=instance)
        return
    before = getattr(instance, "_flags_before", None) or {}
    for flag, label in FLAGS.items():
        if flag in before and before[flag] != getattr(instance, flag):
            record(f"{instance}: {label} {'on' if getattr(instance, flag) else 'off'}", user=instance)


def membership_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record(f"{instance.user} made a lead for {instance.local_authority}", user=instance.user)


def membership_deleted(sender, instance, **kwargs):
    user = None if instance.user_id in _deleting.get() else instance.user
    record(f"{instance.user} no longer a lead for {instance.local_authority}", user=user)


def user_deleting(sender, instance, **kwargs):
    record(f"Account deleted: {instance}")
    _deleting.set(_deleting.get() | {instance.pk})


def user_deleted(sender, instance, **kwargs):
    _deleting.set(_deleting.get() - {instance.pk})


def connect():
    m2m_changed.connect(user_groups_changed, sender=User.groups.through, dispatch_uid="audit-user-groups")
    m2m_changed.connect(user_permissions_changed, sender=User.user_permissions.through, dispatch_uid="audit-user-perms")
    m2m_changed.connect(group_permissions_changed, sender=Group.permissions.through, dispatch_uid="audit-group-perms")
    pre_save.connect(note_flags, sender=User, dispatch_uid="audit-user-flags")
    post_save.connect(user_saved, sender=User, dispatch_uid="audit-user-saved")
    post_save.connect(membership_saved, sender=Membership, dispatch_uid="audit-membership-saved")
    post_delete.connect(membership_deleted, sender=Membership, dispatch_uid="audit-membership-deleted")
    pre_delete.connect(user_deleting, sender=User, dispatch_uid="audit-user-deleting")
    post_delete.connect(user_deleted, sender=User, dispatch_uid="audit-user-deleted")
