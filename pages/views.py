"""The front door: each role's home page, and the accessibility statement."""

from django.conf import settings
from django.utils import timezone
from django.views.generic import TemplateView

from accounts.access import PublicMixin
from accounts.roles import is_moderator, lead_authorities
from calls.models import Call
from calls.tracker import returns
from pages import waiting as waiting_for
from search import engine


class HomeView(PublicMixin, TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        may_browse = self.request.user.is_authenticated or not settings.PORTAL_BROWSE_REQUIRES_SIGN_IN
        latest = engine.run(sort="newest", limit=5) if may_browse else None
        waiting = waiting_for.for_moderators() if is_moderator(self.request.user) else None
        return super().get_context_data(
            latest=latest, may_browse=may_browse, open_calls=self.open_calls(), waiting=waiting, **kwargs
        )

    def open_calls(self):
        """A lead's open calls for practice, each with where their own local authorities have got to."""
        user = self.request.user
        if not user.is_authenticated:
            return []
        calls = Call.objects.open_to_lead(user, timezone.localdate())
        return [(call, returns(call, authorities=lead_authorities(user))) for call in calls]


class AccessibilityView(PublicMixin, TemplateView):
    template_name = "pages/accessibility.html"
