"""
One number that goes up whenever what the browse pages show changes: an entry is published,
changed or unpublished, or an admin edits a theme, local authority, sub-region or category.
Caches of derived data (browse page fragments, facet counts, the reference lists) are keyed by
it, and it lives in the database, so a change made in one process is seen by every process.
"""

from django.db.models import F

from reference.models import SearchState


def current():
    return SearchState.objects.get_or_create(pk=1)[0].generation


def bump():
    SearchState.objects.filter(pk=1).update(generation=F("generation") + 1)
