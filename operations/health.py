"""/healthz (the process answers) and /readyz (it can serve: database, migrations, storage)."""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """No database: a load balancer restarts the process only when this fails."""
    return JsonResponse({"status": "ok"})


def database_ready():
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return "unreachable"
    return "migrations not applied" if unapplied else "ok"


def storage_ready():
    name = f"readyz-{uuid.uuid4().hex}"  # at the top: no folder is left behind
    try:
        saved = default_storage.save(name, ContentFile(b"ready"))
        default_storage.delete(saved)
    except Exception:  # any backend's failure (disk, permissions, object storage) means not ready
        return "not writable"
    return "ok"


@never_cache
@require_safe
def readyz(request):
    """Take this instance out of the proxy's upstream while it cannot serve."""
    checks = {"database": database_ready(), "storage": storage_ready()}
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503)


PROBES = {"/healthz": healthz, "/readyz": readyz}


class HealthMiddleware:
    """First in MIDDLEWARE: answers the probes before anything reads the Host header, so the
    instance's own `curl http://127.0.0.1:PORT/readyz` works whatever DJANGO_ALLOWED_HOSTS holds,
    without opening the rest of the portal to that Host (docs/decisions/0012)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        response = probe(request)
        if request.method == "HEAD":
            response.content = b""  # the status is the answer; gunicorn logs a warning for a HEAD body
        return response
