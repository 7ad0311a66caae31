"""/healthz (the process answers) and /readyz (it can serve: database, migrations, storage).

/readyz never holds a worker for long (docs/decisions/0012): the database's statements have
DATABASE_TIMEOUT_MS; storage is written by a thread the probe waits for STORAGE_TIMEOUT_S at
most, with its own client (that long per call, no second try); and migrations and storage are
checked at most every CHECK_EVERY seconds by a process, the last answer reused between (a monitor
polling every second writes to the bucket once in five)."""

import logging
import threading
import time
import uuid
from contextlib import nullcontext

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from operations import object_storage
from operations.logs import cause_of, log

DATABASE_TIMEOUT_MS = 2000
STORAGE_TIMEOUT_S = 2
CHECK_EVERY = 5  # seconds
logger = logging.getLogger("portal.health")


@never_cache
@require_safe
def healthz(request):
    """No database: a load balancer restarts the process only when this fails."""
    return JsonResponse({"status": "ok"})


class Remembered:
    """A check's last answer, asked again once it is `every` seconds old (one per process)."""

    def __init__(self, check, every=CHECK_EVERY):
        self.check, self.every = check, every
        self.answer, self.at = None, float("-inf")
        self.lock = threading.Lock()

    def __call__(self):
        if time.monotonic() - self.at >= self.every and self.lock.acquire(blocking=False):
            try:  # one thread asks; any other meanwhile has the last answer
                self.answer, self.at = self.check(), time.monotonic()
            finally:
                self.lock.release()
        return self.answer or "being checked"

    def forget(self):
        self.answer, self.at = None, float("-inf")


def migrations_applied():
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return "migrations not applied" if executor.migration_plan(executor.loader.graph.leaf_nodes()) else "ok"


MIGRATIONS = Remembered(migrations_applied)


def database_ready():
    connection = connections[DEFAULT_DB_ALIAS]
    postgresql = connection.vendor == "postgresql"
    try:
        # On SQLite no transaction: the portal's take the write lock (settings.DATABASES).
        with transaction.atomic() if postgresql else nullcontext(), connection.cursor() as cursor:
            if postgresql:  # for this transaction only (connecting has DJANGO_DB_CONNECT_TIMEOUT)
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(DATABASE_TIMEOUT_MS)])
            cursor.execute("SELECT 1")
            return MIGRATIONS()
    except DatabaseError as error:
        log(logger, "not ready: the database", logging.WARNING, cause=cause_of(error), detail=str(error).strip())
        return "unreachable"


def probe_storage():
    """The uploads' storage as the probe asks it: on S3, its own client with short timeouts and no
    retries (the portal's own keeps its longer ones); local disk as it is."""
    default = settings.STORAGES["default"]
    if default["BACKEND"] != object_storage.S3:
        return default_storage
    config = object_storage.client_config(connect=STORAGE_TIMEOUT_S, read=STORAGE_TIMEOUT_S, attempts=1)
    return storages.create_storage({**default, "OPTIONS": {**default.get("OPTIONS", {}), "client_config": config}})


def storage_writable():
    name = f"readyz-{uuid.uuid4().hex}"  # at the top: no folder is left behind
    try:
        storage = probe_storage()
        storage.delete(storage.save(name, ContentFile(b"ready")))
    except Exception as error:  # any backend's failure (disk, permissions, object storage) means not ready
        cause = cause_of(error) or "storage unavailable"
        log(logger, "not ready: storage", logging.WARNING, cause=cause, detail=str(error).strip())
        return "not writable"
    return "ok"


def within(seconds, check, late):
    """check() in a thread, waited for `seconds` at most (then `late`; the thread ends on its own)."""
    answers = []
    thread = threading.Thread(target=lambda: answers.append(check()), name="readyz check", daemon=True)
    thread.start()
    thread.join(seconds)
    return answers[0] if answers else late


STORAGE = Remembered(lambda: within(STORAGE_TIMEOUT_S, storage_writable, late=f"no answer in {STORAGE_TIMEOUT_S} s"))


@never_cache
@require_safe
def readyz(request):
    """Take this instance out of the proxy's upstream while it cannot serve."""
    checks = {"database": database_ready(), "storage": STORAGE()}
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503)


def forget():
    """Ask every check again at the next /readyz (tests; the start of a process)."""
    MIGRATIONS.forget()
    STORAGE.forget()


PROBES = {"/healthz": healthz, "/readyz": readyz}


def answer(request):
    """A probe's answer to a GET or HEAD of /healthz or /readyz, None for any other request. Asked first of all
    (operations/middleware.py), before anything reads the Host header, so the instance's own
    `curl http://127.0.0.1:PORT/readyz` works whatever DJANGO_ALLOWED_HOSTS holds, without opening the rest of the
    portal to that Host (docs/decisions/0012)."""
    probe = PROBES.get(request.path_info)
    if probe is None or request.method not in ("GET", "HEAD"):
        return None
    response = probe(request)
    if request.method == "HEAD":
        response.content = b""  # the status is the answer; gunicorn logs a warning for a HEAD body
    return response
