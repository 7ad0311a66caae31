"""Who may use which view, declared in one place (the JSON API's keys: publishing/api_keys.py).
tests/accounts/test_url_access.py walks them all."""

from django.conf import settings
from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin, UserPassesTestMixin

from accounts.roles import ERASE, is_lead, is_moderator


class LeadRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Borough leads only: others signed in get 403, anonymous visitors the sign-in page."""

    def test_func(self):
        return is_lead(self.request.user)


class PublicMixin:
    """Anyone, signed in or not."""


class SignedInMixin(LoginRequiredMixin):
    """Anyone signed in; the view's queryset narrows what each person may see."""


class ModeratorRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Moderators and admins only."""

    def test_func(self):
        return is_moderator(self.request.user)


class LeadOrModeratorMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Borough leads and moderators (splitting a return: each on the entries the rules give them)."""

    def test_func(self):
        return is_lead(self.request.user) or is_moderator(self.request.user)


class PersonalDataAdminMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Admins who may find, export and erase a person's data (the erase_person permission)."""

    def test_func(self):
        return self.request.user.has_perm(ERASE)


class BrowseAccessMixin(AccessMixin):
    """Published practice: public, unless PORTAL_BROWSE_REQUIRES_SIGN_IN turns it to signed-in users only."""

    def dispatch(self, request, *args, **kwargs):
        if settings.PORTAL_BROWSE_REQUIRES_SIGN_IN and not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
