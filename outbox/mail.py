"""
Sending email through the outbox. Emails are written to the outbox inside the transaction
that caused them and sent once it commits; a failure is logged and left for
`manage.py send_pending_emails` to retry, and never undoes the action. Who is told what
is each app's own notifications.py.
"""

import logging
import re
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
