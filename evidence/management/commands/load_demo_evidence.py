"""manage.py load_demo_evidence: the illustrative disparity dataset (also loaded by load_demo)."""

from django.core.management.base import BaseCommand, CommandError

from evidence.demo import load_demo_evidence
from evidence.loading import LoadRefused


class Command(BaseCommand):
    help = "Generate and load the illustrative disparity dataset (33 boroughs × 19 groups × 5 years), replacing it."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, seed, **options):
        try:
            dataset = load_demo_evidence(seed)
        except LoadRefused as refused:
            overlaps = len(refused.report.overlaps)
            raise CommandError(
                f"Not loaded: figures from other datasets are already loaded for {overlaps:,} of the demo's stages, "
                "areas and periods, and illustrative figures never replace them."
            ) from refused
        self.stdout.write(f"Loaded {dataset.row_count} rows of illustrative disparity data (not official statistics).")
