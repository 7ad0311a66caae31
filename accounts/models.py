"""Who people are to the portal: borough leads' memberships, the account audit, requests to be deleted."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from reference.models import LocalAuthority

# What history and audit pages say where the person who acted has since been deleted.
DELETED_ACCOUNT = "a deleted account"


def person_name(user):
    """How the portal names someone who did something: their name, else their email, else that the account is gone."""
    if user is None:
        return DELETED_ACCOUNT
    return user.get_full_name() or user.email or user.username


class Membership(models.Model):
    """Makes a user a borough lead for one local authority."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    local_authority = models.ForeignKey(LocalAuthority, models.CASCADE, related_name="memberships")

    class Meta:
        db_table = "submissions_membership"
        constraints = [
            models.UniqueConstraint(fields=["user", "local_authority"], name="unique_membership"),
        ]
        ordering = ["local_authority__name"]

    def __str__(self):
        return f"{self.user} leads for {self.local_authority}"


class DeletionRequest(models.Model):
    """A person asking for their account and data to be deleted: a task for the admins, not a deletion."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="deletion_requests")
    reason = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "submissions_deletionrequest"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.user} asked to be deleted on {self.created_at:%Y-%m-%d}"


class AccountEvent(models.Model):
    """The audit trail of who may do what: roles, memberships and account flags, and who changed them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    group = models.CharField(max_length=150, blank=True, help_text="For changes to a role's permissions.")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    description = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "submissions_accountevent"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.description


class PasswordLinks(models.Model):
    """How many links to choose a password an account has been sent: each new one voids those before
    (accounts/tokens.py). Holds nothing about the person but the count."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    issued = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "password links"

    def __str__(self):
        return f"{self.issued} link(s) to choose a password sent to {self.user}"
