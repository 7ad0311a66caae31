"""Every change to a plan: validated, saved in one transaction, and recorded in the plan's audit trail."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import notifications
from plans.events import record
from plans.models import (
    LINE_LIMIT,
    Action,
    AgendaItem,
    Area,
    BoroughCheck,
    ForwardPlanItem,
    Meeting,
    Owner,
    PackItem,
    Plan,
    PlanContact,
    SentPack,
    Update,
)
from plans.owners import link_named_owners, owner_rows
from plans.summary import shortened
from plans.versions import save_version
from submissions import uploads

STALE = (
    "Someone else changed this {} while you were editing it. "
    "Their changes are shown below; what you typed is kept, check it and save again."
)


class StaleAction(Exception):
    """Someone else changed the action (or, as StaleArea, the area) since the page showing it was made."""

    def __init__(self, action):
        super().__init__(STALE.format("action"))
        self.action = action


class StaleArea(Exception):
    def __init__(self, area):
        super().__init__(STALE.format("area"))
        self.area = area


class StalePlan(Exception):
    def __init__(self, plan):
        super().__init__(STALE.format("plan"))
        self.plan = plan


class PackClosed(Exception):
    """A held meeting's pack, or a sent one, is history: nothing is added to it, taken out or moved."""

    def __init__(self, meeting, sent=False):
        if sent:
            super().__init__(f"The pack for the {meeting} has been sent: it is kept as it was and cannot be changed.")
        else:
            super().__init__(f"The {meeting} has been held: its pack is kept as it was and cannot be changed.")


def _pack_open(meeting):
    if meeting.is_held:
        raise PackClosed(meeting)
    if SentPack.objects.filter(meeting=meeting).exists():
        raise PackClosed(meeting, sent=True)


class Clashes(Exception):
    """On the meeting page: the actions whose status someone else changed since the page was made."""

    def __init__(self, actions):
        super().__init__(STALE.format("action"))
        self.actions = actions


def touch(plan):
    """The plan changed: its version goes up (pages showing it can tell) and its time of change is now."""
    Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1, updated_at=timezone.now())


def _lock(action, seen_version, checked=True):
    """The action as it is now, locked; StaleAction if it changed since the page showing it was made (unless
    what is done leaves its own fields alone: `checked` false)."""
    current = Action.objects.select_for_update().get(pk=action.pk)
    if checked and seen_version is not None and current.version != seen_version:
        raise StaleAction(current)
    return current


def changes_status(action, status, blocked_reason):
    """Whether an update changes the action's own fields (its status, or why it is blocked), not only adds to it."""
    if not status:
        return False
    return status != action.status or (status == Action.Status.BLOCKED and blocked_reason != action.blocked_reason)


@dataclass
class OwnerChoice:
    """One owner as a form gives it: an account, a named group of the sub-region, or a name."""

    kind: str
    user: object = None
    name: str = ""
    contact: object = None

    def __str__(self):
        return self.name or str(self.contact or self.user)


def group_name(kind, sub_region):
    """How a named group of a sub-region reads: "All North Central London DCSs"."""
    region = sub_region.name if sub_region else "London"
    return {Owner.Kind.DIRECTORS: f"All {region} DCSs", Owner.Kind.LEADS: f"Each {region} local authority's lead"}.get(
        kind, ""
    )


def _set_owners(action, owners):
    action.owners.all().delete()
    Owner.objects.bulk_create(
        Owner(action=action, kind=o.kind, user=o.user, name=o.name, contact=o.contact) for o in owners
    )


def next_place(area, parent=None):
    """The next free place in an area (among its own actions) or under an action (among those arising from it)."""
    siblings = parent.arising.all() if parent else area.actions.filter(parent=None)
    return (siblings.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def add_action(*, area, by, what, owners, activity="", due_on=None, due_by_meeting="", themes=(), calls=()):
    action = Action.objects.create(
        area=area,
        position=next_place(area),
        what=what,
        activity=activity,
        due_on=due_on,
        due_by_meeting=due_by_meeting,
    )
    _set_owners(action, owners)
    action.themes.set(themes)
    action.calls.set(calls)
    record(area.plan, by, f"Action added to area {area.number}: {what[:200]}", action)
    touch(area.plan)
    return action


MAX_DEPTH = 3  # 1.1.1.1: an action arising from one arising from one arising from an action of the plan


@transaction.atomic
def raise_action(*, by, what, owners, parent=None, area=None, meeting=None, due_on=None):
    """An action arising (from an action, numbered under it, or in an area, numbered as its own), at a meeting or
    not, tracked as any other: owners, due date, status, reminders, My actions."""
    if parent is not None:
        parent = Action.objects.select_for_update().select_related("area__plan").get(pk=parent.pk)
        area = parent.area
    else:
        area = Area.objects.select_for_update().select_related("plan").get(pk=area.pk)
    action = Action.objects.create(
        area=area, parent=parent, position=next_place(area, parent), what=what, due_on=due_on, arose_at=meeting
    )
    _set_owners(action, owners)
    where = f" at the {meeting}" if meeting else ""
    under = f"from {parent.number}" if parent else f"in area {area.number}"
    record(area.plan, by, f"Action {action.number} arising {under}{where}: {what[:200]}", action)
    touch(area.plan)
    return action


def changed_names(names):
    """Fields as people call them in an action's history: "due date", not due_on."""
    return [SAID_AS.get(name, name) for name in names]


SAID_AS = {"due_on": "due date", "due_by_meeting": "due by the meeting of", "blocked_reason": "why it is blocked"}


@transaction.atomic
def edit_action(*, action, by, seen_version, owners=None, themes=None, practices=None, calls=None, **fields):
    """Change an action's text, dates, status or links, unless someone else changed it first."""
    current = _lock(action, seen_version)
    changed = [name for name, value in fields.items() if getattr(current, name) != value]
    for name, value in fields.items():
        setattr(current, name, value)
    if current.status != Action.Status.BLOCKED:
        current.blocked_reason = ""
    current.version += 1
    current.updated_at = timezone.now()
    current.save()
    if owners is not None:
        before = {(owner.kind, owner.user_id, owner.name, owner.contact_id) for owner in current.owners.all()}
        after = {(o.kind, getattr(o.user, "pk", None), o.name, getattr(o.contact, "pk", None)) for o in owners}
        if before != after:
            changed.append("owners")
        _set_owners(current, owners)
    for name, values in (("themes", themes), ("practices", practices), ("calls", calls)):
        if values is not None:
            related = getattr(current, name)
            if set(related.values_list("pk", flat=True)) != {getattr(value, "pk", value) for value in values}:
                changed.append(name)
            related.set(values)
    plan = current.area.plan
    said = ", ".join(changed_names(changed)) or "nothing"
    record(plan, by, f"Action changed ({said}): {current.what[:200]}", current)
    touch(plan)
    return current


def _add_update(current, *, by, text, status, blocked_reason, meeting, written_on):
    """The update appended; the action's status (and version) change only when the update changes them."""
    changed = changes_status(current, status, blocked_reason)
    update = Update.objects.create(
        action=current,
        written_on=written_on,
        text=text,
        status=status if status and status != current.status else "",
        meeting=meeting,
        recorded_by=by,
    )
    if changed:
        current.status = status
        current.blocked_reason = blocked_reason if status == Action.Status.BLOCKED else ""
        current.version += 1
    current.updated_at = timezone.now()
    current.save()
    where = f" at {meeting}" if meeting else ""
    record(current.area.plan, by, f"Update{where} on: {current.what[:150]}", current)
    return update


@transaction.atomic
def add_update(*, action, by, seen_version, text, status="", blocked_reason="", written_on=None, meeting=None):
    """A dated update under an action (and its status, if it changed). Only a change of status is checked against
    the version seen: two owners adding updates at once both succeed."""
    current = _lock(action, seen_version, checked=False)
    if changes_status(current, status, blocked_reason) and seen_version not in (None, current.version):
        raise StaleAction(current)
    update = _add_update(
        current,
        by=by,
        text=text,
        status=status,
        blocked_reason=blocked_reason,
        meeting=meeting,
        written_on=written_on or timezone.localdate(),
    )
    touch(current.area.plan)
    return update


@dataclass
class MeetingEntry:
    """What was typed for one action on the meeting page."""

    action: Action
    seen_version: int
    text: str
    status: str
    blocked_reason: str = ""

    @property
    def is_empty(self):
        return not self.text and self.status in ("", self.action.status)


@transaction.atomic
def save_meeting_updates(*, meeting, by, entries):
    """All the updates typed at a meeting, saved together or not at all, then the plan's next version ("after the
    meeting of 8 December 2026"); returns how many were saved. Clashes names
    every action whose status the meeting changes that someone else changed since the page was made."""
    typed = [entry for entry in entries if not entry.is_empty]
    locked = {
        action.pk: action for action in Action.objects.select_for_update().filter(pk__in=[e.action.pk for e in typed])
    }
    clashed = [
        locked[entry.action.pk]
        for entry in typed
        if changes_status(locked[entry.action.pk], entry.status, entry.blocked_reason)
        and entry.seen_version not in (None, locked[entry.action.pk].version)
    ]
    if clashed:
        raise Clashes(clashed)
    saved = 0
    for entry in typed:
        current = locked[entry.action.pk]
        _add_update(
            current,
            by=by,
            text=entry.text,
            status=entry.status,
            blocked_reason=entry.blocked_reason,
            meeting=meeting,
            written_on=meeting.held_on,
        )
        saved += 1
    if saved:
        touch(meeting.plan)
        save_version(plan=meeting.plan, by=by, note=f"after the meeting of {meeting.held_on:%-d %B %Y}")
    return saved


@transaction.atomic
def record_meeting(*, plan, by, held_on, attendees=(), other_attendees="", apologies=(), other_apologies=""):
    meeting = Meeting.objects.create(
        plan=plan, held_on=held_on, other_attendees=other_attendees, other_apologies=other_apologies, created_by=by
    )
    meeting.attendees.set(attendees)
    meeting.apologies.set(apologies)
    record(plan, by, f"Meeting recorded: {held_on:%-d %B %Y}")
    return meeting


@transaction.atomic
def add_agenda_item(*, meeting, by, title, action=None, area=None, practice=None, decision="", minutes=""):
    """An item at the end of the meeting's agenda (with its decision and minutes, if they are known already)."""
    meeting = Meeting.objects.select_for_update().select_related("plan").get(pk=meeting.pk)
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=last + 1,
        title=title,
        action=action,
        area=area,
        practice=practice,
        decision=decision,
        minutes=minutes,
    )
    record(meeting.plan, by, f"Agenda item added to the {meeting}: {title[:200]}")
    return item


@transaction.atomic
def edit_agenda_item(*, item, by, **fields):
    """An item's wording, what it is about, and the decision and minutes recorded against it."""
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    AgendaItem.objects.filter(pk=item.pk).update(**fields)
    names = ", ".join(changed) or "nothing"
    record(item.meeting.plan, by, f"Agenda item {item.position} of the {item.meeting} changed ({names})")
    return AgendaItem.objects.get(pk=item.pk)


@transaction.atomic
def move_agenda_item(*, item, by, up):
    """Swap the item with the one above (or below) it; the items are numbered 1, 2, 3 … again."""
    items = list(item.meeting.agenda_items.select_for_update().order_by("position", "pk"))
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=each.pk).update(position=position)
    record(item.meeting.plan, by, f"Agenda of the {item.meeting} reordered")


@transaction.atomic
def remove_agenda_item(*, item, by):
    """The item taken off the agenda; those after it move up."""
    meeting = item.meeting
    record(meeting.plan, by, f"Agenda item taken off the {meeting}: {item.title[:200]}")
    item.delete()
    for position, each in enumerate(meeting.agenda_items.order_by("position", "pk"), start=1):
        AgendaItem.objects.filter(pk=each.pk).update(position=position)


def forward_plan_of(plan):
    """The plan's forward plan, soonest first: by the meeting's date or the month it is planned for."""
    items = plan.forward_plan.select_related("meeting")
    return items.order_by(Coalesce("meeting__held_on", "month").asc(nulls_last=True), "pk")


@transaction.atomic
def save_forward_plan_item(*, plan, by, item=None, **fields):
    """A new item on the plan's forward plan, or (given `item`) one changed."""
    if item is None:
        item = ForwardPlanItem.objects.create(plan=plan, **fields)
        record(plan, by, f"Added to the forward plan: {item.title[:200]}")
        return item
    ForwardPlanItem.objects.filter(pk=item.pk).update(**fields)
    record(plan, by, f"Forward plan item changed: {fields.get('title', item.title)[:200]}")
    return ForwardPlanItem.objects.get(pk=item.pk)


@transaction.atomic
def remove_forward_plan_item(*, item, by):
    record(item.plan, by, f"Taken off the forward plan: {item.title[:200]}")
    item.delete()


@transaction.atomic
def add_area(*, plan, by, title, why=""):
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # two areas added at once get two numbers
    number = max(plan.areas.aggregate(last=Max("number"))["last"] or 0, plan.highest_deleted_area) + 1
    area = Area.objects.create(plan=plan, number=number, title=title, why=why)
    record(plan, by, f"Area {number} added: {title[:200]}")
    touch(plan)
    return area


@transaction.atomic
def edit_area(*, area, by, title, why, seen_version=None):
    """An area's title and why, unless someone else changed them since the page showing them was made."""
    area = Area.objects.select_for_update().get(pk=area.pk)
    if seen_version is not None and area.version != seen_version:
        raise StaleArea(area)
    changed = [name for name, value in (("title", title), ("why", why)) if getattr(area, name) != value]
    area.title, area.why = title, why
    area.version += 1
    area.save(update_fields=["title", "why", "version"])
    record(area.plan, by, f"Area {area.number} changed ({', '.join(changed) or 'nothing'}): {title[:200]}")
    touch(area.plan)
    return area


@transaction.atomic
def add_to_pack(*, meeting, practice, by):
    """Shortlist a practice entry for the meeting's pack, at the end; a second time changes nothing."""
    _pack_open(meeting)
    last = meeting.pack_items.aggregate(last=Max("position"))["last"] or 0
    item, created = PackItem.objects.get_or_create(
        meeting=meeting, practice=practice, defaults={"position": last + 1, "added_by": by}
    )
    if created:
        record(meeting.plan, by, f"Added to the pack for {meeting}: {practice.title[:200]}")
    return item


@transaction.atomic
def remove_from_pack(*, item, by):
    _pack_open(item.meeting)
    record(item.meeting.plan, by, f"Taken out of the pack for {item.meeting}: {item.practice.title[:200]}")
    item.delete()


@transaction.atomic
def move_in_pack(*, item, by, up):
    """Swap the entry with the one above (or below) it."""
    _pack_open(item.meeting)
    items = list(item.meeting.pack_items.order_by("position", "pk"))
    index = items.index(item)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items, start=1):
        PackItem.objects.filter(pk=each.pk).update(position=position)
    record(item.meeting.plan, by, f"Pack for {item.meeting} reordered")


@transaction.atomic
def import_plan(*, parsed, sub_region, by, source_name):
    """Make a plan from a parsed file (plans.importer), with its first version numbered as the file says."""
    plan = Plan.objects.create(sub_region=sub_region, title=parsed.title, introduction=parsed.introduction)
    for parsed_area in parsed.areas:
        area = Area.objects.create(plan=plan, number=parsed_area.number, title=parsed_area.title, why=parsed_area.why)
        for position, parsed_action in enumerate(parsed_area.actions, start=1):
            action = Action.objects.create(
                area=area,
                position=position,
                what=parsed_action.what,
                activity=parsed_action.activity,
                owners_text=parsed_action.owners_text,
                **parsed_action.due(),
            )
            Owner.objects.bulk_create(owner_rows(action, parsed_action.owners, plan, group_name))
            Update.objects.bulk_create(
                Update(action=action, written_on=written_on, text=text, recorded_by=by, from_document=True)
                for written_on, text in parsed_action.updates
            )
            if parsed_action.updates:
                Action.objects.filter(pk=action.pk).update(status=Action.Status.IN_PROGRESS)
    add_forward_items(plan, parsed.forward_items)
    record(plan, by, f"Imported from {source_name[:200]}")
    save_version(plan=plan, by=by, number=parsed.version_number, note=f"imported from {source_name[:200]}")
    return plan


def add_forward_items(plan, parsed_items):
    """The document's plan-level items ("a further themed discussion … in September") as the plan's forward plan,
    each once: its words as the title (the whole in the notes when longer), planned for the month it names."""
    have = set(plan.forward_plan.values_list("notes", flat=True)) | set(
        plan.forward_plan.values_list("title", flat=True)
    )
    for item in parsed_items:
        words = " ".join(filter(None, [item.what, item.owners_text if item.owners_text != item.what else ""]))
        if words in have or shortened(words, LINE_LIMIT) in have:
            continue
        month = item.due_on.replace(day=1) if item.due_on else None
        notes = words if len(words) > LINE_LIMIT else ""
        ForwardPlanItem.objects.create(plan=plan, title=shortened(words, LINE_LIMIT), notes=notes, month=month)


@transaction.atomic
def create_plan(*, sub_region, title, shared_across_london, by):
    """An empty plan, for areas and actions to be added to on the portal."""
    plan = Plan.objects.create(sub_region=sub_region, title=title, shared_across_london=shared_across_london)
    record(plan, by, f"Plan started: {title[:200]}")
    return plan


@transaction.atomic
def edit_plan(*, plan, by, title, shared_across_london, shown=None):
    """The title and sharing, unless someone else changed them since the page showing them (`shown`: the title
    and sharing it showed) was made; changes elsewhere in the plan do not clash with them."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # as saved: a model form changes the one it was given
    if shown is not None and (plan.title, plan.shared_across_london) != shown:
        raise StalePlan(plan)
    changes = {"title": title, "shared across London": shared_across_london}
    current = {"title": plan.title, "shared across London": plan.shared_across_london}
    changed = [name for name, value in changes.items() if current[name] != value]
    Plan.objects.filter(pk=plan.pk).update(title=title, shared_across_london=shared_across_london)
    record(plan, by, f"Plan changed ({', '.join(changed) or 'nothing'}): {title[:200]}")
    touch(plan)


def add_resource(*, action, form, by):
    """A document or link from a valid ActionResourceForm, on the action. All or nothing: if the database fails
    after the file is stored, the file is deleted again."""
    try:
        return _add_resource(action, form, by)
    except BaseException:
        uploads.discard_stored([form.stored_file] if getattr(form, "stored_file", None) else [])
        raise


@transaction.atomic
def _add_resource(action, form, by):
    resource = form.save(commit=False)
    resource.action, resource.added_by = action, by
    resource.save()
    record(action.area.plan, by, f"Resource added: {resource.title[:150]}", action)
    return resource


@transaction.atomic
def remove_resource(*, resource, by):
    record(resource.action.area.plan, by, f"Resource taken off: {resource.title[:150]}", resource.action)
    if resource.file:
        resource.file.delete(save=False)
    resource.delete()


@transaction.atomic
def set_borough_done(*, action, local_authority, done, by):
    """Tick a borough off an action (who and when are kept), or take its tick back; the same twice changes nothing."""
    if done:
        _, changed = BoroughCheck.objects.get_or_create(
            action=action,
            local_authority=local_authority,
            defaults={"done_by": by if by is not None and by.is_authenticated else None},
        )
    else:
        changed = BoroughCheck.objects.filter(action=action, local_authority=local_authority).delete()[0] > 0
    if changed:
        said = "has done" if done else "has not done"
        record(action.area.plan, by, f"{local_authority.name} {said} action {action.number}", action)
    return changed


@transaction.atomic
def save_contact(*, plan, by, contact=None, **fields):
    """A plan contact added (to the plan's sub-region, or for London's plans the plan) or changed. A new contact
    takes the actions owned by their name ("Ben"): returns the contact and those actions."""
    adding = contact is None
    if adding:
        region = {"sub_region_id": plan.sub_region_id} if plan.sub_region_id else {"plan": plan}
        contact = PlanContact(**region)
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.save()
    linked = link_named_owners(contact) if adding else []
    record(plan, by, f"Contact {'added' if adding else 'changed'}: {contact.name[:200]}")
    return contact, linked


@transaction.atomic
def invite_contact(*, plan, contact, by):
    """The contact gets an account instead of links: the one with their email if there is one, else a new account
    and an invitation to choose a password. Their actions become that account's, in My actions; returns whether an
    invitation was sent."""
    user = User.objects.filter(Q(email__iexact=contact.email) | Q(username__iexact=contact.email)).first()
    invited = user is None
    if invited:
        first, _, last = contact.name.partition(" ")
        user = User(username=contact.email, email=contact.email, first_name=first[:150], last_name=last[:150])
        user.set_unusable_password()
        user.save()
        notifications.invitation(user)
    PlanContact.objects.filter(pk=contact.pk).update(user=user)
    Owner.objects.filter(contact=contact).update(kind=Owner.Kind.PERSON, user=user, contact=None, name="")
    said = "invited to make an account" if invited else "matched to their account"
    record(plan, by, f"Contact {said}: {contact.name[:200]}")
    return invited
