"""The one security header Django and django-csp do not set."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Permissions-Policy: the portal uses no camera, microphone, location or payment features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
