"""Bring returned proformas in: `python manage.py import_proformas PATH...` (files or folders)."""

import hashlib
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from submissions import services
from submissions.importers import ProformaFileError, parse_proforma

SUFFIXES = {".docx", ".docm", ".doc", ".odt", ".rtf", ".pdf", ".txt"}  # .docm is refused with a message, not skipped
OUTCOMES = ["imported", "already imported", "would import", "refused", "not imported"]
ALWAYS_COUNTED = {"imported", "refused", "not imported"}


class Command(BaseCommand):
    help = (
        "Import completed Sharing Practice proformas (.docx or .txt) as draft entries. Exits with status 1 "
        "when any file is refused or not imported; the last line counts each outcome."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Proforma files, or folders of them.")
        parser.add_argument("--publish", action="store_true", help="Publish the entries instead of leaving drafts.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be imported; save nothing.")

    def handle(self, *args, paths, publish, dry_run, **options):
        counts = Counter()
        for path in files_in(paths):
            try:
                outcome, found = self.import_one(path, publish, dry_run)
            except ProformaFileError as error:
                outcome, found = "refused", str(error)
            except OSError as error:
                outcome, found = "refused", f"the file cannot be read ({error.strerror or error})"
            counts[outcome] += 1
            style = self.style.ERROR if outcome in ("refused", "not imported") else str
            self.stdout.write(style(f"{path}: {outcome}: {found}"))
        shown = [outcome for outcome in OUTCOMES if counts[outcome] or outcome in ALWAYS_COUNTED]
        summary = ", ".join(f"{counts[outcome]} {outcome}" for outcome in shown) + "."
        if counts["refused"] or counts["not imported"]:
            raise CommandError(summary, returncode=1)
        self.stdout.write(summary)

    def import_one(self, path, publish, dry_run):
        data = path.read_bytes()
        with path.open("rb") as file:
            parsed = parse_proforma(file, path.name)
        found = describe(parsed)
        if parsed.local_authority is None:
            return "not imported", f"no London local authority we know; {found}"
        if parsed.overlong:
            return "not imported", f"{' '.join(parsed.overlong)} Nothing is cut: shorten it in the file; {found}"
        if dry_run:
            return "would import", found
        practice, created = services.import_proforma(
            parsed=parsed, fingerprint=hashlib.sha256(data).hexdigest(), source=path.name, publish=publish
        )
        return ("imported" if created else "already imported"), f"entry {practice.pk}: {found}"


def files_in(paths):
    """Each path named, whatever it is (so a wrong file is refused, not skipped); proformas in each folder."""
    for path in paths:
        if path.is_dir():
            yield from sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield path


def describe(parsed):
    found = (
        f"{parsed.local_authority or parsed.local_authority_text or 'no local authority'}, ‘{parsed.title}’, "
        f"{len(parsed.categories)} categories, {len(parsed.contacts)} contacts, {len(parsed.links)} links"
    )
    warnings = "; ".join(message for messages in parsed.warnings.values() for message in messages)
    return found + (f"; warnings: {warnings}" if warnings else "")
