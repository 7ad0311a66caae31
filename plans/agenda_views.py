"""A meeting's agenda (items with their decisions and minutes), the actions arising, and the plan's forward plan:
the plan's editors change them, on GOV.UK-pattern forms that work without JavaScript."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView

from plans import services
from plans.access import MeetingEditorMixin, PlanEditorMixin
from plans.action_views import ErrorSummaryMixin
from plans.meeting_forms import AgendaItemForm, ArisingForm, ForwardPlanForm


class AgendaItemMixin(MeetingEditorMixin, ErrorSummaryMixin):
    template_name = "plans/agenda_item_form.html"
    form_class = AgendaItemForm

    def get_item(self):
        if "item" not in self.kwargs:
            return None
        return get_object_or_404(self.get_meeting().agenda_items, pk=self.kwargs["item"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.get_meeting().plan, "item": self.get_item()}

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        return super().get_context_data(meeting=meeting, plan=meeting.plan, item=self.get_item(), **kwargs)


class AgendaItemCreateView(AgendaItemMixin, FormView):
    def form_valid(self, form):
        data = form.cleaned_data
        item = services.add_agenda_item(
            meeting=self.get_meeting(),
            by=self.request.user,
            title=data["title"],
            decision=data["decision"],
            minutes=data["minutes"],
            **data["linked"],
        )
        messages.success(self.request, f"Item {item.position} is on the agenda.")
        return redirect(item)


class AgendaItemEditView(AgendaItemMixin, FormView):
    """An item's wording and what it is about, and the decision and minutes recorded against it."""

    def form_valid(self, form):
        data = form.cleaned_data
        item = services.edit_agenda_item(
            item=self.get_item(),
            by=self.request.user,
            title=data["title"],
            decision=data["decision"],
            minutes=data["minutes"],
            **data["linked"],
        )
        messages.success(self.request, f"Item {item.position} is saved.")
        return redirect(item)


class AgendaItemMoveView(AgendaItemMixin, TemplateView):
    """Up or down the agenda (a POST from the meeting page)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        services.move_agenda_item(item=item, by=request.user, up=request.POST.get("move") == "up")
        return redirect(item)


class AgendaItemRemoveView(AgendaItemMixin, TemplateView):
    """Off the agenda (a POST from the item's page)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        services.remove_agenda_item(item=item, by=request.user)
        messages.success(request, f"‘{item.title}’ is taken off the agenda.")
        return redirect(self.get_meeting())


class ActionArisingView(PlanEditorMixin, ErrorSummaryMixin, FormView):
    """A new action arising from an update or an agenda item's minute: from an action (numbered under it) or in an
    area, with owners and a due date, agreed at a meeting or not. ?from=action-12 (or area-3) and ?meeting=5 choose
    them in advance, from the action's page or the meeting's."""

    template_name = "plans/action_arising_form.html"
    form_class = ArisingForm

    def get_initial(self):
        return {
            "arising_from": self.request.GET.get("from", "")[:30],
            "meeting": self.request.GET.get("meeting", "")[:20],
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.get_plan()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        action = services.raise_action(
            by=self.request.user,
            what=data["what"],
            owners=form.owners(),
            parent=data["parent"],
            area=data["area"],
            meeting=data["at_meeting"],
            due_on=data["due_on"],
        )
        messages.success(self.request, f"Action {action.number} is added to the plan.")
        return redirect(data["at_meeting"] or action)


class ForwardPlanMixin(PlanEditorMixin, ErrorSummaryMixin):
    template_name = "plans/forward_plan_form.html"
    form_class = ForwardPlanForm

    def get_item(self):
        if "item" not in self.kwargs:
            return None
        return get_object_or_404(self.get_plan().forward_plan, pk=self.kwargs["item"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.get_plan(), "item": self.get_item()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), item=self.get_item(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        services.save_forward_plan_item(
            plan=self.get_plan(),
            by=self.request.user,
            item=self.get_item(),
            title=data["title"],
            meeting=data["meeting"],
            month=data["month"],
            notes=data["notes"],
        )
        messages.success(self.request, "The forward plan is saved.")
        return redirect(f"{self.get_plan().get_absolute_url()}#forward-plan")


class ForwardPlanItemView(ForwardPlanMixin, FormView):
    """A new item on the forward plan, or (with an item) one changed."""


class ForwardPlanRemoveView(ForwardPlanMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        services.remove_forward_plan_item(item=item, by=request.user)
        messages.success(request, f"‘{item.title}’ is taken off the forward plan.")
        return redirect(f"{self.get_plan().get_absolute_url()}#forward-plan")
