"""What someone else saved, beside what you typed, when an edit clashes: who, when, and each answer that differs."""

from dataclasses import dataclass

from plans.models import Action, PlanEvent, due_text


@dataclass
class TheirChange:
    who: str
    when: object
    differences: list  # (label, theirs, yours)


def _who(event):
    if event is None or event.actor is None:
        return "Someone"
    return event.actor.get_full_name() or event.actor.email


def _change(events, differences):
    event = events.select_related("actor").first()
    return TheirChange(who=_who(event), when=event.created_at if event else None, differences=differences)


def _differences(pairs):
    return [(label, theirs or "(empty)", yours or "(empty)") for label, theirs, yours in pairs if theirs != yours]


def _status(status, reason):
    label = Action.Status(status).label if status in Action.Status.values else status
    return f"{label}: {reason}" if status == Action.Status.BLOCKED and reason else label


def for_action_form(action, data, owners):
    """An action changed meanwhile, against the action form as typed (cleaned data, and its owners as chosen)."""
    pairs = [
        ("Action", action.what, data.get("what", "")),
        ("Activity", action.activity, data.get("activity", "")),
        ("Owners", "; ".join(map(str, action.owners.all())), "; ".join(map(str, owners))),
        ("Due", action.due_text, due_text(data.get("due_on"), data.get("due_by_meeting", ""))),
    ]
    if "status" in data:
        pairs.append(
            ("Status", _status(action.status, action.blocked_reason), _status(data["status"], data["blocked_reason"]))
        )
    return _change(action.events.all(), _differences(pairs))


def for_update(action, data):
    """An action whose status changed meanwhile, against the status chosen with an update; and the update they
    wrote with it, beside yours, which is what there is to reconcile."""
    pairs = [("Status", _status(action.status, action.blocked_reason), _status(data["status"], data["blocked_reason"]))]
    if latest := action.updates.order_by("-pk").first():
        pairs.append((f"Update ({latest.written_on:%-d %B %Y})", latest.text, data.get("text", "")))
    return _change(action.events.all(), _differences(pairs))


def for_area(area, data):
    pairs = [("Area for collaboration", area.title, data["title"]), ("Why it matters", area.why, data["why"])]
    events = PlanEvent.objects.filter(plan=area.plan_id, description__startswith=f"Area {area.number} ")
    return _change(events, _differences(pairs))


def for_plan(plan, data):
    """A plan whose title or sharing changed meanwhile, against the plan form as typed."""
    yes_no = {True: "Yes", False: "No"}
    pairs = [
        ("Title", plan.title, data["title"]),
        ("Shared across London", yes_no[plan.shared_across_london], yes_no[data["shared_across_london"]]),
    ]
    return _change(plan.events.filter(description__startswith="Plan changed"), _differences(pairs))
