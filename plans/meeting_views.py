"""Meetings: recording one, typing every open action's update on one page, and the plan's versions."""

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from inputs.error_summary import error_summary
from inputs.numbers import whole_number
from plans import conflicts, roles, services, versions
from plans.access import MeetingMixin, PlanEditorMixin, PlanReaderMixin
from plans.action_views import ErrorSummaryMixin
from plans.forms import MeetingForm, UpdateForm
from plans.models import Action, SentPack, Update
from plans.summary import shortened


class MeetingCreateView(PlanEditorMixin, ErrorSummaryMixin, FormView):
    template_name = "plans/meeting_form.html"
    form_class = MeetingForm

    def get_form_kwargs(self):
        plan = self.get_plan()
        return {**super().get_form_kwargs(), "sub_region": plan.sub_region, "others": plan.meetings.all()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        meeting = services.record_meeting(
            plan=self.get_plan(),
            by=self.request.user,
            held_on=data["held_on"],
            attendees=data["attendees"],
            other_attendees=data["other_attendees"],
            apologies=data["apologies"],
            other_apologies=data["other_apologies"],
        )
        messages.success(self.request, "The meeting is recorded. Add its agenda, and type each action's update below.")
        return redirect(meeting)


def posted_actions(data):
    """The actions a posted meeting page had boxes for (bounded by the page's fields)."""
    if data is None:
        return []
    keys = (key.split("-") for key in list(data)[:2_000])
    return {number for key in keys if len(key) == 3 and key[2] == "version" if (number := whole_number(key[1]))}


def last_update(action):
    """The action's latest update (its updates prefetched newest first), or None."""
    updates = action.updates.all()
    return updates[0] if updates else None


class MeetingDetailView(MeetingMixin, TemplateView):
    """The meeting as the minutes read: attendance and apologies, the agenda with each item's decision and minutes,
    the actions arising. For the plan's editors, every open action with an update box and a status, saved together;
    the plan's other readers read it."""

    template_name = "plans/meeting_detail.html"

    def allowed(self):
        return self.request.method in ("GET", "HEAD") or self.may_edit()

    def may_edit(self):
        return roles.may_edit_plan(self.request.user, self.get_meeting().plan)

    def forms(self, data=None):
        meeting = self.get_meeting()
        if not self.may_edit():
            return []
        shown = Q(status__in=Action.OPEN_STATUSES) | Q(pk__in=posted_actions(data))  # closed meanwhile: kept
        updates = Update.objects.order_by("-written_on", "-pk")
        actions = (
            Action.objects.filter(shown, area__plan=meeting.plan)
            .select_related("area")
            .prefetch_related("owners__user", Prefetch("updates", queryset=updates))
        )
        forms = [
            UpdateForm(data, action=action, prefix=f"action-{action.pk}", text_required=False) for action in actions
        ]
        for form in forms:
            form.last_update = last_update(form.action)
        return forms

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        kwargs.setdefault("forms", self.forms())
        items = meeting.agenda_items.select_related("action__area", "area", "practice")
        arising = meeting.actions_arising.select_related("area").prefetch_related("owners__user")
        return super().get_context_data(
            meeting=meeting,
            plan=meeting.plan,
            may_edit=self.may_edit(),
            may_build_pack=roles.may_shortlist(self.request.user, meeting),
            may_download_pack=roles.may_download_pack(self.request.user, meeting),
            attending=meeting.attending(),
            apologies=meeting.sending_apologies(),
            agenda=items,
            arising=arising,
            sent=SentPack.objects.filter(meeting=meeting).select_related("sent_by").first(),
            saved=meeting.updates.select_related("action__area"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        forms, meeting = self.forms(request.POST), self.get_meeting()
        if meeting.held_on > timezone.localdate():
            message = f"The meeting is on {meeting.held_on:%-d %B %Y}: its updates can be saved from that day"
            anchor = f"action-{forms[0].action.pk}" if forms else "main-content"
            return self.render_to_response(self.get_context_data(forms=forms, errors=[(anchor, message)]))
        if all(form.is_valid() for form in forms):
            entries = [
                services.MeetingEntry(
                    action=form.action,
                    seen_version=form.cleaned_data["version"],
                    text=form.cleaned_data["text"],
                    status=form.cleaned_data["new_status"],
                    blocked_reason=form.cleaned_data["blocked_reason"],
                )
                for form in forms
            ]
            try:
                saved = services.save_meeting_updates(meeting=self.get_meeting(), by=request.user, entries=entries)
            except services.Clashes as clashes:
                return self.clashed(forms, clashes.actions)
            message = f"{saved} update{'' if saved == 1 else 's'} saved for the meeting."
            if saved:
                message += f" The plan is saved as v.{meeting.plan.versions.order_by('-number').first().number}."
            messages.success(request, message)
            return redirect(self.get_meeting())
        errors = []
        for form in forms:
            errors += [
                (anchor, f"{form.action.number} {shortened(form.action.what.splitlines()[0], 80)}: {message}")
                for anchor, message in error_summary(form)
            ]
        return self.render_to_response(self.get_context_data(forms=forms, errors=errors))

    def clashed(self, forms, actions):
        """Each action someone else changed meanwhile is named in the error summary and shows their change; all that
        was typed is kept, and the page now carries those actions' versions, so saving again saves it."""
        by_pk = {action.pk: action for action in actions}
        errors = []
        for form in forms:
            current = by_pk.get(form.action.pk)
            if current is None:
                continue
            name = f"{form.action.number} {shortened(form.action.what.splitlines()[0], 80)}"
            errors.append((f"action-{current.pk}", f"{name}: someone else changed its status meanwhile"))
            form.add_error(None, services.STALE.format("action"))
            form.data = form.data.copy()
            form.data[form.add_prefix("version")] = current.version
            form.data[form.add_prefix("shown_status")] = current.status
            form.theirs = conflicts.for_update(current, form.cleaned_data)
        return self.render_to_response(self.get_context_data(forms=forms, errors=errors))


class VersionsView(PlanReaderMixin, TemplateView):
    """The plan's saved versions, and what changed between two of them (the last two unless chosen)."""

    template_name = "plans/versions.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        saved = {version.number: version for version in plan.versions.all()}
        numbers = sorted(saved)
        older = saved.get(whole_number(self.request.GET.get("from", ""))) or (
            saved[numbers[-2]] if len(numbers) > 1 else None
        )
        newer = saved.get(whole_number(self.request.GET.get("to", ""))) or (saved[numbers[-1]] if numbers else None)
        changes = versions.compare(older, newer) if older and newer else []
        return super().get_context_data(
            plan=plan,
            versions=[saved[n] for n in numbers],
            older=older,
            newer=newer,
            changes=changes,
            may_edit=roles.may_edit_plan(self.request.user, plan),
            **kwargs,
        )


class VersionSaveView(PlanEditorMixin, TemplateView):
    """Keep the plan as it is now as its next version (a POST from the versions page)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        if latest := versions.unchanged_since(plan):
            messages.info(request, f"Nothing has changed since v.{latest.number}, so no new version was saved.")
            return redirect("plans:plan_versions", pk=plan.pk)
        version = versions.save_version(plan=plan, by=request.user, note=request.POST.get("note", "")[:300])
        messages.success(request, f"Saved as v.{version.number}.")
        return redirect("plans:plan_versions", pk=self.get_plan().pk)


class VersionDetailView(PlanReaderMixin, TemplateView):
    template_name = "plans/version_detail.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        version = get_object_or_404(plan.versions, number=self.kwargs["number"])
        return super().get_context_data(plan=plan, version=version, **kwargs)
