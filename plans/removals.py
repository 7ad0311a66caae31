"""Deleting a plan (recorded in the account audit, which outlives it) and correcting or deleting a meeting
(its updates stay, and say which meeting they were recorded at)."""

import logging

from django.db import transaction

from accounts import audit
from plans.events import record
from plans.models import Action, Update
from plans.summary import plural

log = logging.getLogger(__name__)


def what_goes_with(plan):
    """What deleting the plan deletes with it, in words: "5 areas, 6 actions, 7 updates and 1 meeting"."""
    actions = Action.objects.filter(area__plan=plan)
    parts = [
        plural(plan.areas.count(), "area"),
        plural(actions.count(), "action"),
        plural(Update.objects.filter(action__in=actions).count(), "update"),
        plural(plan.meetings.count(), "meeting"),
    ]
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


@transaction.atomic
def delete_plan(*, plan, by):
    """The plan and everything in it; the account audit and the log keep who deleted it, when, and what went."""
    described = f"Plan ‘{plan.title[:200]}’ ({plan.region_name}) deleted with {what_goes_with(plan)}"
    audit.record(f"{described} by {by}", user=by)
    log.info("%s by user %s", described, by.pk)
    plan.delete()
    return described


@transaction.atomic
def change_meeting(*, meeting, by, held_on, attendees, other_attendees):
    """A meeting's date and who attended, corrected; its updates move to the new date with it."""
    was = f"{meeting}"
    if held_on != meeting.held_on:
        meeting.updates.filter(written_on=meeting.held_on).update(written_on=held_on)
    meeting.held_on, meeting.other_attendees = held_on, other_attendees
    meeting.save(update_fields=["held_on", "other_attendees"])
    meeting.attendees.set(attendees)
    record(meeting.plan, by, f"Meeting corrected: {was}, now {meeting}")
    return meeting


@transaction.atomic
def delete_meeting(*, meeting, by):
    """The meeting and its pack's shortlist; its updates stay, saying the meeting they were recorded at."""
    name = str(meeting)
    meeting.updates.update(meeting=None, former_meeting=name[:300])
    record(meeting.plan, by, f"{name} deleted; its updates are kept")
    meeting.delete()
    return name
