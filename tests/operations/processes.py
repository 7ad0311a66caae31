"""The test database as a DATABASE_URL, for the portal started in another process."""

import os
from urllib.parse import quote

from django.db import connection


def database_url():
    if connection.vendor == "sqlite":
        return f"sqlite:///{connection.settings_dict['NAME']}"
    db = connection.get_connection_params()
    return f"postgres://{quote(db.get('user', ''))}@/{db['dbname']}?host={quote(db['host'])}&port={db['port']}"


def portal_env(**extra):
    """The environment for a manage.py or gunicorn of the tests' settings, on the test database."""
    return {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "portal.settings", **extra}
