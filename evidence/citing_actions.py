"""
An action of a plan citing a measure: someone who may edit the plan (plans.roles.may_edit_plan: its sub-region's
coordinators, moderators and admins) adds the view they are looking at to one of its open actions, and they take it
away. Each is recorded in the plan's history, against the action.
"""

from django.db import transaction
from django.utils.text import Truncator

from evidence.models import ActionCitation
from plans import events
from plans.models import Action, Plan


def citable_actions(user):
    """The open actions of the plans the user may edit, in plan order: what the measure page offers them."""
    return (
        Action.objects.editable_by(user)
        .open()
        .select_related("area__plan")
        .order_by("area__plan__title", "area__plan", "area__number", "sort_key", "pk")
    )


def grouped(actions):
    """[(plan title, [(action pk, "1.2 What it is"), …]), …]: the actions under their plans, as a form offers them."""
    groups = {}
    for action in actions:
        what = Truncator(" ".join(action.what.split())).chars(100)  # on one line, cut where it says so
        groups.setdefault(action.area.plan, []).append((str(action.pk), f"{action.number} {what}"))
    return [(plan.title, choices) for plan, choices in groups.items()]


def removable_by(user):
    """Citations the user may take away: those of actions in the plans they may edit."""
    citations = ActionCitation.objects.select_related("action__area__plan", "measure")
    return citations.filter(action__in=Action.objects.editable_by(user))


def readable_by(user, action):
    """The action's citations, for the plan's readers only (an owner who does not read the plan sees none)."""
    if not Plan.objects.visible_to(user).filter(pk=action.area.plan_id).exists():
        return ActionCitation.objects.none()
    return ActionCitation.objects.named().filter(action=action).select_related("measure")


@transaction.atomic
def cite(*, action, measure, choice, period, by):
    """The action cites the measure as `choice` shows it; (citation, whether it is new). Citing a view again is no
    change."""
    citation, created = ActionCitation.objects.get_or_create(
        action=action,
        measure=measure,
        **choice.cited_view(),
        defaults={"area_name": choice.area.name, "period": period, "added_by": by},
    )
    if created:
        events.record(action.area.plan, by, f"Evidence cited: {citation}", action=action)
    return citation, created


@transaction.atomic
def remove_citation(*, citation, by):
    removed, _ = ActionCitation.objects.filter(pk=citation.pk).delete()
    if removed:  # not already taken away by someone else
        action = citation.action
        events.record(action.area.plan, by, f"Evidence no longer cited: {citation}", action=action)
