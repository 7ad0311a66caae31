"""
The portal's own middleware: the security headers Django does not set (Content-Security-Policy, django-csp's, and
Permissions-Policy), and Django's messages made only for the responses that use them, in one layer with the account
audit's note of the request. Each layer costs every response a few microseconds (a hello-world's whole answer is
about fifty), so a layer of ours does its jobs in one __call__ and works out once per process what it can.
"""

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.messages import middleware as messages
from django.contrib.messages.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import SimpleLazyObject, empty

from accounts import audit

# What a view or decorator can change of the policy for one response (publishing/embed.py replaces frame-ancestors).
PER_RESPONSE = frozenset(
    ["_csp_config", "_csp_update", "_csp_replace", "_csp_exempt", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro",
     "_csp_exempt_ro"]
)  # fmt: skip
_built = {}


def headers():
    """The headers as the settings give them, built once per process (and again when a test changes the settings):
    building the policy for each response cost more than the rest of a hello-world's middleware together."""
    if not _built:
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        _built.update(
            csp=build_policy(),
            # Anything but the one plain policy is left to django-csp as it is, response by response.
            plain=not policy.get("EXCLUDE_URL_PREFIXES")
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
            permissions=settings.PERMISSIONS_POLICY,
            debug=settings.DEBUG,
        )
    return _built


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    if setting in {"CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY", "PERMISSIONS_POLICY", "DEBUG"}:
        _built.clear()


class SecurityHeadersMiddleware(CSPMiddleware):
    """
    django-csp's Content-Security-Policy, and Permissions-Policy: the portal uses no camera, microphone,
    location or payment features. A response whose policy is the settings' own (no nonce asked for, nothing
    changed by a view) gets the policy built once; any other is built by django-csp as before.
    """

    async_capable = False  # __call__ is synchronous only: under ASGI Django runs it in a thread

    def __init__(self, get_response):
        super().__init__(get_response)
        # request.csp_nonce once the header is written: it raises when read, so it never holds a nonce, and one
        # serves every request of the process.
        self.too_late = CheckableLazyObject(self._csp_nonce_post_response)

    def __call__(self, request):
        """As MiddlewareMixin's, without its look-ups for each request."""
        self.process_request(request)
        return self.process_response(request, self.get_response(request))

    def process_response(self, request, response):
        built = headers()
        response.headers.setdefault("Permissions-Policy", built["permissions"])
        if not built["plain"] or getattr(request, "_csp_nonce", None) is not None:
            return super().process_response(request, response)
        if not PER_RESPONSE.isdisjoint(vars(response)):
            return super().process_response(request, response)
        if built["debug"] and response.status_code in (404, 500):  # Django's debug pages have inline styles
            return response
        if built["csp"] and HEADER not in response:
            response.headers[HEADER] = built["csp"]
        request.csp_nonce = self.too_late
        return response


class MessagesAndAuditMiddleware(messages.MessageMiddleware):
    """
    Two jobs once the user is known. Django's messages, a request's storage (a signed cookie's and the session's)
    made only when a message is added or read: every page reads them, but a download, a feed or the API need not
    pay for it. And the request noted for the account audit, whose user makes the changes to accounts it causes
    (accounts/audit.py).
    """

    async_capable = False  # __call__ is synchronous only: under ASGI Django runs it in a thread

    def __call__(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))
        token = audit.serving.set(request)
        try:
            response = self.get_response(request)
        finally:
            audit.serving.reset(token)
        return self.process_response(request, response)

    def process_response(self, request, response):
        storage = getattr(request, "_messages", None)
        if type(storage) is SimpleLazyObject and storage._wrapped is empty:
            return response
        return super().process_response(request, response)
