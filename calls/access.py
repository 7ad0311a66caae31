"""Who may use the pages that run a call, by calls.rules: moderators and admins, and coordinators for their own
sub-regions' calls. tests/calls/test_access.py walks every calls URL for each role."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.access import SignedInMixin
from calls import rules
from calls.models import Call


class CallMixin:
    def get_call(self):
        """The call, if the user may see it (else 404: an unopened call's existence does not leak)."""
        if not hasattr(self, "_call"):
            self._call = get_object_or_404(Call.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        return self._call


class CallMakerMixin(SignedInMixin):
    """Those who make calls: moderators, admins and coordinators; other signed-in people get 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not rules.may_make_calls(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CallRunnerMixin(CallMakerMixin, CallMixin):
    """Those who run this call: a coordinator gets 403 for a call that asks beyond their sub-regions."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and rules.may_make_calls(user) and not rules.may_run_call(user, self.get_call()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
