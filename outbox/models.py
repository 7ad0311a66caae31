"""Outgoing email, written in the transaction that caused it and sent after commit."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class OutgoingEmail(models.Model):
    """
    An email written inside the transaction that caused it and sent after commit, so a
    failing mail server never undoes a decision. Unsent ones are retried by send_pending_emails.
    """

    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Extra mail headers, such as List-Unsubscribe on digests.
    headers = models.JSONField(default=dict, blank=True)
    # The account it is to, and the secret link made for that account when it is sent (outbox.mail.SECRET_LINKS),
    # never stored: the body holds the link's placeholder.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    secret_link = models.CharField(max_length=50, blank=True, editable=False)
    # Whom the secret link is for when they have no account (a plan contact's id): the app that makes it knows.
    secret_for = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        db_table = "submissions_outgoingemail"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.subject} to {self.to}"
