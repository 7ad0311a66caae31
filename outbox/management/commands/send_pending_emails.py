"""Retry emails the mail server did not take: run from cron every few minutes."""

from django.core.management.base import BaseCommand, CommandError

from outbox import mail
from outbox.models import OutgoingEmail


class Command(BaseCommand):
    help = "Send emails still waiting in the outbox (for example after the mail server was down)."

    def handle(self, *args, **options):
        sent = mail.send()
        waiting = OutgoingEmail.objects.filter(sent_at=None)
        failing = waiting.exclude(last_error="").order_by("-pk")
        if last := failing.first():
            # A failure, not "ok": the job's outcome (and the exit status) shows the emails are stuck, and why.
            raise CommandError(
                f"{failing.count()} email(s) could not be sent and are still waiting (last error: "
                f"{last.last_error[:80]}); sent {sent}, {waiting.count()} waiting in all."
            )
        self.stdout.write(f"Sent {sent} email(s); {waiting.count()} still waiting.")
