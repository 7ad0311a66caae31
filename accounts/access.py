"""Who may use which view, declared in one place. tests/test_url_access.py walks them all."""

import hashlib

from django.conf import settings
from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin, UserPassesTestMixin
from django.http import JsonResponse
from django.utils import timezone

from submissions.roles import ERASE, is_lead, is_moderator


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


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class InvalidKey(Exception):
    pass


def api_token_for(request):
    """The API key the request carries, or None; a key that is not ours is an error, not anonymous."""
    from submissions.models import ApiToken

    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, key = header.partition(" ")
    token = ApiToken.objects.filter(key_hash=hash_key(key.strip()), user__is_active=True).first()
    if scheme.lower() != "bearer" or token is None:
        raise InvalidKey
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def api_error(status, message):
    return JsonResponse({"error": message}, status=status)


class ApiKeyMixin:
    """The JSON API: anyone, as browsing is, with an API key (self.token) unlocking contacts' details.
    A wrong key is refused, not treated as none; with PORTAL_BROWSE_REQUIRES_SIGN_IN a key is needed."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.token = api_token_for(request)
        except InvalidKey:
            return api_error(401, "The API key is not valid. Send it as ‘Authorization: Bearer <key>’.")
        if settings.PORTAL_BROWSE_REQUIRES_SIGN_IN and self.token is None:
            return api_error(401, "This portal's practice is for signed-in users: send an API key.")
        return super().dispatch(request, *args, **kwargs)
