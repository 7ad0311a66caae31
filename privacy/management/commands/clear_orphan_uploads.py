"""Remove uploaded files that no resource points at: kept for a proforma that was never saved."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from privacy.retention import orphan_uploads


class Command(BaseCommand):
    help = "Delete files under resources/ that belong to no resource, after PORTAL_KEEP_ORPHAN_UPLOADS_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the files without deleting them.")

    def handle(self, *args, dry_run=False, **options):
        outcome = orphan_uploads(timezone.now(), dry_run)
        self.stdout.write(f"{outcome.count} orphan file(s){' would be' if dry_run else ''} deleted.")
