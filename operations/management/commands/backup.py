"""Back up the whole portal (database content and uploaded files) to one zip."""

from django.core.management.base import BaseCommand

from operations.backup import backup, counted
from operations.stored_backups import backup_to_storage


class Command(BaseCommand):
    help = "Write the portal's data and uploaded files to a zip, for `manage.py restore` to load elsewhere."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The zip to write, such as backups/portal-2026-11-22.zip")
        parser.add_argument(
            "--in-storage", action="store_true", help="Keep it in the backups storage (PORTAL_STORAGE), not at a path"
        )

    def handle(self, *args, path, in_storage=False, **options):
        if in_storage:
            manifest, path = backup_to_storage(path)
        else:
            manifest = backup(path)
        self.stdout.write(f"Backed up {counted(manifest)} to {path}.")
