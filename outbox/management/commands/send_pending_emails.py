"""Retry emails the mail server did not take: run from cron every few minutes."""

from django.core.management.base import BaseCommand

from outbox import mail
from outbox.models import OutgoingEmail


class Command(BaseCommand):
    help = "Send emails still waiting in the outbox (for example after the mail server was down)."

    def handle(self, *args, **options):
        sent = mail.send()
        waiting = OutgoingEmail.objects.filter(sent_at=None).count()
        self.stdout.write(f"Sent {sent} email(s); {waiting} still waiting.")
