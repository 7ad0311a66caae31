"""Time moving on in a scenario test that runs a journey over weeks: the portal and the test see the same day."""

from datetime import timedelta

from django.apps import apps
from django.utils import timezone

REAL_NOW = timezone.now  # as imported, before any test moves it


def move_on(monkeypatch, days):
    """`days` after the test's first day: today's date and the clock, for the portal and the test alike, and for the
    fields stamped `default=timezone.now` (which hold the function itself, not its name)."""
    moved = REAL_NOW() + timedelta(days=days)
    monkeypatch.setattr(timezone, "now", lambda: REAL_NOW() + timedelta(days=days))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: timezone.localtime(moved).date())
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.default is REAL_NOW:
                monkeypatch.setattr(field, "_get_default", lambda: timezone.now())
