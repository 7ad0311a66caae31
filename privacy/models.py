"""Personal data: warnings before unused accounts are closed, and the record of erasures."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class InactivityWarning(models.Model):
    """When a person whose account has not been used for a long time was told it will be closed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="inactivity_warning")
    warned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "submissions_inactivitywarning"

    def __str__(self):
        return f"{self.user} warned at {self.warned_at:%Y-%m-%d}"


class Erasure(models.Model):
    """
    That a person's data was erased: when, by whom and how many records changed. It keeps no copy
    of the data, only fingerprints (hashes) of the person's names and emails, so that restoring an
    older backup can erase them again (see erasure.py).
    """

    class Mode(models.TextChoices):
        REPLACED = "replaced", "Replaced with a description"
        AT_COUNCIL = "at_council", "Replaced with ‘a former contact at’ the entry's local authority"
        REMOVED = "removed", "Removed"

    fingerprints = models.JSONField(default=list, editable=False)
    mode = models.CharField(max_length=10, choices=Mode, default=Mode.REPLACED)
    replacement = models.CharField(max_length=200, blank=True)
    records = models.PositiveIntegerField(default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "submissions_erasure"
        ordering = ["-created_at", "-pk"]
        permissions = [("erase_person", "Can find, export and erase a person's data")]

    def __str__(self):
        return f"Erasure of {self.records} records at {self.created_at:%Y-%m-%d %H:%M}"
