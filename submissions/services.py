"""
Every write with consequences: saving a proforma, submitting and withdrawing
it, inviting a new account holder. Each checks the change is allowed, records it in the audit trail and
commits as one transaction.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from submissions.models import Event, Practice


class TransitionNotAllowed(Exception):
    """The entry is not in a status from which this change can be made."""


@transaction.atomic
def save_proforma(*, proforma, by):
    """Save a lead's proforma (new or a draft being edited) as a draft."""
    instance = proforma.form.instance
    is_new = instance.pk is None
    if not is_new:
        # Lock the row and check the status now, not when the page was loaded.
        current = Practice.objects.select_for_update().get(pk=instance.pk)
        if not current.is_editable:
            raise TransitionNotAllowed(f"This entry is {current.get_status_display().lower()} and cannot be changed.")
    else:
        instance.created_by = by
    practice = proforma.save()
    Event.objects.create(
        practice=practice,
        actor=by,
        action=Event.Action.CREATED if is_new else Event.Action.EDITED,
        to_status=practice.status,
    )
    discarded = proforma.discarded_files()
    transaction.on_commit(lambda: _delete_files(discarded))
    return practice


def _delete_files(names):
    for name in names:
        default_storage.delete(name)


def _change_status(practice, *, by, allowed, to, action, comment="", **timestamps):
    """Move the entry to a new status if it is still in one of the allowed ones."""
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    # The status is part of the update's condition too, for databases that do not lock rows.
    changed = current.status in allowed and Practice.objects.filter(pk=practice.pk, status=current.status).update(
        status=to, updated_at=timezone.now(), **timestamps
    )
    if not changed:
        raise TransitionNotAllowed(
            f"This entry is {current.get_status_display().lower()}, so it cannot be {action.label.lower()}."
        )
    practice.refresh_from_db()
    Event.objects.create(
        practice=practice, actor=by, action=action, from_status=current.status, to_status=to, comment=comment
    )
    return practice


@transaction.atomic
def submit_practice(*, practice, by):
    """Send a complete draft, or an entry returned for changes, to the moderators."""
    missing = practice.missing_answers()
    if missing:
        raise TransitionNotAllowed("Answer every question before you submit: " + "; ".join(m for _, m in missing))
    return _change_status(
        practice,
        by=by,
        allowed=Practice.EDITABLE_STATUSES,
        to=Practice.Status.SUBMITTED,
        action=Event.Action.SUBMITTED,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def withdraw_practice(*, practice, by, reason=""):
    """Take an entry that is not yet published out of the process."""
    return _change_status(
        practice,
        by=by,
        allowed=Practice.WITHDRAWABLE_STATUSES,
        to=Practice.Status.WITHDRAWN,
        action=Event.Action.WITHDRAWN,
        comment=reason,
    )


def send_invitation(*, user):
    """Email a new account holder a link to choose their password."""
    context = {
        "user": user,
        "set_password_url": settings.PORTAL_BASE_URL
        + reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        ),
        "days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
    }
    send_mail(
        subject="Your Sharing Practice account",
        message=render_to_string("emails/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
