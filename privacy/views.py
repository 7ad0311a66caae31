"""The privacy notice and the cookies page: what the portal holds about people, and why."""

from django.conf import settings
from django.views.generic import TemplateView

from accounts.access import PublicMixin
from privacy.notice import cookies, retention_periods


class PrivacyView(PublicMixin, TemplateView):
    template_name = "privacy/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            controller=settings.PORTAL_PRIVACY_CONTROLLER,
            contact_email=settings.PORTAL_PRIVACY_CONTACT_EMAIL,
            lawful_basis=settings.PORTAL_LAWFUL_BASIS,
            periods=retention_periods(),
            **kwargs,
        )


class CookiesView(PublicMixin, TemplateView):
    template_name = "privacy/cookies.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(cookies=cookies(), **kwargs)
