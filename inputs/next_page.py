"""Where a button's form asks to go back to ("next"): a page of this site only, never another's."""

from django.utils.http import url_has_allowed_host_and_scheme


def posted_next(request, fallback):
    """The form's `next` if it is a page of this site, else `fallback`."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return fallback
    return back
