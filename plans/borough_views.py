"""Ticking a borough off an action that each borough does: the plan's editors for any, a borough's own people for
theirs (plans.roles.may_tick_borough)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from plans import roles, services
from plans.access import ActionMixin
from reference.models import LocalAuthority


class BoroughCheckView(ActionMixin, View):
    http_method_names = ["post"]

    def get_authority(self):
        action = self.get_action()
        if not action.tracks_boroughs:
            raise Http404
        return get_object_or_404(LocalAuthority, pk=self.kwargs["authority"], sub_region=action.area.plan.sub_region_id)

    def allowed(self):
        return roles.may_tick_borough(self.request.user, self.get_action(), self.get_authority())

    def post(self, request, pk, authority):
        action, authority = self.get_action(), self.get_authority()
        done = request.POST.get("done") == "yes"
        services.set_borough_done(action=action, local_authority=authority, done=done, by=request.user)
        said = "has done this" if done else "has not done this yet"
        messages.success(request, f"{authority.name} {said}.")
        return redirect(f"{action.get_absolute_url()}#boroughs")
