"""The JSON API's keys: who may read contacts' details through it, as signing in allows on the site."""

import hashlib

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone

from publishing.models import ApiToken


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class InvalidKey(Exception):
    pass


def api_token_for(request):
    """The API key the request carries, or None; a key that is not ours is an error, not anonymous."""
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
