"""Who is told what about accounts, by email: an invitation, and a request to be deleted."""

from urllib.parse import urlencode

from django.conf import settings

from accounts import tokens
from accounts.roles import ERASE, holders_of
from outbox.mail import SecretLink, link, queue

# The link is made as the email is sent, never stored (outbox.mail): the outbox shows this instead.
SET_PASSWORD = "set-password"
SET_PASSWORD_LINK = SecretLink("[link to choose a password, made when sent]", tokens.set_password_url)


def invitation(user):
    """Email someone who has never chosen a password a link to choose one. Whoever has chosen one asks for a
    new one themselves ("Forgotten your password?"), so a link never goes to an account in use."""
    if user.has_usable_password():
        raise ValueError(f"{user} has chosen a password: they use “Forgotten your password?” instead")
    context = {"user": user, "days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24)}
    queue([user], "Your Sharing Practice account", "emails/invitation.txt", context, secret_link=SET_PASSWORD)


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
