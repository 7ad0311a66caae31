"""Deleting a plan, and correcting or deleting a meeting: each asks first, saying what goes with it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from plans import removals
from plans.access import MeetingEditorMixin, PlanEditorMixin
from plans.action_views import ErrorSummaryMixin
from plans.forms import MeetingForm


class PlanDeleteView(PlanEditorMixin, TemplateView):
    template_name = "plans/plan_delete.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        return super().get_context_data(plan=plan, goes_with=removals.what_goes_with(plan), **kwargs)

    def post(self, request, *args, **kwargs):
        described = removals.delete_plan(plan=self.get_plan(), by=request.user)
        messages.success(request, f"{described}.")
        return redirect("plans:plan_list")


class MeetingEditView(MeetingEditorMixin, ErrorSummaryMixin, FormView):
    """A meeting's date, who attended and who sent apologies, corrected."""

    template_name = "plans/meeting_form.html"
    form_class = MeetingForm

    def get_initial(self):
        meeting = self.get_meeting()
        return {
            "held_on": meeting.held_on,
            "attendees": list(meeting.attendees.values_list("pk", flat=True)),
            "other_attendees": meeting.other_attendees,
            "apologies": list(meeting.apologies.values_list("pk", flat=True)),
            "other_apologies": meeting.other_apologies,
        }

    def get_form_kwargs(self):
        meeting = self.get_meeting()
        others = meeting.plan.meetings.exclude(pk=meeting.pk)
        return {**super().get_form_kwargs(), "sub_region": meeting.plan.sub_region, "others": others}

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        return super().get_context_data(plan=meeting.plan, meeting=meeting, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        meeting = removals.change_meeting(
            meeting=self.get_meeting(),
            by=self.request.user,
            held_on=data["held_on"],
            attendees=data["attendees"],
            other_attendees=data["other_attendees"],
            apologies=data["apologies"],
            other_apologies=data["other_apologies"],
        )
        messages.success(self.request, "The meeting is corrected.")
        return redirect(meeting)


class MeetingDeleteView(MeetingEditorMixin, TemplateView):
    template_name = "plans/meeting_delete.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        return super().get_context_data(meeting=meeting, plan=meeting.plan, updates=meeting.updates.count(), **kwargs)

    def post(self, request, *args, **kwargs):
        plan = self.get_meeting().plan
        name = removals.delete_meeting(meeting=self.get_meeting(), by=request.user)
        messages.success(request, f"The {name} is deleted. Its updates are kept under their actions.")
        return redirect(plan)
