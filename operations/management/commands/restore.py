"""Restore a backup made by `manage.py backup` into a new, migrated, empty portal."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import RestoreError, counted, restore
from operations.stored_backups import restore_from_storage


class Command(BaseCommand):
    help = "Load a backup zip (data and files) into a freshly migrated database with no entries, then re-index."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A zip made by manage.py backup")
        parser.add_argument("--in-storage", action="store_true", help="Read it from the backups storage")

    def handle(self, *args, path, in_storage=False, **options):
        try:
            manifest = restore_from_storage(path) if in_storage else restore(path)
        except RestoreError as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(f"Restored {counted(manifest)}, backed up at {manifest['made_at']}.")
        erased = manifest["erasures_reapplied"]
        self.stdout.write(
            f"Erased again {erased} {'person' if erased == 1 else 'people'} erased since the backup was made."
        )
