"""Who is told what about accounts, by email: an invitation, and a request to be deleted."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.roles import ERASE, holders_of
from outbox.mail import link, queue


def invitation(user):
    """Email a new account holder a link to choose their password."""
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    context = {
        "user": user,
        "set_password_url": settings.PORTAL_BASE_URL + reverse("password_reset_confirm", args=[uid, token]),
        "days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
    }
    queue([user], "Your Sharing Practice account", "emails/invitation.txt", context)


def deletion_requested(deletion):
    """Tell the admins who erase people's data that someone has asked to be deleted."""
    context = {
        "deletion": deletion,
        "user": deletion.user,
        "person_url": link("person") + "?" + urlencode({"q": deletion.user.email}),
    }
    queue(
        holders_of(ERASE), "Someone has asked for their account to be deleted", "emails/deletion_requested.txt", context
    )
