"""The client's address, for the sign-in throttle (django-axes): the address nginx saw, believed only from
nginx. Anyone can send X-Forwarded-For; only a request whose own address (REMOTE_ADDR) is a trusted proxy
(settings.PORTAL_TRUSTED_PROXIES, loopback unless set) has it read. X-Real-IP is never read."""

import ipaddress

from django.conf import settings


def parse_address(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return address


def is_trusted_proxy(address):
    networks = map(ipaddress.ip_network, settings.PORTAL_TRUSTED_PROXIES)
    return address is not None and any(address in network for network in networks)


def client_ip(request):
    """REMOTE_ADDR; or, from a trusted proxy, the nearest address in X-Forwarded-For that is not one itself
    (nginx overwrites the header with the one address it saw, deploy/nginx)."""
    peer = parse_address(request.META.get("REMOTE_ADDR", ""))
    if not is_trusted_proxy(peer):
        return str(peer) if peer else request.META.get("REMOTE_ADDR")
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = parse_address(hop)
        if address is None:
            break  # not an address: what lies beyond it is not believed either
        if not is_trusted_proxy(address):
            return str(address)
        peer = address
    return str(peer)
