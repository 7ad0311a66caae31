"""Writes a person makes to their own account."""

from django.db import transaction

from accounts import notifications
from accounts.models import DeletionRequest


@transaction.atomic
def change_name(*, user, first_name, last_name):
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    return user


@transaction.atomic
def request_deletion(*, user, reason=""):
    """Ask the admins to delete the account: a task for them (see the People's data page), never a deletion.
    Asking again while a request is waiting adds nothing and emails nobody."""
    if waiting := DeletionRequest.objects.filter(user=user).first():
        return waiting
    deletion = DeletionRequest.objects.create(user=user, reason=reason)
    notifications.deletion_requested(deletion)
    return deletion
