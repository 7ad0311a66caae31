"""The client's address behind the portal's own nginx, for the sign-in throttle (django-axes)."""

import ipaddress


def forwarded_client_ip(request):
    """nginx overwrites X-Forwarded-For with the one address it saw (deploy/nginx), so it is
    trusted as it is; gunicorn listens on loopback or a private network only nginx reaches."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return request.META.get("REMOTE_ADDR")
