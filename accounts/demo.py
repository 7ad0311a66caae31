"""Demo accounts for trying the portal on a laptop: made or updated, each with a new password."""

import secrets

from django.contrib.auth.models import User


def demo_account(email, first_name, last_name, is_staff=False):
    """The account for this address, as the demo describes it, and the new password it now has."""
    user, _ = User.objects.update_or_create(
        username=email,
        defaults={"email": email, "first_name": first_name, "last_name": last_name, "is_staff": is_staff},
    )
    return user, new_password(user)


def new_password(user):
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save(update_fields=["password"])
    return password
