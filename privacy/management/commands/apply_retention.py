"""Remove personal data kept longer than the privacy notice says (daily, from cron)."""

from django.core.management.base import BaseCommand

from privacy.retention import apply_retention


class Command(BaseCommand):
    help = "Apply the retention periods of PORTAL_RETENTION_DAYS; --dry-run reports what would be removed."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would be removed; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        verb = "Would remove or do" if dry_run else "Removed or did"
        for outcome in apply_retention(dry_run=dry_run):
            self.stdout.write(f"{verb}: {outcome.count} {outcome.what}")
