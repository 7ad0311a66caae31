"""The portal under gunicorn on a free loopback port, for as long as a `with` block lasts."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(workers):
    """Serve bench.settings (the production settings plus a hello-world view); yield the base URL."""
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
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        stdout=subprocess.DEVNULL,  # the portal's request log: one line per request, thousands a run
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()
