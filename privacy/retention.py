"""
How long personal data is kept: each rule finds what has been kept longer than its period
(settings.PORTAL_RETENTION_DAYS, which the privacy notice quotes) and removes it.
`manage.py apply_retention` runs them daily from cron; `--dry-run` only reports.
"""

from dataclasses import dataclass
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import audit
from evidence import uploads as evidence_uploads
from outbox.mail import link, queue
from outbox.models import OutgoingEmail
from plans.models import ActionResource, SentPack
from privacy.models import InactivityWarning
from submissions.models import Practice, Resource

UPLOADS = "resources"


@dataclass
class Outcome:
    """What one rule found (and, unless a dry run, removed or did)."""

    what: str
    count: int


def cutoff(rule, now):
    return now - timedelta(days=settings.PORTAL_RETENTION_DAYS[rule])


def _delete(what, querysets, dry_run):
    count = sum(queryset.count() for queryset in querysets)
    if not dry_run:
        for queryset in querysets:
            queryset.delete()
    return Outcome(what, count)


def sign_in_logs(now, dry_run):
    before = cutoff("sign_in_logs", now)
    models = (AccessLog, AccessFailureLog, AccessAttempt)
    return _delete("sign-in records", [model.objects.filter(attempt_time__lt=before) for model in models], dry_run)


def sent_emails(now, dry_run):
    return _delete("sent emails", [OutgoingEmail.objects.filter(sent_at__lt=cutoff("sent_emails", now))], dry_run)


def failed_emails(now, dry_run):
    unsent = OutgoingEmail.objects.filter(sent_at=None, created_at__lt=cutoff("failed_emails", now))
    return _delete("emails never sent", [unsent], dry_run)


def files_in_use():
    """Every stored file a resource points at (an entry's, or an action's in a sub-region's plan), and every sent
    meeting pack, Word and PDF."""
    entries = Resource.objects.exclude(file="").values_list("file", flat=True)
    packs = {name for pair in SentPack.objects.values_list("word", "pdf") for name in pair if name}
    return set(entries) | set(ActionResource.objects.exclude(file="").values_list("file", flat=True)) | packs


def orphan_uploads(now, dry_run):
    """Files no resource points at: uploaded to a proforma (or an action) that was never saved."""
    before = cutoff("orphan_uploads", now)
    in_use = files_in_use()
    try:  # object storage has no folders to ask about: list the prefix, which may be empty
        _, files = default_storage.listdir(UPLOADS)
    except FileNotFoundError:
        files = []
    orphans = [
        name
        for name in (f"{UPLOADS}/{file}" for file in files)
        if name not in in_use and default_storage.get_modified_time(name) < before
    ]
    if not dry_run:
        for name in orphans:
            default_storage.delete(name)
    return Outcome("uploaded files no entry uses", len(orphans))


def unconfirmed_dataset_uploads(now, dry_run):
    """Files uploaded for an evidence preview that was never loaded nor cancelled, after a day."""
    stale = evidence_uploads.stale(now)
    if not dry_run:
        for name in stale:
            evidence_uploads.discard(name)
    return Outcome("dataset files never loaded", len(stale))


def closed_entries(now, dry_run):
    """Withdrawn and rejected entries (and changes to published ones) not changed for the period."""
    closed = Practice.objects.filter(
        status__in=[Practice.Status.WITHDRAWN, Practice.Status.REJECTED],
        updated_at__lt=cutoff("closed_entries", now),
    )
    files = set(Resource.objects.filter(practice__in=closed).exclude(file="").values_list("file", flat=True))
    outcome = _delete("withdrawn and rejected entries", [closed], dry_run)
    if not dry_run:
        still_used = set(Resource.objects.filter(file__in=files).values_list("file", flat=True))
        transaction.on_commit(lambda: [default_storage.delete(name) for name in files - still_used])
    return outcome


def _last_active():
    return Coalesce("last_login", "date_joined")


def accounts_to_warn(now):
    """Active accounts that will be closed within the warning period, not yet warned since last used."""
    days = settings.PORTAL_RETENTION_DAYS
    warn_before = now - timedelta(days=days["inactive_accounts"] - days["inactivity_warning"])
    warned = InactivityWarning.objects.filter(user=OuterRef("pk"), warned_at__gte=OuterRef("last_active"))
    return (
        User.objects.filter(is_active=True)
        .annotate(last_active=_last_active())
        .filter(last_active__lt=warn_before)
        .exclude(Exists(warned))
    )


def accounts_to_close(now):
    """Accounts unused for the whole period whose owners were warned at least the warning period ago."""
    days = settings.PORTAL_RETENTION_DAYS
    warned = InactivityWarning.objects.filter(
        user=OuterRef("pk"),
        warned_at__gte=OuterRef("last_active"),
        warned_at__lte=now - timedelta(days=days["inactivity_warning"]),
    )
    return (
        User.objects.filter(is_active=True)
        .annotate(last_active=_last_active())
        .filter(Q(last_active__lt=cutoff("inactive_accounts", now)), Exists(warned))
    )


def warn_inactive_accounts(now, dry_run):
    users = list(accounts_to_warn(now))
    if not dry_run:
        closes_on = timezone.localdate(now) + timedelta(days=settings.PORTAL_RETENTION_DAYS["inactivity_warning"])
        for user in users:
            InactivityWarning.objects.update_or_create(user=user, defaults={"warned_at": now})
            inactivity_warning(user, closes_on)
    return Outcome("people warned their unused account will be closed", len(users))


def close_inactive_accounts(now, dry_run):
    users = list(accounts_to_close(now))
    if not dry_run:
        for user in users:
            user.is_active = False
            user.save(update_fields=["is_active"])  # the account audit records it
    return Outcome("unused accounts closed", len(users))


RULES = [
    sign_in_logs,
    sent_emails,
    failed_emails,
    orphan_uploads,
    unconfirmed_dataset_uploads,
    closed_entries,
    close_inactive_accounts,
    warn_inactive_accounts,
]


@transaction.atomic
def apply_retention(*, dry_run=False, now=None):
    """Apply every rule; what was removed is recorded in the audit trail. Returns each rule's outcome."""
    now = now or timezone.now()
    outcomes = [rule(now, dry_run) for rule in RULES]
    done = [f"{outcome.count} {outcome.what}" for outcome in outcomes if outcome.count]
    if done and not dry_run:
        audit.record("Retention applied: " + "; ".join(done))
    return outcomes


def inactivity_warning(user, closes_on):
    """Tell someone their unused account will be closed unless they sign in."""
    context = {"user": user, "closes_on": closes_on, "sign_in_url": link("login")}
    queue([user], "Your Sharing Practice account will be closed", "emails/inactivity_warning.txt", context)
