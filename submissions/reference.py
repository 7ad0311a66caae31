"""
The small reference lists every browse page needs (sub-regions, local authorities, themes,
categories), kept in the cache so a page does not query them each time. Saving any of
them in the admin clears the cache (see apps.py).
"""

from django.core.cache import cache

from submissions.models import LocalAuthority, SharingCategory, SubRegion, Theme

KEY = "reference-lists"


def lists():
    """{"sub_region": {pk: obj}, "local_authority": {...}, "theme": {...}, "category": {...}}, in display order."""
    cached = cache.get(KEY)
    if cached is None:
        cached = {
            "sub_region": SubRegion.objects.in_bulk(),
            "local_authority": {la.pk: la for la in LocalAuthority.objects.select_related("sub_region")},
            "theme": {theme.pk: theme for theme in Theme.objects.all()},
            "category": {category.pk: category for category in SharingCategory.objects.all()},
        }
        cache.set(KEY, cached, 60 * 60)
    return cached


def forget(**kwargs):
    cache.delete(KEY)
