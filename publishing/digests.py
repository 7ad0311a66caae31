"""
Email digests of newly published practice: who is due one, what goes in it, and sending it
exactly once. Each subscription covers what was published up to its `covered_until`; a digest
moves that on in the same transaction as it writes the email, so running `send_digests` twice
(or in two processes at once) never sends anything twice.
"""

import calendar
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outbox.mail import link, names, queue
from publishing.models import DigestSubscription
from submissions.models import Practice


def add_month(moment):
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def next_due(subscription):
    if subscription.frequency == DigestSubscription.Frequency.WEEKLY:
        return subscription.covered_until + timedelta(days=7)
    return add_month(subscription.covered_until)


def new_practice(subscription, until):
    """Entries published since the subscriber's last digest, in their sub-regions and themes if they chose any."""
    practices = Practice.objects.published().filter(
        published_at__gt=subscription.covered_until, published_at__lte=until
    )
    if sub_regions := list(subscription.sub_regions.all()):
        practices = practices.filter(local_authority__sub_region__in=sub_regions)
    if themes := list(subscription.themes.all()):
        practices = practices.filter(themes__in=themes).distinct()
    return list(
        practices.select_related("local_authority__sub_region").order_by(
            "local_authority__sub_region__name", "local_authority__name", "title"
        )
    )


@transaction.atomic
def send_digest(subscription, now=None):
    """Send one subscriber's digest if it is due; returns how many entries it listed (None if not due)."""
    now = now or timezone.now()
    subscription = (
        DigestSubscription.objects.select_for_update(skip_locked=True)
        .select_related("user")
        .filter(pk=subscription.pk, user__is_active=True)
        .first()
    )
    if subscription is None or next_due(subscription) > now:
        return None  # another process has it, or it is not due
    practices = new_practice(subscription, now)
    if practices:
        period = "this week" if subscription.frequency == DigestSubscription.Frequency.WEEKLY else "this month"
        digest(subscription, practices, period)
    subscription.covered_until = now
    subscription.save(update_fields=["covered_until"])
    return len(practices)


def send_due_digests(now=None):
    """Every due digest; returns (digests sent, subscriptions with nothing new)."""
    now = now or timezone.now()
    sent = empty = 0
    for subscription in DigestSubscription.objects.filter(user__is_active=True).order_by("pk"):
        count = send_digest(subscription, now)
        sent += bool(count)
        empty += count == 0
    return sent, empty


def digest(subscription, practices, period):
    """A subscriber's digest of newly published practice, with a one-click unsubscribe (RFC 8058)."""
    unsubscribe_url = link("digest_unsubscribe", subscription.unsubscribe_token)
    context = {
        "subscription": subscription,
        "practices": practices,
        "period": period,
        "sub_region_names": names(subscription.sub_regions.order_by("name")),
        "theme_names": names(subscription.themes.order_by("name")),
        "unsubscribe_url": unsubscribe_url,
        "manage_url": link("digest_settings"),
        "base_url": settings.PORTAL_BASE_URL,
    }
    count = len(practices)
    subject = f"Sharing Practice: {count} newly published entr{'y' if count == 1 else 'ies'} {period}"
    headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    queue([subscription.user], subject, "emails/digest.txt", context, headers=headers)
