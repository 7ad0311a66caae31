"""Run once a day from cron: `python manage.py send_plan_reminders`. Running it twice sends nothing twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from plans import reminders


class Command(BaseCommand):
    help = "Email owners a week before their actions are due, a weekly overdue list, and coordinators before meetings."

    def handle(self, *args, **options):
        sent = reminders.send_all(timezone.localdate())
        self.stdout.write("; ".join(f"{what}: {count} sent" for what, count in sent.items()))
