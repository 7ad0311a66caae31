"""
The portal as deploy/ runs it, on this machine: Debian's nginx, with a throwaway self-signed
certificate, in front of gunicorn instances (deploy/gunicorn.conf.py) on one database. Used by
the deployment tests (tests/operations/test_behind_nginx.py) and `make loadtest --front nginx`.
"""

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
import urllib3

from bench.server import free_port
from operations.nginx import site

ROOT = Path(__file__).resolve().parents[1]
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # the certificate is throwaway
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MAX_UPLOAD_MB = 1


def wait_for(url, seconds=30):
    deadline, last = time.monotonic() + seconds, "nothing"
    while time.monotonic() < deadline:
        try:
            answer = requests.get(url, timeout=5, verify=False)
            if answer.status_code == 200:
                return
            last = f"{answer.status_code} {answer.text[:200]}"
        except requests.RequestException as error:
            last = str(error)
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer 200 within {seconds} s (last: {last})")


@contextmanager
def process(command, log, *, append=False, **kwargs):
    with open(log, "a" if append else "w") as output:
        started = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, **kwargs)
    try:
        yield started
    finally:
        started.terminate()
        try:
            started.wait(timeout=10)
        except subprocess.TimeoutExpired:
            started.kill()
            started.wait()


@dataclass
class Front:
    base: str  # https://127.0.0.1:PORT, through nginx
    http_base: str  # plain HTTP, which only redirects
    instances: list  # http://127.0.0.1:PORT of each gunicorn
    folder: Path
    # restart(index): stop that instance as systemd does (SIGTERM, requests in flight finish), start
    # it again and return once its /readyz answers (the unit's ExecStartPost); the seconds it took.
    restart: Callable = None
    health: list = field(default_factory=list)  # http://127.0.0.1:PORT/healthz of each instance's health listener


def certificate(folder):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
         "-keyout", folder / "key.pem", "-out", folder / "cert.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder / "cert.pem", folder / "key.pem"


def nginx_conf(folder, temporary, site_text):
    """Debian's nginx in the foreground with its files in `folder`, and the request bodies it keeps
    in `temporary` (a folder its workers, not root, can reach). Each proxied request holds two of a worker's
    connections (the client's and the instance's): 1024 lets the ramp's 128 connections through with room."""
    (folder / "site.conf").write_text(site_text)
    temp = "\n".join(
        f"    {name}_temp_path {temporary}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"daemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'nginx-error.log'} warn;\n"
        f"worker_processes 1;\nevents {{ worker_connections 1024; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log {folder / 'nginx-access.log'};\n{temp}\n"
        f"    include {folder / 'site.conf'};\n}}\n"
    )
    return folder / "nginx.conf"


@contextmanager
def front(folder, env, *, instances=2, workers=2, max_upload_mb=MAX_UPLOAD_MB):
    """Start everything, each gunicorn with `env` (DATABASE_URL, DJANGO_SETTINGS_MODULE...) and what
    running behind nginx needs; yield a Front; stop everything."""
    https_port, http_port = free_port(), free_port()
    ports = [free_port() for _ in range(instances)]
    base = f"https://127.0.0.1:{https_port}"
    cert, key = certificate(folder)
    instance_env = dict(
        env,
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="1",
        DJANGO_BEHIND_PROXY="1",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_CSRF_TRUSTED_ORIGINS=base,
        PORTAL_BASE_URL=base,
        PORTAL_MAX_UPLOAD_MB=str(max_upload_mb),
        GUNICORN_WORKERS=str(workers),
    )
    health_ports = [free_port() for _ in range(instances)]
    running = {}

    def start(index, append=False):
        command = [sys.executable, "-m", "gunicorn", "-c", ROOT / "deploy" / "gunicorn.conf.py", "portal.wsgi"]
        running[index] = stack.enter_context(
            process(command, folder / f"gunicorn-{index}.log", append=append, cwd=ROOT,
                    env={**instance_env, "GUNICORN_BIND": f"127.0.0.1:{ports[index]}",
                         "GUNICORN_HEALTH_BIND": f"127.0.0.1:{health_ports[index]}",
                         "DJANGO_MEDIA_ROOT": str(folder / f"media-{index}")})
        )  # fmt: skip

    def ready(index):
        try:
            wait_for(f"http://127.0.0.1:{ports[index]}/readyz", seconds=60)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{(folder / f'gunicorn-{index}.log').read_text()[-2000:]}") from None

    def restart(index):
        started = time.monotonic()
        running[index].terminate()
        running[index].wait(timeout=40)
        start(index, append=True)
        ready(index)
        return time.monotonic() - started

    with ExitStack() as stack:
        for index in range(instances):
            start(index)
        for index in range(instances):
            ready(index)
        temporary = stack.enter_context(tempfile.TemporaryDirectory(prefix="portal-nginx-"))
        Path(temporary).chmod(0o755)
        conf = nginx_conf(
            folder,
            temporary,
            site(
                server_name="127.0.0.1",
                upstreams=[f"127.0.0.1:{port}" for port in ports],
                certificate=cert,
                certificate_key=key,
                http_port=http_port,
                https_port=https_port,
                listen="127.0.0.1",
                max_upload_mb=max_upload_mb,
                show_upstream=True,  # the tests check which instance answered
            ),
        )
        subprocess.run([NGINX, "-t", "-q", "-c", conf], check=True)
        stack.enter_context(process([NGINX, "-c", conf], folder / "nginx.log"))
        wait_for(f"{base}/accessibility/")  # nginx refuses the probes: they are asked on each instance's ports
        yield Front(
            base,
            f"http://127.0.0.1:{http_port}",
            [f"http://127.0.0.1:{port}" for port in ports],
            folder,
            restart,
            [f"http://127.0.0.1:{port}/healthz" for port in health_ports],
        )
