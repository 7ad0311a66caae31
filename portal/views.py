"""The portal's own error page: a friendly 503, not a 500, while the database or file storage cannot be reached."""

import sys

from django.http import HttpResponse, HttpResponseForbidden, HttpResponseServerError
from django.template.loader import render_to_string

from submissions.unavailable import UNAVAILABLE


def server_error(request):
    """handler500: Django calls it for any unhandled error, from a view, a template or a middleware.
    It renders without a request context, so it needs nothing from the database itself."""
    error = sys.exc_info()[1]
    context = {"request_id": getattr(request, "request_id", "")}  # for the person to quote
    if isinstance(error, UNAVAILABLE):  # the forms that save say so themselves, keeping what was typed
        response = HttpResponse(render_to_string("503.html", context), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(render_to_string("500.html", context))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: in plain words, with the reference to quote (the reason is only logged)."""
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseForbidden(render_to_string("403_csrf.html", context, request=request))
