"""What goes in a meeting's pack: the plan with each action's news since the last meeting, then the shortlist."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q

from plans.models import Action, PlanEvent, Update
from submissions.models import Practice

ADDED = "Action added"  # how plans.services.add_action starts the event it records
ARISING = r"^Action [0-9.]+ arising "  # and how plans.services.raise_action words it


@dataclass
class PackAction:
    action: Action
    updates: list  # since the last meeting, newest first
    is_new: bool  # added since the last meeting
    is_overdue: bool  # open and due before the meeting

    @property
    def due_line(self):
        """ "Overdue: due 1 March 2026", or the due date as the plan says it."""
        return f"Overdue: due {self.action.due_text}" if self.is_overdue else self.action.due_text


@dataclass
class PackContent:
    meeting: object
    previous: object  # the meeting before, or None
    areas: list  # [(area, [PackAction])]
    entries: list  # shortlisted published practice, in the chosen order

    @property
    def since(self):
        return self.previous.held_on if self.previous else None


def news_since(meeting, previous):
    """Updates for the pack of `meeting`: those recorded at a meeting from the previous one (included) to this one
    (not), and those recorded at no meeting dated from the previous meeting's day on. An update recorded at a
    meeting belongs to the pack after it: the next meeting starts from what was said there."""
    at_meeting = Q(meeting__isnull=False, meeting__held_on__lt=meeting.held_on)
    elsewhere = Q(meeting__isnull=True)
    if previous:
        at_meeting &= Q(meeting__held_on__gte=previous.held_on)
        elsewhere &= Q(written_on__gte=previous.held_on)
    return Update.objects.filter(at_meeting | elsewhere)


def added_since(day):
    """Whether the action was added, or raised as an action arising, on or after the day (by the event recording
    it; imported actions have none)."""
    if day is None:
        return Q(pk__in=[])
    added = PlanEvent.objects.filter(Q(description__startswith=ADDED) | Q(description__regex=ARISING))
    added = added.filter(action=OuterRef("pk"))
    return Exists(added.filter(created_at__date__gte=day))


def content_of(meeting):
    """Every area and action, each action's news since the last meeting, and the shortlist."""
    previous = meeting.plan.meetings.filter(held_on__lt=meeting.held_on).order_by("-held_on").first()
    since = previous.held_on if previous else None
    updates = news_since(meeting, previous).order_by("-written_on", "-pk")
    linked = Practice.objects.published().select_related("local_authority").prefetch_related("categories", "themes")
    actions = (
        Action.objects.annotate(is_new=added_since(since))
        .select_related("area")
        .prefetch_related(
            "owners__user",
            Prefetch("updates", queryset=updates, to_attr="recent"),
            Prefetch("practices", queryset=linked.order_by("title", "pk"), to_attr="linked_practice"),
        )
    )
    areas = meeting.plan.areas.prefetch_related(Prefetch("actions", queryset=actions))
    items = meeting.pack_items.filter(practice__status="published").select_related("practice__local_authority")
    items = items.prefetch_related("practice__themes", "practice__contacts", "practice__categories")
    return PackContent(
        meeting=meeting,
        previous=previous,
        areas=[(area, [in_pack(action, meeting) for action in area.actions.all()]) for area in areas],
        entries=[item.practice for item in items],
    )


def in_pack(action, meeting):
    overdue = action.is_open and action.due_on is not None and action.due_on < meeting.held_on
    return PackAction(action=action, updates=action.recent, is_new=action.is_new, is_overdue=overdue)
