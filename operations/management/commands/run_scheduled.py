"""Every scheduled job that is due, once across all servers: run it every five minutes on each."""

from django.core.management.base import BaseCommand, CommandError

from operations.scheduling import JOBS, run_due


class Command(BaseCommand):
    help = (
        "Run each scheduled job that is due (pending emails, call reminders, digests, plan reminders, retention). "
        "Safe on several servers at once: a database lock per job means no job runs twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", choices=[job.command for job in JOBS], default=[])
        parser.add_argument(
            "--now", action="store_true", help="Run the jobs chosen now even when not due (still never twice at once)"
        )

    def handle(self, *args, only=(), now=False, **options):
        # Each job's outcome is its JSON line on stdout (portal.jobs): nothing else is written there.
        outcomes = run_due(only=only, force=now)
        if any(outcome.startswith("failed") for outcome in outcomes.values()):
            raise CommandError("A scheduled job failed (see the log line for it).")
