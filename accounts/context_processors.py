from functools import partial

from django.utils.functional import SimpleLazyObject

from accounts.roles import is_lead, is_moderator


def user_roles(request):
    """Lets templates show each role its own navigation, querying only when asked."""
    return {
        "user_is_lead": SimpleLazyObject(partial(is_lead, request.user)),
        "user_is_moderator": SimpleLazyObject(partial(is_moderator, request.user)),
    }
