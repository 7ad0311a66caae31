"""The first layer of every request: the health probes, then the request id and one log line per request."""

import logging
import re
import secrets
import time

from operations import health
from operations.logs import log

logger = logging.getLogger("portal.requests")
# A proxy's id is kept only when it is short and plain: it is written to logs and shown on pages.
GIVEN_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
NOT_LOGGED = {"/healthz", "/readyz"}  # a probe asked by POST, say, is answered below but not logged either
# URL parts that are secrets (a link to choose a password, a contact's link to their actions, unsubscribe links):
# the logged path names them instead of holding them.
SECRET_PARTS = ("token", "uidb64")


def request_id(request):
    given = request.META.get("HTTP_X_REQUEST_ID", "")  # not request.headers: building it reads every header
    return given if GIVEN_ID.fullmatch(given) else secrets.token_hex(16)


def logged_path(request):
    """The path, with any secret the URL carries replaced by its name: /plans/your-actions/[token]/."""
    path = request.path
    kwargs = request.resolver_match.kwargs if getattr(request, "resolver_match", None) else {}
    for name in SECRET_PARTS:
        if kwargs.get(name):
            path = path.replace(str(kwargs[name]), f"[{name}]")
    return path


def user_id(request):
    """The signed-in user's id. Without a session no one is: no user is loaded to say so."""
    session = getattr(request, "session", None)
    if session is None or session.session_key is None:
        return None
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


class OperationsMiddleware:
    """First in MIDDLEWARE, an operator's two jobs in one layer. It answers the health probes before anything
    reads the Host header (operations/health.py). Every other request it tags with its id, answers with it in
    X-Request-ID, and logs in one line with the path but never the query string (searches and emails can be in
    it), and the user's id, never their email address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = health.answer(request)
        if probe is not None:
            return probe
        request.request_id = request_id(request)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        if request.path not in NOT_LOGGED:
            log(
                logger,
                "request",
                request_id=request.request_id,
                method=request.method,
                path=logged_path(request),
                query_keys=sorted(request.GET) if request.META.get("QUERY_STRING") else [],
                status=response.status_code,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                user_id=user_id(request),
            )
        return response
