"""The daily job for calls for practice: run it from cron once a day (say at 9am)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from calls import services
from calls.models import Call
from calls.tracker import is_reminder_day


class Command(BaseCommand):
    help = (
        "Open calls for practice whose opening date has come, then remind the local authorities that have "
        "not submitted, on the days before the return-by date set by PORTAL_CALL_REMINDER_DAYS. "
        "Nobody is reminded twice in a day, so running it again is safe."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        for call in Call.objects.due_to_open(today):
            try:
                services.open_call(call=call)
            except services.TransitionNotAllowed:
                continue  # a moderator opened it a moment ago
            self.stdout.write(f"Opened ‘{call}’ and emailed its leads.")
        for call in Call.objects.opened().filter(return_by__gte=today):
            if is_reminder_day(call, today):
                reminded = services.remind_call(call=call, today=today)
                self.stdout.write(f"‘{call}’: reminded {len(reminded)} local authorities.")
