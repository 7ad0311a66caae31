"""Deleting an action (asking first, saying what goes with it) and moving it to another area of its plan."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from plans import removals
from plans.access import ActionEditorMixin
from plans.action_views import ErrorSummaryMixin
from plans.forms import MoveActionForm


class ActionDeleteView(ActionEditorMixin, TemplateView):
    template_name = "plans/action_delete.html"

    def get_context_data(self, **kwargs):
        action = self.get_action()
        goes_with = removals.what_goes_with_action(action)
        return super().get_context_data(action=action, plan=action.area.plan, goes_with=goes_with, **kwargs)

    def post(self, request, *args, **kwargs):
        plan = self.get_action().area.plan
        described = removals.delete_action(action=self.get_action(), by=request.user)
        messages.success(request, f"{described}.")
        return redirect(plan)


class ActionMoveView(ActionEditorMixin, ErrorSummaryMixin, FormView):
    template_name = "plans/action_move.html"
    form_class = MoveActionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.get_action()}

    def get_context_data(self, **kwargs):
        action = self.get_action()
        return super().get_context_data(action=action, plan=action.area.plan, **kwargs)

    def form_valid(self, form):
        action = self.get_action()
        area = action.area.plan.areas.get(number=form.cleaned_data["area"])
        was = action.number
        moved = removals.move_action(action=action, by=self.request.user, area=area)
        messages.success(self.request, f"Action {was} is moved to area {area.number}, as action {moved.number}.")
        return redirect(moved)
