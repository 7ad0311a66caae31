"""Remove uploaded files that no resource points at: kept for a proforma that was never saved."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from submissions.models import Resource
from submissions.uploads import KEPT_UPLOAD_MAX_AGE


class Command(BaseCommand):
    help = "Delete files under resources/ that belong to no resource and are older than a kept upload can be."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the files without deleting them.")

    def handle(self, *args, dry_run=False, **options):
        cutoff = timezone.now() - timedelta(seconds=KEPT_UPLOAD_MAX_AGE)
        in_use = set(Resource.objects.exclude(file="").values_list("file", flat=True))
        _, files = default_storage.listdir("resources") if default_storage.exists("resources") else ([], [])
        orphans = [
            name
            for name in (f"resources/{file}" for file in files)
            if name not in in_use and default_storage.get_modified_time(name) < cutoff
        ]
        for name in orphans:
            self.stdout.write(f"{'Would delete' if dry_run else 'Deleting'} {name}")
            if not dry_run:
                default_storage.delete(name)
        self.stdout.write(f"{len(orphans)} orphan file(s).")
