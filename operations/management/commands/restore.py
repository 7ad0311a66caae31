"""Restore a backup made by `manage.py backup` into a new, migrated, empty portal."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import RestoreError, restore


class Command(BaseCommand):
    help = "Load a backup zip (data and files) into a freshly migrated database with no entries, then re-index."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A zip made by manage.py backup")

    def handle(self, *args, path, **options):
        try:
            manifest = restore(path)
        except RestoreError as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(
            f"Restored {manifest['entries']} entries and {manifest['files']} files, backed up at {manifest['made_at']}."
        )
        self.stdout.write(f"Erased again {manifest['erasures_reapplied']} people erased since the backup was made.")
