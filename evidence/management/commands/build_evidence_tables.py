"""manage.py build_evidence_tables: build the pages' protected tables not yet kept for the data as it is now."""

import time

from django.core.management.base import BaseCommand

from evidence import protection


class Command(BaseCommand):
    help = (
        "Build and keep the protected tables the evidence pages read, for the data as it is now (those already "
        "kept are left alone). run_scheduled runs it every five minutes; load_dataset runs it after a load."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        built = protection.build_all()
        tables = "table" if built == 1 else "tables"
        self.stdout.write(f"Built {built} protected {tables} in {time.perf_counter() - started:.1f} s.")
