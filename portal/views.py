"""The portal's own error pages: a friendly 503, not a 500, while the database or file storage cannot be reached;
a 400 that says what to do when a request cannot be read."""

import re
import sys

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden, HttpResponseServerError
from django.template.loader import render_to_string
from django.templatetags.static import static

from submissions.unavailable import UNAVAILABLE


def server_error(request):
    """handler500: Django calls it for any unhandled error, from a view, a template or a middleware.
    It renders without a request context, so it needs nothing from the database itself."""
    error = sys.exc_info()[1]
    context = plain_page(request)
    if isinstance(error, UNAVAILABLE):  # the forms that save say so themselves, keeping what was typed
        context["typed"] = typed_answers(request)
        response = HttpResponse(render_to_string("503.html", context), status=503)
        response["Retry-After"] = "60"
        response["Cache-Control"] = "private, no-store"  # what was typed may be personal data
        return response
    return HttpResponseServerError(render_to_string("500.html", context))


def bad_request(request, exception):
    """handler400: a body too large to read (DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields) or a request Django
    refuses. Nothing of it can be read back, so the page says how to get back to what was typed."""
    return HttpResponseBadRequest(render_to_string("400.html", plain_page(request)))


def plain_page(request):
    """What a page of plain_error.html shows besides its words: the reference to quote, and the portal's
    stylesheets if they can be found (the page must show whatever else has gone wrong)."""
    try:
        stylesheets = [static("vendor/bootstrap/bootstrap.min.css"), static("css/portal.css")]
    except Exception:  # noqa: BLE001 - a missing manifest, say: the page without its styles
        stylesheets = []
    return {"request_id": getattr(request, "request_id", ""), "stylesheets": stylesheets}


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: in plain words, with the reference to quote (the reason is only logged)."""
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseForbidden(render_to_string("403_csrf.html", context, request=request))


# What a form sends that no one typed: the CSRF token, a formset's counts, the button pressed.
NOT_TYPED = re.compile(r"csrfmiddlewaretoken|action|.*-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS|.*password.*", re.I)
MOST_ANSWERS, LONGEST_ANSWER = 60, 20_000


def typed_answers(request):
    """A form's answers as sent, for the 503 page to show when the database was out of reach before the form
    could be shown again (the page that saves re-shows it itself when only storage failed): nothing typed is lost.
    Only the person who sent them sees them (a form cannot be sent from another site: CSRF)."""
    if request.method != "POST":
        return []
    try:
        sent = list(request.POST.lists())
    except Exception:  # noqa: BLE001 - a body that cannot be read has nothing to give back
        return []
    answers = [
        (answer_label(name), value[:LONGEST_ANSWER])
        for name, values in sent
        if not NOT_TYPED.fullmatch(name)
        for value in values
        if value.strip() and not value.isdigit()  # a choice's id says nothing to the person who chose it
    ]
    return answers[:MOST_ANSWERS]


def answer_label(name):
    """'contacts-0-name' as 'Contacts 1: name', 'title' as 'Title'."""
    if match := re.fullmatch(r"(\w+)-(\d+)-(\w+)", name):
        rows, number, field = match.groups()
        return f"{rows.replace('_', ' ').capitalize()} {int(number) + 1}: {field.replace('_', ' ')}"
    return name.replace("_", " ").capitalize()
