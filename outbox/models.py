"""Outgoing email, written in the transaction that caused it and sent after commit."""

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

    class Meta:
        db_table = "submissions_outgoingemail"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.subject} to {self.to}"
