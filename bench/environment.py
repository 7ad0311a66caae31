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

# Requests made in this process (Django's test client) are timed by the benchmark and printed as its
# table: their JSON request-log lines would bury it. Servers the benchmarks start log as configured.
logging.getLogger("portal.requests").setLevel(logging.WARNING)
