"""A plan as a whole: starting an empty one, and changing its title and whether it is shared across London."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from plans import conflicts, services
from plans.access import PlanEditorMixin, PlanImporterMixin
from plans.action_views import ErrorSummaryMixin
from plans.plan_forms import PlanForm


class PlanCreateView(PlanImporterMixin, ErrorSummaryMixin, FormView):
    """Coordinators (for their sub-regions), moderators and admins (London's too)."""

    template_name = "plans/plan_form.html"
    form_class = PlanForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        plan = services.create_plan(
            sub_region=data["sub_region"],
            title=data["title"],
            shared_across_london=data["shared_across_london"],
            by=self.request.user,
        )
        messages.success(self.request, "The plan is started. Add its areas, then their actions.")
        return redirect(plan)


class PlanEditView(PlanEditorMixin, ErrorSummaryMixin, FormView):
    template_name = "plans/plan_form.html"
    form_class = PlanForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.get_plan()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), **kwargs)

    def form_valid(self, form):
        data, plan = form.cleaned_data, self.get_plan()
        try:
            services.edit_plan(
                plan=plan,
                by=self.request.user,
                title=data["title"],
                shared_across_london=data["shared_across_london"],
                shown=form.shown_values(),
            )
        except services.StalePlan as stale:
            form.data = form.data.copy()
            for name, value in form.shown(stale.plan).items():
                form.data[name] = value  # what the page now shows, so that saving again keeps what was typed
            return self.stale(form, stale, stale.plan, lambda current: conflicts.for_plan(current, data))
        messages.success(self.request, "The plan is saved.")
        return redirect(plan)
