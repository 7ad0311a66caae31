"""deploy/ holds configuration that is checked, not just written."""

import logging
import runpy
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from bench.front import NGINX, certificate

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_nginx_sites_request_limit_follows_the_upload_limit(settings, capsys):
    settings.RESOURCE_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    call_command(
        "nginx_site", "--server-name=practice.liia.london", "--upstream=10.0.0.5:8001", "--upstream=10.0.0.6:8001"
    )
    site = capsys.readouterr().out
    assert "client_max_body_size 401m;" in site  # 20 files of 20 MB, and the form's text
    assert "server 10.0.0.5:8001 max_fails=2 fail_timeout=5s;" in site
    assert "server 10.0.0.6:8001" in site
    assert "return 301 https://$host$request_uri;" in site


def test_debians_nginx_accepts_the_site(tmp_path, capsys):
    cert, key = certificate(tmp_path)
    call_command("nginx_site", "--server-name=practice.liia.london", "--upstream=127.0.0.1:8001",
                 f"--certificate={cert}", f"--certificate-key={key}")  # fmt: skip
    (tmp_path / "site.conf").write_text(capsys.readouterr().out)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log stderr; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/site.conf; }}\n"
    )
    check = subprocess.run([NGINX, "-t", "-c", tmp_path / "nginx.conf"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("unit", sorted(path.name for path in (DEPLOY / "systemd").iterdir()))
def test_systemd_finds_nothing_wrong_with_the_units_but_the_app_not_yet_installed(unit, tmp_path):
    # A template unit is verified as one of its instances.
    target = tmp_path / unit.replace("@.", "@8001.")
    target.write_text((DEPLOY / "systemd" / unit).read_text())
    for other in (DEPLOY / "systemd").iterdir():  # a timer needs its service beside it
        if other.name != unit:
            (tmp_path / other.name).write_text(other.read_text())
    check = subprocess.run(
        [shutil.which("systemd-analyze") or "systemd-analyze", "verify", "--man=no", target],
        capture_output=True,
        text=True,
    )
    complaints = [line for line in check.stderr.splitlines() if "/srv/sharing-practice/app" not in line]
    assert complaints == []


def test_the_env_examples_load_with_the_guides_shell_line_as_systemd_reads_them(tmp_path):
    """docs/deploy.md builds portal.env from both examples and loads it with `set -a; . file; set +a`."""
    env_file = tmp_path / "portal.env"
    env_file.write_text((DEPLOY.parent / ".env.example").read_text() + (DEPLOY / "portal.env.example").read_text())
    shell = subprocess.run(
        ["bash", "-c", f"set -e -a; . {env_file}; set +a; env -0"], capture_output=True, text=True, env={}
    )
    assert shell.returncode == 0, shell.stderr
    loaded = dict(line.split("=", 1) for line in shell.stdout.split("\0") if "=" in line)
    assert loaded["DJANGO_DEFAULT_FROM_EMAIL"] == "Sharing Practice <noreply@practice.example.org>"
    assert loaded["PORTAL_PRIVACY_CONTROLLER"] == "the London Innovation and Improvement Alliance (LIIA)"
    assert loaded["PORTAL_LAWFUL_BASIS"].startswith("public task (UK GDPR Article 6(1)(e)): ")
    assert loaded["PORTAL_BASE_URL"] == "https://practice.example.org"  # read to the end
    assert loaded["PORTAL_EMBED_ORIGINS"] == "https://www.liia.london"
    assert loaded["DJANGO_MEDIA_ROOT"] == "/srv/sharing-practice/media"  # the folder the units may write
    assert loaded["PORTAL_BACKUP_ROOT"] == "/srv/sharing-practice/backups"


def a_site(capsys, *options):
    call_command("nginx_site", "--server-name=practice.liia.london", "--upstream=10.0.0.5:8001", *options)
    return capsys.readouterr().out


def test_the_nginx_site_tells_the_public_neither_its_version_nor_which_instance_answered(capsys):
    site = a_site(capsys)
    assert site.count("server_tokens off;") >= 2
    assert "X-Upstream" not in site
    assert "add_header X-Upstream $upstream_addr always;" in a_site(capsys, "--show-upstream")  # tests, operators


def test_the_nginx_site_drops_requests_for_any_other_host_name(capsys):
    site = a_site(capsys)
    assert "listen 80 default_server;" in site and "listen 443 ssl default_server;" in site
    assert site.count("return 444;") == 1


def test_the_nginx_site_keeps_a_non_default_https_port_in_the_host_the_portal_sees(capsys):
    assert "proxy_set_header Host $host:8443;" in a_site(capsys, "--https-port=8443")
    assert "proxy_set_header Host $host;" in a_site(capsys)


def test_the_portals_own_503_passes_through_nginx_and_a_restart_is_waited_out_briefly(capsys):
    site = a_site(capsys)
    assert "proxy_next_upstream error timeout http_502;" in site  # a 503 is the portal's page, not a failure
    assert "server 10.0.0.5:8001 max_fails=2 fail_timeout=5s;" in site


def test_the_nginx_site_never_passes_the_probes_on(capsys):
    site = a_site(capsys)
    for path in ("/healthz", "/readyz"):
        assert f"location = {path} {{\n        return 404;\n    }}" in site


def test_each_instance_has_its_health_port_and_listens_only_once_ready():
    unit = (DEPLOY / "systemd" / "sharing-practice@.service").read_text()
    assert "Environment=GUNICORN_HEALTH_BIND=127.0.0.1:1%i" in unit
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert conf["preload_app"] is True  # the app is loaded before the address is bound
    assert conf["on_starting"].__name__ == "wait_for_the_database"


def test_a_worker_stopped_past_the_timeout_says_which_request_and_where_it_waited(caplog, rf):
    from operations.instance import worker_timed_out

    def handle_abort(worker):  # gunicorn's signal handler, which calls the hook
        worker_timed_out(worker)

    def a_hanging_storage_call(worker):
        handle_abort(worker)

    def view(request):
        return a_hanging_storage_call(SimpleNamespace(timeout=60))

    request = rf.get("/resources/7/download/")
    request.request_id = "quote-me-12345678"
    with caplog.at_level(logging.ERROR, logger="portal.instance"):
        view(request)
    [record] = caplog.records
    assert record.fields["request_id"] == "quote-me-12345678" and record.fields["path"] == "/resources/7/download/"
    innermost = record.fields["stack"].splitlines()[-2]  # its File line; the last is its source line
    assert innermost.endswith("in a_hanging_storage_call")  # where it waited, not gunicorn's handler
