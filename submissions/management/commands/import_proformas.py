"""Bring returned proformas in: `python manage.py import_proformas PATH...` (files or folders)."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand

from submissions import services
from submissions.importers import ProformaFileError, parse_proforma

SUFFIXES = {".docx", ".txt"}


class Command(BaseCommand):
    help = "Import completed Sharing Practice proformas (.docx or .txt) as draft entries."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Proforma files, or folders of them.")
        parser.add_argument("--publish", action="store_true", help="Publish the entries instead of leaving drafts.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be imported; save nothing.")

    def handle(self, *args, paths, publish, dry_run, **options):
        files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.suffix.lower() in SUFFIXES)
        refused = 0
        for path in files:
            try:
                self.stdout.write(f"{path}: {self.import_one(path, publish, dry_run)}")
            except ProformaFileError as error:
                refused += 1
                self.stdout.write(self.style.ERROR(f"{path}: refused: {error}"))
        self.stdout.write(f"{len(files)} file(s), {refused} refused.")

    def import_one(self, path, publish, dry_run):
        data = path.read_bytes()
        with path.open("rb") as file:
            parsed = parse_proforma(file, path.name)
        found = (
            f"{parsed.local_authority or parsed.local_authority_text or 'no local authority'}, ‘{parsed.title}’, "
            f"{len(parsed.categories)} categories, {len(parsed.contacts)} contacts, {len(parsed.links)} links"
        )
        warnings = "; ".join(message for messages in parsed.warnings.values() for message in messages)
        found += f"; warnings: {warnings}" if warnings else ""
        if dry_run:
            return f"would import {found}"
        practice, created = services.import_proforma(
            parsed=parsed, fingerprint=hashlib.sha256(data).hexdigest(), source=path.name, publish=publish
        )
        if practice is None:
            return f"not imported, no local authority we know: {found}"
        return f"{'imported' if created else 'already imported'} as entry {practice.pk}: {found}"
