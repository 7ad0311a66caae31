"""Deleting an action or an area (asking first, saying what goes with it) and moving an action to another area of its
plan."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView

from plans import removals
from plans.access import ActionEditorMixin, PlanEditorMixin
from plans.action_views import ActionFormMixin, ErrorSummaryMixin
from plans.forms import MoveActionForm


class ActionDeleteView(ActionEditorMixin, TemplateView):
    template_name = "plans/action_delete.html"

    def get_context_data(self, **kwargs):
        action = self.get_action()
        return super().get_context_data(
            action=action,
            plan=action.area.plan,
            goes_with=removals.what_goes_with_action(action),
            stored_files=len(removals.stored_files([action])),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        plan = self.get_action().area.plan
        described = removals.delete_action(action=self.get_action(), by=request.user)
        messages.success(request, f"{described}.")
        return redirect(plan)


class ActionMoveView(ActionFormMixin, ActionEditorMixin, ErrorSummaryMixin, FormView):
    template_name = "plans/action_move.html"
    form_class = MoveActionForm

    def form_valid(self, form):
        action = self.get_action()
        area = action.area.plan.areas.get(number=form.cleaned_data["area"])
        was = action.number
        moved = removals.move_action(action=action, by=self.request.user, area=area)
        messages.success(self.request, f"Action {was} is moved to area {area.number}, as action {moved.number}.")
        return redirect(moved)


class AreaDeleteView(PlanEditorMixin, TemplateView):
    """An area of the plan, by its number, deleted with its actions; the other areas keep their numbers."""

    template_name = "plans/area_delete.html"

    def get_area(self):
        return get_object_or_404(self.get_plan().areas, number=self.kwargs["area"])

    def get_context_data(self, **kwargs):
        area = self.get_area()  # replaces the URL's area number, which TemplateView passes in kwargs
        return {
            **super().get_context_data(**kwargs),
            "area": area,
            "plan": self.get_plan(),
            "goes_with": removals.what_goes_with_area(area),
            "stored_files": len(removals.stored_files(area.actions.all())),
        }

    def post(self, request, *args, **kwargs):
        described = removals.delete_area(area=self.get_area(), by=request.user)
        messages.success(request, f"{described}.")
        return redirect(self.get_plan())
