"""The portal under gunicorn on a free loopback port, for as long as a `with` block lasts."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answering(base, process, seconds=120):
    """Wait until a worker answers (any HTTP status): the port is open as soon as gunicorn's master binds it,
    but its workers take seconds to load the portal on a busy machine, and wrk would count that time."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{base}/bench/hello/", timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def gunicorn(workers, settings="bench.settings"):
    """Serve bench.settings (the production settings plus a hello-world view), or other settings such as
    bench.bare_settings (the hello-world view without middleware); yield the base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],  # fmt: skip
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings},
        stdout=subprocess.DEVNULL,  # the portal's request log: one line per request, thousands a run
    )
    try:
        answering(f"http://127.0.0.1:{port}", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()
