"""Deleting a plan (recorded in the account audit, which outlives it), correcting or deleting a meeting (its updates
stay, and say which meeting they were recorded at), and deleting or moving an action (recorded in the plan's audit)."""

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from accounts import audit
from plans.events import record
from plans.models import Action, ActionResource, Plan, SentPack, Update
from plans.services import touch
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
    packs = sent_pack_files(plan.meetings.all())
    plan.delete()
    _delete_files_on_commit(packs)
    return described


@transaction.atomic
def change_meeting(*, meeting, by, held_on, attendees, other_attendees, apologies=None, other_apologies=None):
    """A meeting's date and who attended (and sent apologies), corrected; its updates move to the new date with it."""
    was = f"{meeting}"
    if held_on != meeting.held_on:
        meeting.updates.filter(written_on=meeting.held_on).update(written_on=held_on)
    meeting.held_on, meeting.other_attendees = held_on, other_attendees
    if other_apologies is not None:
        meeting.other_apologies = other_apologies
    meeting.save(update_fields=["held_on", "other_attendees", "other_apologies"])
    meeting.attendees.set(attendees)
    if apologies is not None:
        meeting.apologies.set(apologies)
    record(meeting.plan, by, f"Meeting corrected: {was}, now {meeting}")
    return meeting


@transaction.atomic
def delete_meeting(*, meeting, by):
    """The meeting and its pack's shortlist; its updates stay, saying the meeting they were recorded at."""
    name = str(meeting)
    meeting.updates.update(meeting=None, former_meeting=name[:300])
    record(meeting.plan, by, f"{name} deleted; its updates are kept")
    packs = sent_pack_files([meeting])
    meeting.delete()
    _delete_files_on_commit(packs)
    return name


def sent_pack_files(meetings):
    """The stored Word and PDF files of the meetings' sent packs."""
    pairs = SentPack.objects.filter(meeting__in=meetings).values_list("word", "pdf")
    return [name for pair in pairs for name in pair if name]


def _delete_files_on_commit(names):
    """Stored files deleted once the rows naming them are gone for good (not if the transaction rolls back)."""
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def _counted(actions):
    """The updates and the documents and links of the actions, in words."""
    updates = plural(Update.objects.filter(action__in=actions).count(), "update")
    resources = ActionResource.objects.filter(action__in=actions).count()
    return updates, plural(resources, "document or link", "documents and links")


def stored_files(actions):
    """The names of the files uploaded to the actions' documents (links have none)."""
    return list(ActionResource.objects.filter(action__in=actions).exclude(file="").values_list("file", flat=True))


def _deleted(thing, *, plan, by, described, name, actions):
    """`thing` deleted, said in the plan's audit, and its actions' stored files deleted once committed."""
    files = stored_files(actions)
    record(plan, by, f"{described}: {name[:200]}")
    thing.delete()
    touch(plan)
    _delete_files_on_commit(files)
    return described


def with_arising(action):
    """The action and every action arising from it, however far down (they are deleted with it)."""
    return Action.objects.filter(Q(pk=action.pk) | Q(area=action.area_id, sort_key__startswith=f"{action.sort_key}."))


def what_goes_with_action(action):
    """What deleting the action deletes with it, in words: "2 updates and 1 document or link" (and the actions
    arising from it, if any: "1 action arising, 2 updates and 1 document or link")."""
    actions = with_arising(action)
    updates, resources = _counted(actions)
    if (arising := actions.count() - 1) > 0:
        return f"{plural(arising, 'action arising', 'actions arising')}, {updates} and {resources}"
    return f"{updates} and {resources}"


def what_goes_with_area(area):
    """What deleting the area deletes with it, in words: "2 actions, 3 updates and 0 documents and links"."""
    updates, resources = _counted(area.actions.all())
    return f"{plural(area.actions.count(), 'action')}, {updates} and {resources}"


@transaction.atomic
def delete_action(*, action, by):
    """The action with its updates, documents and links (their files once committed), said in the plan's audit."""
    action = Action.objects.select_for_update().select_related("area__plan").get(pk=action.pk)
    described = f"Action {action.number} deleted with {what_goes_with_action(action)}"
    actions = list(with_arising(action))
    return _deleted(action, plan=action.area.plan, by=by, described=described, name=action.what, actions=actions)


@transaction.atomic
def delete_area(*, area, by):
    """The area with its actions and theirs (files once committed); the other areas keep their numbers."""
    described = f"Area {area.number} deleted with {what_goes_with_area(area)}"
    Plan.objects.filter(pk=area.plan_id, highest_deleted_area__lt=area.number).update(highest_deleted_area=area.number)
    return _deleted(area, plan=area.plan, by=by, described=described, name=area.title, actions=area.actions.all())


@transaction.atomic
def move_action(*, action, by, area):
    """The action moved to the end of another area of its plan; the actions left behind keep their numbers."""
    action = Action.objects.select_for_update().select_related("area__plan").get(pk=action.pk)
    was, arising = action.number, list(with_arising(action).exclude(pk=action.pk))
    last = area.actions.filter(parent=None).aggregate(last=Max("position"))["last"] or 0
    action.area, action.position, action.parent = area, last + 1, None  # one arising becomes the area's own
    action.version += 1
    action.updated_at = timezone.now()
    action.save(update_fields=["area", "position", "parent", "version", "updated_at"])
    for each in sorted(arising, key=lambda a: a.sort_key):  # those arising from it go with it, under it
        each.area = area
        each.save(update_fields=["area"])
    record(area.plan, by, f"Action {was} moved to area {area.number} as {action.number}: {action.what[:200]}", action)
    touch(area.plan)
    return action
