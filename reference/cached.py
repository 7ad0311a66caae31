"""
The small reference lists every browse page needs (sub-regions, local authorities, themes,
categories). Each process keeps its own copy, as model objects, and every few seconds asks the
database whether anything has changed since (generation.py); saving any of them in the admin
bumps the generation (see apps.py). Unpickling them from a shared cache on every request cost
more than the page's search.
"""

import time

from reference import generation
from reference.models import LocalAuthority, SharingCategory, SubRegion, Theme

CHECK_EVERY = 5  # seconds a process trusts its copy before asking whether anything changed

_copy = {"generation": None, "checked": float("-inf"), "lists": None}


def lists():
    """{"sub_region": {pk: obj}, "local_authority": {...}, "theme": {...}, "category": {...}}, in display order."""
    now = time.monotonic()
    if now - _copy["checked"] > CHECK_EVERY:
        current = generation.current()
        if current != _copy["generation"] or _copy["lists"] is None:
            _copy.update(lists=_load(), generation=current)
        _copy["checked"] = now
    return _copy["lists"]


def _load():
    return {
        "sub_region": SubRegion.objects.in_bulk(),
        "local_authority": {la.pk: la for la in LocalAuthority.objects.select_related("sub_region")},
        "theme": {theme.pk: theme for theme in Theme.objects.all()},
        "category": {category.pk: category for category in SharingCategory.objects.all()},
    }


def forget(**kwargs):
    """After an admin's change: every process reloads its copy (this one at once, others within seconds)."""
    generation.bump()
    forget_here()


def forget_here():
    _copy.update(generation=None, checked=float("-inf"), lists=None)
