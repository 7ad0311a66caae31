"""Index every published entry afresh: after renaming a theme or a local authority, say."""

from django.core.management.base import BaseCommand

from search import engine


class Command(BaseCommand):
    help = "Rebuild the search index and its vocabulary from the published entries."

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {engine.rebuild()} published entries.")
