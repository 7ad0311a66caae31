"""Changing a plan: adding and editing areas and actions, and an owner's dated update."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView

from inputs.error_summary import error_summary
from plans import conflicts, services
from plans.access import ActionEditorMixin, ActionUpdaterMixin, PlanEditorMixin
from plans.forms import ActionForm, AreaForm, UpdateForm


class ErrorSummaryMixin:
    """A form that comes back with the GOV.UK error summary, keeping everything typed."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, errors=error_summary(form)))

    def saved_unless_stale(self, form, save, message, theirs):
        """Run save() and go to the action; if someone changed it meanwhile, the form comes back as typed."""
        try:
            save()
        except services.StaleAction as stale:
            return self.stale(form, stale, stale.action, theirs)
        messages.success(self.request, message)
        return redirect(self.get_action())

    def stale(self, form, error, current, theirs):
        """The form as typed, with what the other person saved (`theirs(current)`) beside it, and the version now,
        so that saving again (after checking) keeps what was typed."""
        form.add_error(None, str(error))
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = current.version
        if "shown_status" in form.fields:
            form.data[form.add_prefix("shown_status")] = current.status
        context = self.get_context_data(form=form, errors=error_summary(form), theirs=theirs(current))
        return self.render_to_response(context)


class AreaFormView(PlanEditorMixin, ErrorSummaryMixin, FormView):
    """A new area at the end of the plan, or (with an area number) an area's title and why."""

    template_name = "plans/area_form.html"
    form_class = AreaForm

    def get_area(self):
        if "area" not in self.kwargs:
            return None
        return get_object_or_404(self.get_plan().areas, number=self.kwargs["area"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_area()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), area=self.get_area(), **kwargs)

    def form_valid(self, form):
        data, area, by = form.cleaned_data, self.get_area(), self.request.user
        if area is None:
            area = services.add_area(plan=self.get_plan(), by=by, title=data["title"], why=data["why"])
        else:
            try:
                services.edit_area(area=area, by=by, title=data["title"], why=data["why"], seen_version=data["version"])
            except services.StaleArea as stale:
                return self.stale(form, stale, stale.area, lambda current: conflicts.for_area(current, data))
        messages.success(self.request, f"Area {area.number} is saved.")
        return redirect(area)


class ActionCreateView(PlanEditorMixin, ErrorSummaryMixin, FormView):
    template_name = "plans/action_form.html"
    form_class = ActionForm

    def get_area(self):
        return get_object_or_404(self.get_plan().areas, number=self.kwargs["area"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.get_plan()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), area=self.get_area(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        action = services.add_action(
            area=self.get_area(),
            by=self.request.user,
            what=data["what"],
            activity=data["activity"],
            owners=form.owners(),
            due_on=data["due_on"],
            due_by_meeting=data["due_by_meeting"],
            themes=data["themes"],
            calls=data["calls"],
        )
        if data["practice_numbers"]:
            action.practices.set(data["practice_numbers"])
        messages.success(self.request, "The action is added to the plan.")
        return redirect(action)


class ActionEditView(ActionEditorMixin, ErrorSummaryMixin, FormView):
    template_name = "plans/action_form.html"
    form_class = ActionForm

    def get_form_kwargs(self):
        action = self.get_action()
        return {**super().get_form_kwargs(), "instance": action, "plan": action.area.plan}

    def get_context_data(self, **kwargs):
        action = self.get_action()
        return super().get_context_data(plan=action.area.plan, area=action.area, action=action, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        fields = ("what", "activity", "due_on", "due_by_meeting", "status", "blocked_reason")
        return self.saved_unless_stale(
            form,
            lambda: services.edit_action(
                action=self.get_action(),
                by=self.request.user,
                seen_version=data["version"],
                owners=form.owners(),
                themes=data["themes"],
                calls=data["calls"],
                practices=data["practice_numbers"],
                **{name: data[name] for name in fields},
            ),
            "The action is saved.",
            lambda current: conflicts.for_action_form(current, data, form.owners()),
        )


class ActionFormMixin:
    """A form about one action, given the action, on a page showing the action and its plan."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.get_action()}

    def get_context_data(self, **kwargs):
        action = self.get_action()
        return super().get_context_data(action=action, plan=action.area.plan, **kwargs)


class ActionUpdateView(ActionFormMixin, ActionUpdaterMixin, ErrorSummaryMixin, FormView):
    """An owner (or the coordinator) adds a dated update, and says where the action has got to."""

    template_name = "plans/update_form.html"
    form_class = UpdateForm

    def get_form_kwargs(self):
        """The plan's meetings held already (or today), which the update may have been recorded at, latest first."""
        held = self.get_action().area.plan.meetings.filter(held_on__lte=timezone.localdate())
        return {**super().get_form_kwargs(), "meetings": held}

    def form_valid(self, form):
        data = form.cleaned_data
        return self.saved_unless_stale(
            form,
            lambda: services.add_update(
                action=self.get_action(),
                by=self.request.user,
                seen_version=data["version"],
                text=data["text"],
                status=data["new_status"],
                blocked_reason=data["blocked_reason"],
                meeting=data["meeting"],
                written_on=data["written_on"],
            ),
            "Your update is added.",
            lambda current: conflicts.for_update(current, data),
        )
