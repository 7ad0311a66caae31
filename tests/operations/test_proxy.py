"""The address the sign-in throttle counts: the one nginx saw, believed only from a trusted proxy."""

import pytest
from django.test import RequestFactory

from operations.proxy import client_ip


def address(remote_addr, **headers):
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers))


def test_x_forwarded_for_from_nginx_on_loopback_is_believed():
    assert address("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9") == "203.0.113.9"
    assert address("::1", HTTP_X_FORWARDED_FOR="2001:db8::7") == "2001:db8::7"
    assert address("::ffff:127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9") == "203.0.113.9"


def test_x_forwarded_for_and_x_real_ip_from_anyone_else_count_for_nothing():
    assert address("198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9") == "198.51.100.7"
    assert address("198.51.100.7", HTTP_X_REAL_IP="203.0.113.9") == "198.51.100.7"
    assert address("127.0.0.1", HTTP_X_REAL_IP="203.0.113.9") == "127.0.0.1"


def test_the_nearest_address_not_a_proxy_is_taken_and_nothing_beyond_what_is_not_an_address():
    assert address("127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.1.1, 203.0.113.9, 127.0.0.2") == "203.0.113.9"
    assert address("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, nonsense") == "127.0.0.1"
    assert address("127.0.0.1", HTTP_X_FORWARDED_FOR="") == "127.0.0.1"


def test_the_trusted_proxies_are_a_setting(settings):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert address("10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9") == "203.0.113.9"
    assert address("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9") == "127.0.0.1"


@pytest.mark.parametrize("remote_addr", ["", "not an address"])
def test_a_request_without_a_usable_address_is_counted_as_it_came(remote_addr):
    assert address(remote_addr, HTTP_X_FORWARDED_FOR="203.0.113.9") == remote_addr
