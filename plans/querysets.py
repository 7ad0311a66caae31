"""The named questions asked of plans, actions and meetings."""

from datetime import timedelta

from django.db import models
from django.db.models import Q

from accounts.roles import is_moderator
from plans import roles

SOON = timedelta(days=14)


def readable(user, path=""):
    """Plans are never public: signed-in people read their own sub-regions' and those shared across London.
    `path` leads from the model asked to its plan ("area__plan__")."""
    if not user.is_authenticated:
        return Q(**{f"{path}pk__in": []})
    if is_moderator(user):
        return Q()
    return Q(**{f"{path}shared_across_london": True}) | Q(**{f"{path}sub_region__in": roles.reader_region_ids(user)})


def editable(user, path=""):
    """Moderators and admins edit every plan; coordinators their sub-regions'."""
    if is_moderator(user):
        return Q()
    return Q(**{f"{path}sub_region__in": roles.coordinator_regions(user)})


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(readable(user))

    def editable_by(self, user):
        return self.filter(editable(user))


class InPlanQuerySet(models.QuerySet):
    """Things that belong to a plan, readable and editable as their plan is; `plan_path` leads to it."""

    plan_path = "plan__"

    def visible_to(self, user):
        return self.filter(readable(user, self.plan_path))

    def editable_by(self, user):
        return self.filter(editable(user, self.plan_path))


class ActionQuerySet(InPlanQuerySet):
    plan_path = "area__plan__"

    def owned_by(self, user):
        """Actions the user owns: by name, or as one of the directors or leads of the plan's sub-region."""
        if not user.is_authenticated:
            return self.none()
        owned = (
            Q(owners__user=user)
            | Q(owners__kind="directors", area__plan__sub_region__in=roles.director_regions(user))
            | Q(owners__kind="leads", area__plan__sub_region__in=roles.lead_regions(user))
        )
        return self.filter(pk__in=self.model.objects.filter(owned).values("pk"))

    def open(self):
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)

    def due_within(self, today, period=SOON):
        return self.open().filter(due_on__gte=today, due_on__lte=today + period)

    def with_plan(self):
        return self.select_related("area__plan__sub_region").prefetch_related("owners__user", "owners__contact")


class MeetingQuerySet(InPlanQuerySet):
    def coming(self, today):
        return self.filter(held_on__gte=today).order_by("held_on", "pk")


class PlanContactQuerySet(models.QuerySet):
    def for_plan(self, plan):
        """The contacts a plan's actions may be owned by: its sub-region's, or (London's plans) its own."""
        if plan.sub_region_id:
            return self.filter(sub_region=plan.sub_region_id)
        return self.filter(plan=plan)
