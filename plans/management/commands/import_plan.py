"""Bring a sub-region's plan in: `python manage.py import_plan FILE --sub-region "North Central London"`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans import importer, reimport
from plans.models import Plan
from plans.summary import describe_parsed
from reference.models import SubRegion


class Command(BaseCommand):
    help = "Import a plan of areas for collaboration (.txt or .docx) written like the sub-regions' Word documents."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The plan file (.txt or .docx).")
        parser.add_argument("--sub-region", help="The sub-region's name; leave out for a plan for all of London.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be imported; save nothing.")
        parser.add_argument(
            "--new-version-of", type=int, metavar="PLAN", help="Save it as the next version of this plan (its number)."
        )
        parser.add_argument(
            "--separate-plan", action="store_true", help="Import it as a plan of its own even if it looks imported."
        )

    def handle(self, *args, path, sub_region, dry_run, new_version_of, separate_plan, **options):
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
        for warning in parsed.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        if parsed.errors:
            raise CommandError("Nothing was imported: " + " ".join(parsed.errors))
        for line in describe_parsed(parsed):
            self.stdout.write(line)
        if new_version_of:
            self.save_as_version(new_version_of, parsed, path.name, dry_run)
            return
        matches = reimport.already_imported(parsed, region)
        for plan in matches:
            where = plan.sub_region or "London as a whole"
            said = f"It may be imported already: plan {plan.pk}, ‘{plan.title}’ ({where})"
            self.stdout.write(self.style.WARNING(said))
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
            return
        if matches and not separate_plan:
            raise CommandError(
                "Nothing was imported: say --new-version-of PLAN to save it as that plan's next version, "
                "or --separate-plan to import it as a plan of its own."
            )
        plan = reimport.import_new(parsed=parsed, sub_region=region, by=None, source_name=path.name)
        self.stdout.write(self.style.SUCCESS(f"Imported plan {plan.pk}: {plan.title}"))

    def save_as_version(self, number, parsed, name, dry_run):
        plan = Plan.objects.filter(pk=number).first()
        if plan is None:
            raise CommandError(f"There is no plan {number}.")
        if dry_run:
            self.stdout.write(f"Dry run: nothing was saved (it would be the next version of ‘{plan.title}’).")
            return
        imported = reimport.import_as_version(plan=plan, parsed=parsed, by=None, source_name=name)
        self.stdout.write(self.style.SUCCESS(imported.said))
