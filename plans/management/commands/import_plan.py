"""Bring a sub-region's plan in: `python manage.py import_plan FILE --sub-region "North Central London"`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans import importer, reimport
from plans.summary import describe_parsed
from reference.models import SubRegion


class Command(BaseCommand):
    help = "Import a plan of areas for collaboration (.txt or .docx) written like the sub-regions' Word documents."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The plan file (.txt or .docx).")
        parser.add_argument("--sub-region", help="The sub-region's name; leave out for a plan for all of London.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be imported; save nothing.")

    def handle(self, *args, path, sub_region, dry_run, **options):
        region = None
        if sub_region:
            region = SubRegion.objects.filter(name__iexact=sub_region.strip()).first()
            if region is None:
                names = ", ".join(SubRegion.objects.values_list("name", flat=True))
                raise CommandError(f"No sub-region is called ‘{sub_region}’. The sub-regions are: {names}.")
        try:
            if path.stat().st_size > importer.MAX_BYTES:  # refused by its size, before it is read
                raise CommandError(f"Nothing was imported: {importer.TOO_LARGE}")
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: the file cannot be read ({error.strerror or error})") from error
        parsed = importer.parse(path.name, content)
        for line in describe_parsed(parsed):
            self.stdout.write(line)
        for warning in parsed.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        if parsed.errors:
            raise CommandError("Nothing was imported: " + " ".join(parsed.errors))
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
            return
        plan = reimport.import_new(parsed=parsed, sub_region=region, by=None, source_name=path.name)
        self.stdout.write(self.style.SUCCESS(f"Imported plan {plan.pk}: {plan.title}"))
