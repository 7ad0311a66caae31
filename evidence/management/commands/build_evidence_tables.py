"""manage.py build_evidence_tables: build the pages' protected tables of the measures whose data changed."""

import time

from django.core.management.base import BaseCommand

from evidence import protection


class Command(BaseCommand):
    help = (
        "Build and keep the protected tables the evidence pages read, for the measures whose data changed since "
        "theirs were built (the others are left alone). run_scheduled runs it every five minutes; load_dataset "
        "runs it after a load."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        built, _ = protection.build_all()
        tables = "table" if len(built) == 1 else "tables"
        names = f" ({', '.join(measure.name for measure in built)})" if built else ""
        self.stdout.write(f"Built {len(built)} protected {tables}{names} in {time.perf_counter() - started:.1f} s.")
