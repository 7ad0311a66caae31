"""What waits for each role, for the top of their home page: moderators, leads, coordinators and directors."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from accounts.roles import lead_authorities
from calls.models import Call
from calls.tracker import returns
from plans import roles
from plans.models import Action, Meeting, Plan
from plans.querysets import SOON
from submissions.models import Event, Practice, ThemeSuggestion

SHOWN = 10  # drafts listed on a lead's home; the rest are in My submissions
CALLS_SHOWN = 5  # calls a coordinator runs, soonest return first; the rest are in Calls for practice


@dataclass
class Waiting:
    submissions: int
    oldest_submitted_at: object
    calls_due: list  # (call, local authorities yet to return) with returns due in the coming week
    theme_suggestions: int

    def __bool__(self):
        return bool(self.submissions or self.calls_due or self.theme_suggestions)


def for_moderators(today=None):
    today = today or timezone.localdate()
    awaiting = Practice.objects.awaiting_review()
    oldest = awaiting.exclude(submitted_at=None).order_by("submitted_at").values_list("submitted_at", flat=True)
    due = Call.objects.opened().filter(return_by__range=(today, today + timedelta(days=6))).order_by("return_by")
    return Waiting(
        submissions=awaiting.count(),
        oldest_submitted_at=oldest.first(),
        calls_due=[(call, sum(not row.is_returned for row in returns(call))) for call in due],
        theme_suggestions=ThemeSuggestion.objects.filter(status=ThemeSuggestion.Status.PENDING).count(),
    )


@dataclass
class LeadWaiting:
    returned: list  # entries returned for changes, each with `moderator_message`
    drafts: list
    more_drafts: int  # drafts beyond those listed
    open_calls: list  # (call, the lead's own local authorities' returns)

    def __bool__(self):
        return bool(self.returned or self.drafts or self.open_calls)


def for_lead(user, today=None):
    """A lead's entries waiting for their changes (with the moderator's message), drafts, and calls still open."""
    today = today or timezone.localdate()
    theirs = Practice.objects.of_lead(user).select_related("local_authority", "revision_of").order_by("-updated_at")
    said = Event.objects.filter(practice=OuterRef("pk"), action=Event.Action.CHANGES_REQUESTED)
    message = Subquery(said.order_by("-created_at", "-pk").values("comment")[:1])
    drafts = list(theirs.filter(status=Practice.Status.DRAFT)[: SHOWN + 1])
    calls = Call.objects.open_to_lead(user, today)
    return LeadWaiting(
        returned=list(theirs.filter(status=Practice.Status.CHANGES_REQUESTED).annotate(moderator_message=message)),
        drafts=drafts[:SHOWN],
        more_drafts=theirs.filter(status=Practice.Status.DRAFT).count() - SHOWN if len(drafts) > SHOWN else 0,
        open_calls=[(call, returns(call, authorities=lead_authorities(user))) for call in calls],
    )


@dataclass
class RegionWaiting:
    """A sub-region's plans, each with its next meeting, and how many of their actions are overdue."""

    sub_region: object
    plans: list = field(default_factory=list)  # each with next_meeting_on and next_meeting (a pk)
    overdue: int = 0


def plans_of(regions, today):
    """RegionWaiting for each of the sub-regions, in name order, in three queries however many plans or meetings."""
    waiting = {region.pk: RegionWaiting(region) for region in regions.order_by("name")}
    if not waiting:
        return []
    coming = Meeting.objects.filter(plan=OuterRef("pk")).coming(today)
    plans = (
        Plan.objects.filter(sub_region__in=list(waiting))
        .select_related("sub_region")
        .annotate(
            next_meeting_on=Subquery(coming.values("held_on")[:1]), next_meeting=Subquery(coming.values("pk")[:1])
        )
    )
    for plan in plans:
        waiting[plan.sub_region_id].plans.append(plan)
    late = Action.objects.filter(area__plan__sub_region__in=list(waiting)).overdue(today)
    for region, count in late.values_list("area__plan__sub_region").annotate(n=Count("pk")).order_by():
        waiting[region].overdue = count
    return list(waiting.values())


@dataclass
class CoordinatorWaiting:
    regions: list  # RegionWaiting
    calls: list  # (call, local authorities yet to return, or None before it opens)
    more_calls: int


def for_coordinator(user, today=None):
    """A coordinator's plans with their next meetings and overdue actions, and the calls they run still open."""
    today = today or timezone.localdate()
    running = Call.objects.run_by(user).filter(return_by__gte=today).order_by("return_by", "pk")
    shown = list(running[: CALLS_SHOWN + 1])
    return CoordinatorWaiting(
        regions=plans_of(roles.coordinator_regions(user), today),
        calls=[
            (call, sum(not row.is_returned for row in returns(call)) if call.is_opened else None)
            for call in shown[:CALLS_SHOWN]
        ],
        more_calls=running.count() - CALLS_SHOWN if len(shown) > CALLS_SHOWN else 0,
    )


def for_director(user, today=None):
    """A director's sub-regions' plans, with their next meetings (those they also coordinate are shown as theirs)."""
    regions = roles.director_regions(user).exclude(pk__in=roles.coordinator_regions(user))
    return plans_of(regions, today or timezone.localdate())


@dataclass
class ActionsWaiting:
    open: int
    overdue: int
    due_soon: int  # in the next two weeks


def actions_of(user, today=None):
    """How many open actions the user owns in the plans, overdue and due soon among them; None if none."""
    today = today or timezone.localdate()
    counts = (
        Action.objects.owned_by(user)
        .open()
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            due_soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=today + SOON)),
        )
    )
    return ActionsWaiting(**counts) if counts["open"] else None
