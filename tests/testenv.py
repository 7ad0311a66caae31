"""
Loaded by pytest before Django reads its settings (see pyproject.toml), so the
suite runs the same from `make test`, an IDE or a bare `pytest`.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("PORTAL_BASE_URL", "http://testserver")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
