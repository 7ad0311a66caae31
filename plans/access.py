"""Who may use each plans page, declared once per view. tests/plans/access_table.py walks them all."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts.access import SignedInMixin
from plans import roles
from plans.models import Action, Meeting, Plan


class RuleMixin(SignedInMixin):
    """Signed-in people for whom `allowed()` holds; others signed in get 403, saying who may use the page and what
    they can do instead (the portal's own 403 page is written for borough leads), and what they may not see a 404."""

    def allowed(self):
        return True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.allowed():
            return render(request, "plans/forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)


class PlanReaderMixin(RuleMixin):
    """A plan its reader may see (else 404: a plan's existence does not leak)."""

    def get_plan(self):
        if not hasattr(self, "_plan"):
            plans = Plan.objects.visible_to(self.request.user).select_related("sub_region")
            self._plan = get_object_or_404(plans, pk=self.kwargs["pk"])
        return self._plan


class PlanEditorMixin(PlanReaderMixin):
    """The plan's coordinators, moderators and admins."""

    def allowed(self):
        return roles.may_edit_plan(self.request.user, self.get_plan())


class ActionMixin(RuleMixin):
    """An action whose plan the user reads, or which they own."""

    def get_action(self):
        if not hasattr(self, "_action"):
            user, action = self.request.user, get_object_or_404(Action.objects.with_plan(), pk=self.kwargs["pk"])
            readable = Plan.objects.visible_to(user).filter(pk=action.area.plan_id).exists()
            if not (readable or Action.objects.owned_by(user).filter(pk=action.pk).exists()):
                raise Http404
            self._action = action
        return self._action


class ActionUpdaterMixin(ActionMixin):
    def allowed(self):
        return roles.may_update_action(self.request.user, self.get_action())


class ActionEditorMixin(ActionMixin):
    def allowed(self):
        return roles.may_edit_plan(self.request.user, self.get_action().area.plan)


class MeetingMixin(RuleMixin):
    def get_meeting(self):
        if not hasattr(self, "_meeting"):
            meetings = Meeting.objects.visible_to(self.request.user).select_related("plan__sub_region")
            self._meeting = get_object_or_404(meetings, pk=self.kwargs["pk"])
        return self._meeting


class MeetingEditorMixin(MeetingMixin):
    def allowed(self):
        return roles.may_edit_plan(self.request.user, self.get_meeting().plan)


class PackMakerMixin(MeetingMixin):
    def allowed(self):
        return roles.may_shortlist(self.request.user, self.get_meeting())


class PlanImporterMixin(RuleMixin):
    """Coordinators (for their sub-regions), moderators and admins."""

    def allowed(self):
        return roles.may_plan_meetings(self.request.user)
