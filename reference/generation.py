"""
One number that goes up whenever what the browse pages show changes: an entry is published,
changed or unpublished, or an admin edits a theme, local authority, sub-region or category.
Caches of derived data (browse page fragments, facet counts, the reference lists) are keyed by
it, and it lives in the database, so a change made in one process is seen by every process.

A process reads it at most once a second: a cached browse page then costs no query at all (the read and
the connection's health check were most of its time). A change made in this process is seen here at once,
and in every other within the second.
"""

import time

from django.db import connection, transaction
from django.db.models import F

from reference.models import SearchState

TRUST_FOR = 1  # second

_last = {"generation": None, "read": float("-inf")}


def current():
    now = time.monotonic()
    if now - _last["read"] < TRUST_FOR:
        return _last["generation"]
    value = SearchState.objects.get_or_create(pk=1)[0].generation
    # Inside a transaction the number may be one it has not committed (and may roll back): not for other requests.
    if not connection.in_atomic_block:
        _last.update(generation=value, read=now)
    return value


def bump():
    SearchState.objects.filter(pk=1).update(generation=F("generation") + 1)
    forget_here()
    transaction.on_commit(forget_here)  # and again once others can read it


def forget_here():
    """Read the number again at the next ask (after a change here; tests)."""
    _last.update(generation=None, read=float("-inf"))
