"""gunicorn for the portal: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.

Settings come from the environment (GUNICORN_BIND, GUNICORN_WORKERS), so one file serves every
instance; systemd's unit gives each its own address.
"""

import multiprocessing
import os

from operations import instance

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Sync workers, two per core plus one: the portal's pages wait on PostgreSQL, not on the CPU.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# The portal is loaded, and the database answers with every migration applied, before the address
# is bound: until then connections are refused, and nginx sends requests to the other instance
# (docs/decisions/0012). Workers are forked from a loaded master, ready at once. A reload (HUP)
# restarts the workers on the code already loaded: an upgrade restarts the instance.
preload_app = True
on_starting = instance.wait_for_the_database
# /healthz from the master, on a port of its own (the unit's 1PORT, loopback): answered while every
# worker is busy with pages. Monitoring polls it there, and /readyz on the instance's own port.
when_ready = instance.ready
post_fork = instance.close_the_listener_in_the_worker
# A line when a worker is stopped past the timeout (with its request and where it waited), quits at
# once, or outlives a killed master; gunicorn's own say when one is killed or exits with an error.
worker_abort = instance.worker_timed_out
worker_int = instance.worker_interrupted
worker_exit = instance.orphaned
on_exit = instance.stopped
# gunicorn's control socket defaults to one path per system user ($HOME/.gunicorn/gunicorn.ctl), which every
# instance on a server would share, each taking it from the last: a `gunicornc` command could reach the wrong one.
# The portal's instances are managed by systemd, so none is made.
control_socket_disable = True
# A request still running after this long is a bug or a stuck database: the worker is replaced.
timeout = 60
# On SIGTERM (a restart), requests in flight have this long to finish.
graceful_timeout = 30
keepalive = 5
# As long a request line as nginx passes (large_client_header_buffers 8k, deploy/nginx): a long
# search reaches the portal, which answers it, rather than gunicorn's bare 414 page.
limit_request_line = 8190
# Recycle workers now and then, so one slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# The portal writes one JSON line per request itself (operations/middleware.py), with the request
# id and user id; gunicorn's own access log is off unless asked for, in the same shape.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = (
    '{"time": "%(t)s", "request_id": "%({x-request-id}i)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "duration_ms": %(M)s, "bytes": "%(B)s"}'
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# gunicorn's own messages (workers started or killed, malformed requests) as JSON lines on stderr,
# in the portal's shape (operations/logs.py), so every line an operator searches is one object.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "operations.logs.JsonFormatter"}},
    "handlers": {"json": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"}},
    "root": {"handlers": ["json"], "level": "WARNING"},  # replaces gunicorn's default, which names its own handler
    "loggers": {
        "gunicorn.error": {"handlers": ["json"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "INFO", "propagate": False},
        "portal.instance": {"handlers": ["json"], "level": "INFO", "propagate": False},  # operations/instance.py
    },
}
# Behind nginx on the same machine: trust its X-Forwarded-* headers only from loopback.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
