"""Reading plans: London's plans, a plan as its Word document reads, an action, My actions and the London board."""

from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from plans import board, boroughs, panels, roles, services
from plans.access import ActionMixin, PlanReaderMixin, RuleMixin
from plans.models import Action, Plan, Update
from plans.querysets import SOON


class PlanListView(RuleMixin, ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return Plan.objects.visible_to(self.request.user).select_related("sub_region")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(may_import=roles.may_plan_meetings(user), **kwargs)


def latest_first_updates():
    return Prefetch("updates", queryset=Update.objects.select_related("meeting", "recorded_by"))


class PlanDetailView(PlanReaderMixin, TemplateView):
    """The plan as the Word document reads: areas, then actions with owners, status and updates."""

    template_name = "plans/plan_detail.html"

    def get_context_data(self, **kwargs):
        plan, user = self.get_plan(), self.request.user
        actions = Action.objects.select_related("arose_at__plan__sub_region").prefetch_related(
            "owners__user", "owners__contact", latest_first_updates(), "themes"
        )
        areas = plan.areas.prefetch_related(Prefetch("actions", queryset=actions))
        return super().get_context_data(
            plan=plan,
            areas=areas,
            may_edit=roles.may_edit_plan(user, plan),
            may_build_packs=roles.may_build_packs(user, plan),
            meetings=plan.meetings.all()[:5],
            versions=plan.versions.all(),
            forward_plan=services.forward_plan_of(plan),
            **kwargs,
        )


def readable_event(description):
    """An event as people read it: "Action changed (due date)", as it has been written since, for those written
    before with the field's name ("due_on")."""
    head, _, rest = description.partition("):")
    if not head.startswith("Action changed (") or not rest:
        return description
    names = head.removeprefix("Action changed (").split(", ")
    return f"Action changed ({', '.join(services.changed_names(names))}):{rest}"


class ActionDetailView(ActionMixin, TemplateView):
    template_name = "plans/action_detail.html"

    def get_context_data(self, **kwargs):
        action, user = self.get_action(), self.request.user
        checklist = action.borough_checklist()
        tickable = roles.tickable_boroughs(user, action) if checklist else set()
        return super().get_context_data(
            action=action,
            plan=action.area.plan,
            updates=action.updates.select_related("meeting", "recorded_by"),
            practices=action.practices.published().select_related("local_authority"),
            calls=action.calls.opened(),
            resources=action.resources.all(),
            events=[(event, readable_event(event.description)) for event in action.events.select_related("actor")[:50]],
            arising=action.arising.select_related("area", "arose_at__plan__sub_region"),
            may_edit=roles.may_edit_plan(user, action.area.plan),
            may_update=roles.may_update_action(user, action),
            boroughs=[(*row, row[0].pk in tickable) for row in checklist],
            boroughs_line=boroughs.line_of(checklist),
            panels=panels.render(action, self.request),  # each panel shows itself to the plan's readers only
            **kwargs,
        )


class MyActionsView(RuleMixin, TemplateView):
    """What the signed-in owner has to do: overdue, due in the next two weeks, then the rest."""

    template_name = "plans/my_actions.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        mine = Action.objects.owned_by(self.request.user).with_plan().prefetch_related(latest_first_updates())
        return super().get_context_data(
            overdue=mine.overdue(today).order_by("due_on", "pk"),
            due_soon=mine.due_within(today).order_by("due_on", "pk"),
            others=mine.open().exclude(due_on__lte=today + SOON).order_by("area__plan", "area__number", "sort_key"),
            today=today,
            **kwargs,
        )


class BoardView(RuleMixin, TemplateView):
    """Every action the reader may see across London, filtered by status, sub-region, owner and theme, with counts."""

    template_name = "plans/board.html"

    def get_context_data(self, **kwargs):
        result = board.board_for(self.request.user, self.request.GET, today=timezone.localdate())
        return super().get_context_data(board=result, **kwargs)
