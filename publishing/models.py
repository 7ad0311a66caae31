"""What readers receive beyond the pages: API keys for the JSON API, and email digests."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from reference.models import SubRegion, Theme


def new_unsubscribe_token():
    return secrets.token_urlsafe(24)


class DigestSubscription(models.Model):
    """A signed-in user's weekly or monthly email of newly published practice, optionally narrowed."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        MONTHLY = "monthly", "Monthly"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="digest")
    frequency = models.CharField(max_length=10, choices=Frequency, default=Frequency.WEEKLY)
    sub_regions = models.ManyToManyField(SubRegion, blank=True, related_name="+")
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    # Lets the link in each digest unsubscribe without signing in; it is the only thing it can do.
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_unsubscribe_token, editable=False)
    # Each digest covers what was published after this, and moves it on: nothing is sent twice.
    covered_until = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "submissions_digestsubscription"

    def __str__(self):
        return f"{self.get_frequency_display()} digest for {self.user}"


class ApiToken(models.Model):
    """
    A key for the JSON API that unlocks contacts' emails and phones, as signing in does on the site.
    Only a hash is stored: the key is shown once, when an admin makes it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the key is for, such as ‘LIIA website’.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "submissions_apitoken"
        ordering = ["name"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.name} ({self.user})"
