"""The front door: each role's home page, and the accessibility statement."""

from django.conf import settings
from django.views.generic import TemplateView

from accounts.access import PublicMixin
from accounts.roles import is_lead, is_moderator
from pages import waiting as waiting_for
from plans import roles as plan_roles
from search import engine


class HomeView(PublicMixin, TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        may_browse = user.is_authenticated or not settings.PORTAL_BROWSE_REQUIRES_SIGN_IN
        lead = waiting_for.for_lead(user) if is_lead(user) else None
        return super().get_context_data(
            latest=engine.run(sort="newest", limit=5) if may_browse else None,
            may_browse=may_browse,
            waiting=waiting_for.for_moderators() if is_moderator(user) else None,
            lead_waiting=lead,
            open_calls=lead.open_calls if lead else [],
            coordinator_waiting=waiting_for.for_coordinator(user) if plan_roles.is_coordinator(user) else None,
            director_regions=waiting_for.for_director(user) if user.is_authenticated else [],
            actions_waiting=waiting_for.actions_of(user) if user.is_authenticated else None,
            **kwargs,
        )


class AccessibilityView(PublicMixin, TemplateView):
    template_name = "pages/accessibility.html"
