"""
Links to choose a password (an invitation, or "Forgotten your password?"): Django's tokens, which die
once used, once the person signs in or after PASSWORD_RESET_TIMEOUT, and here also once a newer link
is made for the account. Every view and email that makes or checks one uses `password_links`.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db.models import F
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import PasswordLinks


def issued(user):
    return PasswordLinks.objects.filter(user=user).values_list("issued", flat=True).first() or 0


class PasswordLinkTokens(PasswordResetTokenGenerator):
    """Making a token issues a new link: the count of links issued is part of every token's hash,
    so the ones made before it stop working."""

    def make_token(self, user):
        PasswordLinks.objects.get_or_create(user=user)
        PasswordLinks.objects.filter(user=user).update(issued=F("issued") + 1)
        return super().make_token(user)

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}:{issued(user)}"


password_links = PasswordLinkTokens()


def set_password_url(user):
    """A new link to choose the account's password (voiding any before it), for an email being sent now."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.PORTAL_BASE_URL + reverse("password_reset_confirm", args=[uid, password_links.make_token(user)])
