"""
Calls for practice, read side: where each local authority a call went to has got to
(the returns tracker), and how much published practice each authority has by theme and
by sharing category (coverage). The writes (opening, reminding) are in services.py.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from calls.models import CallReminder
from reference import cached
from submissions.models import Practice

NOT_STARTED = "not_started"
# A local authority's state is that of its furthest-on entry for the call. Withdrawn and rejected
# entries are listed but do not count as a return.
STATES = {
    NOT_STARTED: "Not started",
    Practice.Status.DRAFT: "Draft",
    Practice.Status.CHANGES_REQUESTED: "Changes requested",
    Practice.Status.SUBMITTED: "Submitted",
    Practice.Status.PUBLISHED: "Published",
}
PROGRESS = list(STATES)
NOT_RETURNED = {NOT_STARTED, Practice.Status.DRAFT}  # these are the ones reminders go to


@dataclass
class Return:
    """One row of a call's returns tracker: a local authority it went to."""

    local_authority: object
    entries: list = field(default_factory=list)
    leads: list = field(default_factory=list)
    last_reminded: object = None
    last_reminded_on: object = None  # the day, as reminders count days

    @property
    def state(self):
        counted = [PROGRESS.index(entry.status) for entry in self.entries if entry.status in STATES]
        return PROGRESS[max(counted, default=0)]

    @property
    def state_label(self):
        return STATES[self.state]

    @property
    def is_returned(self):
        return self.state not in NOT_RETURNED

    @property
    def needs_reminder(self):
        return not self.is_returned and bool(self.leads)

    def may_be_reminded(self, today):
        """Reminding now would email someone: not returned, has a lead, and not reminded today already."""
        return self.needs_reminder and self.last_reminded_on != today


@dataclass
class Reach:
    """Whom a call's emails reach: its lead accounts, and the local authorities that have none."""

    leads: int
    reached: list
    unreachable: list

    @classmethod
    def of(cls, rows):
        return cls(
            leads=len({email for row in rows for email in row.leads}),
            reached=[row for row in rows if row.leads],
            unreachable=[row for row in rows if not row.leads],
        )


def returns(call, authorities=None):
    """A Return for each local authority of the call (or just these of them), in name order."""
    targets = call.local_authorities.select_related("sub_region").order_by("name")
    if authorities is not None:
        targets = targets.filter(pk__in=authorities)
    rows = {authority.pk: Return(authority) for authority in targets}
    entries = call.practices.entries().filter(local_authority__in=rows).order_by("created_at", "pk")
    for entry in entries.only("pk", "title", "status", "local_authority_id", "call_id"):
        rows[entry.local_authority_id].entries.append(entry)
    leads = User.objects.filter(is_active=True, memberships__local_authority__in=rows).order_by("email")
    for authority_id, email in leads.values_list("memberships__local_authority", "email"):
        rows[authority_id].leads.append(email)
    for reminder in CallReminder.objects.filter(call=call, local_authority__in=rows).order_by("sent_at"):
        rows[reminder.local_authority_id].last_reminded = reminder.sent_at
        rows[reminder.local_authority_id].last_reminded_on = reminder.sent_on
    return list(rows.values())


def state_counts(rows):
    """How many local authorities are in each state, in the tracker's order, for the counts at its top."""
    counts = dict.fromkeys(STATES, 0)
    for row in rows:
        counts[row.state] += 1
    return [(STATES[state], count) for state, count in counts.items()]


def reminder_days():
    """How many days before a call's return-by date the daily reminder job reminds (PORTAL_CALL_REMINDER_DAYS)."""
    return settings.PORTAL_CALL_REMINDER_DAYS


def is_reminder_day(call, today=None):
    today = today or timezone.localdate()
    return call.is_opened and (call.return_by - today).days in reminder_days()


# -- coverage -----------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    local_authority: object
    cells: list  # (column object, count, browse url)
    total: int


@dataclass
class CoverageTable:
    caption: str
    columns: list
    groups: list  # (sub-region, [CoverageRow])

    @property
    def gaps(self):
        return sum(1 for _, rows in self.groups for row in rows for _, count, _ in row.cells if not count)


def coverage(*, by, call=None, year=None):
    """
    Published entries of each local authority, by sub-region, against each theme ("theme") or
    sharing category ("category"): a table whose empty cells are the gaps.
    """
    lists = cached.lists()
    relation, parameter = {"theme": ("themes", "theme"), "category": ("categories", "category")}[by]
    published = Practice.objects.published()
    if call is not None:
        published = published.filter(call=call)
    if year is not None:
        published = published.filter(published_at__year=year)
    counts = {
        (authority, column): n
        for authority, column, n in published.values_list("local_authority", relation)
        .annotate(n=Count("pk"))
        .order_by()
    }
    totals = dict(published.values_list("local_authority").annotate(n=Count("pk")).order_by())
    columns = [
        column
        for column in lists[by].values()
        if by != "theme" or column.is_active or any(key[1] == column.pk for key in counts)
    ]
    extra = {"call": call.pk if call else None, "year": year}
    # Filtered by a call, only the local authorities it asked are rows, so its gaps are theirs.
    asked = set(call.local_authorities.values_list("pk", flat=True)) if call is not None else None
    groups = []
    for sub_region in lists["sub_region"].values():
        rows = []
        for authority in (a for a in lists["local_authority"].values() if a.sub_region_id == sub_region.pk):
            if asked is not None and authority.pk not in asked:
                continue
            cells = [
                (
                    column,
                    counts.get((authority.pk, column.pk), 0),
                    browse_url(local_authority=authority.slug, **{parameter: column.slug}, **extra),
                )
                for column in columns
            ]
            rows.append(CoverageRow(authority, cells, totals.get(authority.pk, 0)))
        if rows:
            groups.append((sub_region, rows))
    caption = "Published practice by local authority and " + ("theme" if by == "theme" else "who it is shared with")
    return CoverageTable(caption, columns, groups)


def browse_url(**parameters):
    return reverse("practice_list") + "?" + urlencode({k: v for k, v in parameters.items() if v is not None})


def years_published():
    """The years in which something was published, newest first, for the coverage filter."""
    dates = Practice.objects.published().dates("published_at", "year", order="DESC")
    return [date.year for date in dates]
