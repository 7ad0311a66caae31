"""Calls for practice: the proforma circulated to a set of local authorities, and reminders of it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.roles import is_moderator
from calls import rules
from reference.models import LocalAuthority, Theme
from submissions.models import COMMENT_LIMIT


class CallQuerySet(models.QuerySet):
    def opened(self):
        return self.exclude(opened_at=None)

    def due_to_open(self, today):
        """Calls whose opening date has come and that are still taking returns."""
        return self.filter(opened_at=None, opens_on__lte=today, return_by__gte=today)

    def visible_to(self, user):
        """Moderators see every call; coordinators the ones they run too; other signed-in people the opened ones."""
        return self.all() if is_moderator(user) else self.opened() | self.run_by(user)

    def run_by(self, user):
        """The calls the user runs (calls.rules): opens, tracks, reminds, downloads."""
        return rules.runnable(self, user)

    def open_to_lead(self, user, today):
        """Opened calls still taking returns that ask one of the user's local authorities."""
        return (
            self.opened()
            .filter(return_by__gte=today, local_authorities__memberships__user=user)
            .distinct()
            .order_by("return_by", "pk")
        )


class Call(models.Model):
    """A call for practice: the proforma circulated to a set of local authorities, with a date to return it by."""

    title = models.CharField(max_length=200)
    message = models.TextField(
        max_length=COMMENT_LIMIT, help_text="What you are asking for and why. It goes in the email to the leads."
    )
    local_authorities = models.ManyToManyField(LocalAuthority, related_name="calls")
    themes = models.ManyToManyField(Theme, blank=True, related_name="calls")
    opens_on = models.DateField("opening date")
    return_by = models.DateField("return-by date")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # When the leads were emailed; until then the call can still be changed.
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        db_table = "submissions_call"
        ordering = ["-return_by", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(return_by__gte=models.F("opens_on")), name="call_returns_after_opening"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("call_detail", args=[self.pk])

    @property
    def is_opened(self):
        return self.opened_at is not None

    @property
    def is_past_return_by(self):
        return timezone.localdate() > self.return_by


class CallReminder(models.Model):
    """One reminder of a call to one local authority's leads; at most one a day."""

    call = models.ForeignKey(Call, models.CASCADE, related_name="reminders")
    local_authority = models.ForeignKey(LocalAuthority, models.CASCADE, related_name="+")
    sent_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        db_table = "submissions_callreminder"
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "local_authority", "sent_on"], name="one_reminder_a_day"),
        ]

    def __str__(self):
        return f"Reminder of {self.call} to {self.local_authority} on {self.sent_on}"
