"""One gunicorn instance's hooks (deploy/gunicorn.conf.py): it listens only once the portal is loaded
and the database answers, answers /healthz from its master on a port of its own, and says in
the log when it starts, waits, stops, or loses a worker (docs/decisions/0012)."""

import json
import logging
import os
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, HTTPServer

from operations.logs import log

logger = logging.getLogger("portal.instance")
WAITING_SAID_EVERY = 10  # seconds, while the database does not answer at start
WARM_UP = ["/", "/practice/", "/practice/?q=practice", "/themes/youth-justice/", "/accessibility/"]
STARTED = time.monotonic()


def wait_for_the_database(server):
    """on_starting: with preload_app the portal is loaded and the master has not bound its address
    yet, so until the database answers (migrations applied) connections are refused and nginx
    sends requests to the other instance. The master then closes its connection: the workers
    forked from it each open their own."""
    from django.db import connections

    from operations.health import database_ready, forget

    said = float("-inf")
    while (answer := database_ready()) != "ok":
        if time.monotonic() - said >= WAITING_SAID_EVERY:
            log(logger, "instance waiting for the database before it listens", logging.WARNING, database=answer)
            said = time.monotonic()
        time.sleep(0.5)
    warm_up()
    connections.close_all()
    forget()  # each worker asks again for itself


def warm_up():
    """A few pages asked of the portal in the master, before it forks: what a worker's first pages
    load (URL patterns, compiled templates, the reference lists, the search engine) is loaded once,
    and every worker's first answers are as quick as its later ones (not seconds, under load)."""
    from django.conf import settings
    from django.test import RequestFactory

    from portal.wsgi import application

    host = next((name.lstrip(".") for name in settings.ALLOWED_HOSTS if name != "*"), "localhost")
    # As nginx would ask, so that neither the HTTPS redirect nor the Host check answers instead.
    factory = RequestFactory(headers={"X-Request-ID": "instance-warm-up", "X-Forwarded-Proto": "https"})
    for path in WARM_UP:
        try:
            application.get_response(factory.get(path, secure=True, HTTP_HOST=host)).close()
        except Exception:  # a page that fails here fails for people too, and says so in the log then
            logger.warning("warming up failed", exc_info=True, extra={"fields": {"path": path}})


class Probe(BaseHTTPRequestHandler):
    timeout = 2  # seconds a probe's connection may take to send its request
    arbiter = None

    def do_GET(self):
        if self.path.split("?")[0] != "/healthz":
            self.answer(404, {"status": "not found"})
            return
        workers = len(self.arbiter.WORKERS)
        self.answer(200 if workers else 503, {"status": "ok" if workers else "no workers", "workers": workers})

    def do_HEAD(self):
        self.do_GET()

    def answer(self, status, body):
        content = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    def log_message(self, format, *args):
        """Probes are not logged (nor are /healthz and /readyz in the request log)."""


LISTENER = {}


def health_listener(server):
    """when_ready: GET /healthz on GUNICORN_HEALTH_BIND, answered by a thread of the master, which
    pages never occupy: 200 while the instance has workers. Loopback or a private address only."""
    address = os.environ.get("GUNICORN_HEALTH_BIND")
    if not address:
        return None
    host, _, port = address.rpartition(":")
    Probe.arbiter = server
    listener = HTTPServer((host, int(port)), Probe)
    threading.Thread(target=listener.serve_forever, name="health listener", daemon=True).start()
    LISTENER["server"] = listener
    return listener


def ready(server):
    health_listener(server)
    log(
        logger,
        "instance ready",
        address=",".join(str(listener) for listener in server.LISTENERS),
        health=os.environ.get("GUNICORN_HEALTH_BIND"),
        workers=server.num_workers,
        seconds_to_start=round(time.monotonic() - STARTED, 1),
    )


def close_the_listener_in_the_worker(server, worker):
    """post_fork: a worker has the master's health socket too; only the master answers on it."""
    if "server" in LISTENER:
        LISTENER["server"].socket.close()


def request_in(frame):
    """The request a stack of frames is serving (the request log middleware's), if any."""
    while frame is not None:
        request = frame.f_locals.get("request")
        if getattr(request, "request_id", None):
            return request
        frame = frame.f_back
    return None


def worker_timed_out(worker):
    """worker_abort: the master stops a worker whose request has run past gunicorn's timeout; say
    which request and where it was waiting (a hanging database or storage call shows here)."""
    interrupted = sys._getframe(2)  # this hook <- gunicorn's signal handler <- where the worker was
    request = request_in(interrupted)
    log(
        logger,
        "worker stopped: its request ran past the timeout",
        logging.ERROR,
        pid=os.getpid(),
        timeout_s=worker.timeout,
        request_id=getattr(request, "request_id", None),
        method=getattr(request, "method", None),
        path=getattr(request, "path", None),
        stack="".join(traceback.format_stack(interrupted)[-12:]),
    )


def worker_interrupted(worker):
    """worker_int: a worker told to quit at once (SIGINT or SIGQUIT), its request unfinished."""
    log(logger, "worker quit at once (SIGINT or SIGQUIT)", logging.WARNING, pid=os.getpid())


def orphaned(server, worker):
    """worker_exit, in a worker: its master is gone (killed), so the instance is; the worker stops."""
    if worker.ppid != os.getppid():
        log(logger, "worker stopping: its instance's master is gone", logging.ERROR, pid=os.getpid())


def stopped(server):
    """on_exit: the master's last line (a stop or restart; a killed instance has none, its workers do)."""
    log(logger, "instance stopped", pid=os.getpid())
