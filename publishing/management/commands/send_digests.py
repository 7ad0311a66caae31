"""Send the weekly and monthly digests of newly published practice: run it from cron once a day."""

from django.core.management.base import BaseCommand

from outbox import mail
from publishing import digests


class Command(BaseCommand):
    help = (
        "Email each subscriber whose digest is due the practice published since their last one. "
        "Safe to run again: a digest moves its subscriber on as it is written, so nothing is sent twice."
    )

    def handle(self, *args, **options):
        sent, empty = digests.send_due_digests()
        mail.send()  # the outbox, now, rather than waiting for send_pending_emails
        self.stdout.write(f"Sent {sent} digest(s); {empty} subscriber(s) had nothing new.")
