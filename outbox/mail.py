"""
Who is told what, by email. Emails are written to the outbox inside the
transaction that caused them and sent once it commits; a failure is logged and
left for `manage.py send_pending_emails` to retry, and never undoes the action.
"""

import logging
import re
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from submissions.models import OutgoingEmail
from submissions.roles import ERASE, MODERATE

logger = logging.getLogger(__name__)

SUBJECT_LENGTH = OutgoingEmail._meta.get_field("subject").max_length
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def subject_line(text):
    """An email subject: one line (line breaks and other control characters become spaces),
    cut with an ellipsis to fit the outbox. A title with a line break would otherwise make
    every email about it fail to send (BadHeaderError), and a long one fail to be queued."""
    line = " ".join(_CONTROL_CHARACTERS.sub(" ", text).split())
    return line if len(line) <= SUBJECT_LENGTH else line[: SUBJECT_LENGTH - 1].rstrip() + "…"


def moderators():
    return holders_of(MODERATE)


def holders_of(permission_name):
    """Active accounts with a permission, however they have it (superuser, role or their own)."""
    app_label, codename = permission_name.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return User.objects.filter(
        Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission),
        is_active=True,
    ).distinct()


def leads_of(*local_authorities):
    return User.objects.filter(memberships__local_authority__in=local_authorities, is_active=True).distinct()


def names(objects):
    """Names as one line of text: an email is given strings, never model objects or querysets."""
    return ", ".join(str(item.name) for item in objects)


def link(name, *args):
    return settings.PORTAL_BASE_URL + reverse(name, args=args)


def queue(recipients, subject, template, context, headers=None):
    """Write one email per recipient to the outbox and send them after the transaction commits."""
    body = render_to_string(template, context)
    emails = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(to=user.email, subject=subject_line(subject), body=body, headers=headers or {})
        for user in recipients
        if user.email
    )
    transaction.on_commit(partial(send, [email.pk for email in emails]))


def send(pks=None):
    """Send unsent emails (these, or all); return how many went."""
    pending = OutgoingEmail.objects.filter(sent_at=None)
    if pks is not None:
        pending = pending.filter(pk__in=pks)
    sent = 0
    for pk in pending.values_list("pk", flat=True):
        with transaction.atomic():
            email = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=pk, sent_at=None).first()
            if email is None:
                continue  # another process is sending it, or has
            email.attempts += 1
            try:
                # Made one line again for emails queued before subjects were, which would never go otherwise.
                EmailMessage(subject_line(email.subject), email.body, None, [email.to], headers=email.headers).send()
            except Exception as error:  # noqa: BLE001 - any mail failure must leave the email queued
                email.last_error = f"{type(error).__name__}: {error}"
                logger.exception("Could not send email %s to %s; it stays queued", email.pk, email.to)
            else:
                email.sent_at, email.last_error = timezone.now(), ""
                sent += 1
            email.save()
    return sent


def submission_received(practice, by, message=""):
    context = {"practice": practice, "by": by, "message": message, "review_url": link("review", practice.pk)}
    what = "Changes to a published entry" if practice.revision_of_id else "New practice"
    queue(
        moderators(),
        f"{what} to review: {practice.title} ({practice.local_authority})",
        "emails/submission_for_moderators.txt",
        context,
    )
    context["status_url"] = link("submission_detail", practice.pk)
    queue([by], f"We have received ‘{practice.title}’", "emails/submission_receipt.txt", context)


DECISION_SUBJECTS = {
    "published": "Published: {title}",
    "changes_requested": "Changes requested: {title}",
    "rejected": "Not published: {title}",
    "unpublished": "Unpublished: {title}",
}


def decision_made(practice, event):
    """Tell the entry's local authority leads what a moderator decided, and why."""
    context = {
        "practice": practice,
        "event": event,
        "status_url": link("submission_detail", practice.pk),
        "public_url": link("practice_detail", practice.pk),
    }
    subject = DECISION_SUBJECTS[event.action].format(title=practice.title)
    queue(leads_of(practice.local_authority), subject, "emails/decision.txt", context)


def _call_links(call):
    return {"start_url": link("practice_create") + f"?call={call.pk}", "call_url": link("call_detail", call.pk)}


def call_opened(call):
    """Send each lead of the call's local authorities the call, with a link that starts a return to it."""
    subject = f"Call for practice: {call.title} (return by {call.return_by:%-d %B %Y})"
    context = {"call": call, "theme_names": names(call.themes.order_by("name")), **_call_links(call)}
    queue(leads_of(*call.local_authorities.all()), subject, "emails/call_opened.txt", context)


def call_reminder(call, local_authority):
    """Remind one local authority's leads that the call is waiting for their return."""
    subject = f"Reminder: {call.title}, return by {call.return_by:%-d %B %Y}"
    context = {"call": call, "local_authority": local_authority, **_call_links(call)}
    queue(leads_of(local_authority), subject, "emails/call_reminder.txt", context)


def digest(subscription, practices, period):
    """A subscriber's digest of newly published practice, with a one-click unsubscribe (RFC 8058)."""
    unsubscribe_url = link("digest_unsubscribe", subscription.unsubscribe_token)
    context = {
        "subscription": subscription,
        "practices": practices,
        "period": period,
        "sub_region_names": names(subscription.sub_regions.order_by("name")),
        "theme_names": names(subscription.themes.order_by("name")),
        "unsubscribe_url": unsubscribe_url,
        "manage_url": link("digest_settings"),
        "base_url": settings.PORTAL_BASE_URL,
    }
    count = len(practices)
    subject = f"Sharing Practice: {count} newly published entr{'y' if count == 1 else 'ies'} {period}"
    headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    queue([subscription.user], subject, "emails/digest.txt", context, headers=headers)


def invitation(user):
    """Email a new account holder a link to choose their password."""
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    context = {
        "user": user,
        "set_password_url": settings.PORTAL_BASE_URL + reverse("password_reset_confirm", args=[uid, token]),
        "days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
    }
    queue([user], "Your Sharing Practice account", "emails/invitation.txt", context)


def inactivity_warning(user, closes_on):
    """Tell someone their unused account will be closed unless they sign in."""
    context = {"user": user, "closes_on": closes_on, "sign_in_url": link("login")}
    queue([user], "Your Sharing Practice account will be closed", "emails/inactivity_warning.txt", context)


def deletion_requested(deletion):
    """Tell the admins who erase people's data that someone has asked to be deleted."""
    context = {
        "deletion": deletion,
        "user": deletion.user,
        "person_url": link("person") + "?" + urlencode({"q": deletion.user.email}),
    }
    queue(
        holders_of(ERASE), "Someone has asked for their account to be deleted", "emails/deletion_requested.txt", context
    )
