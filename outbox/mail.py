"""
Sending email through the outbox. Emails are written to the outbox inside the transaction
that caused them and sent once it commits; a failure is logged and left for
`manage.py send_pending_emails` to retry, and never undoes the action. Who is told what
is each app's own notifications.py.

A secret in an email (a link to choose a password) is never stored: the stored body holds its
placeholder, which the outbox admin and subject-access exports show, and the link is made for the
recipient's account as the email is sent, by the app that knows how (registered in SECRET_LINKS).
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)

SUBJECT_LENGTH = OutgoingEmail._meta.get_field("subject").max_length
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def subject_line(text):
    """An email subject: one line (line breaks and other control characters become spaces),
    cut with an ellipsis to fit the outbox. A title with a line break would otherwise make
    every email about it fail to send (BadHeaderError), and a long one fail to be queued."""
    line = " ".join(_CONTROL_CHARACTERS.sub(" ", text).split())
    return line if len(line) <= SUBJECT_LENGTH else line[: SUBJECT_LENGTH - 1].rstrip() + "…"


def names(objects):
    """Names as one line of text: an email is given strings, never model objects or querysets."""
    return ", ".join(str(item.name) for item in objects)


def link(name, *args):
    return settings.PORTAL_BASE_URL + reverse(name, args=args)


@dataclass(frozen=True)
class SecretLink:
    """A link made for the recipient's account when the email is sent: `make(user)` gives it, in place of
    `placeholder` (words saying what it is, shown wherever the stored email is read). A link for someone with no
    account (`for_account` false) is made by `make(email)`, from the email's `secret_for` and address."""

    placeholder: str
    make: Callable
    for_account: bool = True


SECRET_LINKS = {}  # name: SecretLink, filled by the apps that make them (accounts.apps)


def queue_to_address(address, subject, template, context, *, secret_link, secret_for, headers=None):
    """One email to someone without an account; its secret link is made, when it is sent, for `secret_for` (what
    the app that registered the link knows them by) and this address."""
    context = {**context, "secret_link": SECRET_LINKS[secret_link].placeholder}
    body = render_to_string(template, context)
    if SECRET_LINKS[secret_link].placeholder not in body:
        raise ValueError(f"{template} does not show {{{{ secret_link }}}}")
    email = OutgoingEmail.objects.create(
        to=address,
        subject=subject_line(subject),
        body=body,
        headers=headers or {},
        secret_link=secret_link,
        secret_for=str(secret_for),
    )
    transaction.on_commit(partial(send, [email.pk]))


def queue(recipients, subject, template, context, headers=None, secret_link=""):
    """Write one email per recipient to the outbox and send them after the transaction commits.
    With `secret_link` (a name in SECRET_LINKS), the template shows its placeholder as {{ secret_link }}."""
    if secret_link:
        context = {**context, "secret_link": SECRET_LINKS[secret_link].placeholder}
    body = render_to_string(template, context)
    if secret_link and SECRET_LINKS[secret_link].placeholder not in body:
        raise ValueError(f"{template} does not show {{{{ secret_link }}}}")
    emails = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            to=user.email,
            subject=subject_line(subject),
            body=body,
            headers=headers or {},
            recipient=user,
            secret_link=secret_link,
        )
        for user in recipients
        if user.email
    )
    transaction.on_commit(partial(send, [email.pk for email in emails]))


def body_to_send(email):
    """The body with its secret link made now, for its recipient's account only."""
    if not email.secret_link:
        return email.body
    secret = SECRET_LINKS[email.secret_link]
    if not secret.for_account:
        return email.body.replace(secret.placeholder, secret.make(email))
    if email.recipient is None:
        raise LookupError("The account this email's link was for no longer exists: delete the email.")
    return email.body.replace(secret.placeholder, secret.make(email.recipient))


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
                with transaction.atomic():  # a link made for an email that then failed is undone with it
                    body = body_to_send(email)
                    # Made one line again for emails queued before subjects were, which would never go otherwise.
                    EmailMessage(subject_line(email.subject), body, None, [email.to], headers=email.headers).send()
            except Exception as error:  # noqa: BLE001 - any mail failure must leave the email queued
                email.last_error = f"{type(error).__name__}: {error}"
                logger.exception("Could not send email %s to %s; it stays queued", email.pk, email.to)
            else:
                email.sent_at, email.last_error = timezone.now(), ""
                sent += 1
            email.save()
    return sent
