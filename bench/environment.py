"""Django for the benchmarks: the production settings (bench.settings) with throwaway secrets, set up once."""

import logging
import os

import django

DEFAULTS = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_HTTPS": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "PORTAL_BASE_URL": "http://127.0.0.1",
}

for name, value in DEFAULTS.items():
    os.environ.setdefault(name, value)
django.setup()


def request_log_unprinted():
    """
    Requests made in this process (Django's test client) are timed by the benchmarks and printed as their
    tables: the request log's JSON lines would bury them. They are formatted and written as a served process
    writes them, so their cost stays in the timings, but to a null stream. Call again after anything that
    sets Django up again (importing portal.wsgi does): that configures the log afresh.
    """
    null = open(os.devnull, "w")  # open for as long as the process
    for handler in logging.getLogger("portal.requests").handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(null)


request_log_unprinted()
