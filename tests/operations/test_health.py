import threading

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.json() == {"status": "ok"}


def test_readyz_says_ready_when_database_migrations_and_storage_are(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "storage": "ok"}}


def test_readyz_is_not_ready_when_uploads_cannot_be_written(client, settings, tmp_path):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "not writable"


def test_readyz_is_not_ready_when_migrations_are_missing(client):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'submissions'")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "migrations not applied"


def test_health_checks_are_answered_over_plain_http_when_the_site_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/practice/").status_code == 301


def test_healthz_allows_sign_in_only_browsing(client, settings):
    settings.PORTAL_BROWSE_REQUIRES_SIGN_IN = True
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_checks_answer_the_instances_own_address_whatever_the_allowed_hosts(client, settings, path):
    settings.ALLOWED_HOSTS = ["practice.test"]
    response = client.get(path, HTTP_HOST="127.0.0.1:8105")
    assert response.status_code == 200
    assert response.json()["status"] in {"ok", "ready"}
    assert client.get("/practice/", HTTP_HOST="127.0.0.1:8105").status_code == 400  # the rest stays closed


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_checks_answer_head_like_get(client, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""


def test_readyz_leaves_nothing_behind_in_the_uploads_folder(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.get("/readyz").json()["checks"]["storage"] == "ok"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_a_head_probe_is_answered_without_a_body_gunicorn_would_warn_about(rf, path):
    from operations.middleware import OperationsMiddleware

    response = OperationsMiddleware(lambda request: None)(rf.head(path))
    assert response.status_code == 200 and response.content == b""


def test_readyz_writes_to_storage_at_most_every_few_seconds_and_says_the_last_answer_between(client, monkeypatch):
    from operations import health

    writes = []
    monkeypatch.setattr(health, "storage_writable", lambda: writes.append(1) or "ok")
    clock = [1000.0]
    monkeypatch.setattr(health.time, "monotonic", lambda: clock[0])
    for seconds in (0, 1, 4.9):
        clock[0] = 1000.0 + seconds
        assert client.get("/readyz").json()["checks"]["storage"] == "ok"
    assert len(writes) == 1
    clock[0] = 1000.0 + health.CHECK_EVERY
    client.get("/readyz")
    assert len(writes) == 2


def test_readyz_waits_for_storage_no_longer_than_its_timeout(client, monkeypatch):
    import time

    from operations import health

    release = threading.Event()
    monkeypatch.setattr(health, "STORAGE_TIMEOUT_S", 0.2)
    monkeypatch.setattr(health, "storage_writable", lambda: release.wait(10) and "ok")
    started = time.monotonic()
    response = client.get("/readyz")
    release.set()
    assert time.monotonic() - started < 1
    assert response.status_code == 503 and response.json()["checks"]["storage"] == "no answer in 0.2 s"


def test_the_probe_asks_the_bucket_with_short_timeouts_and_no_second_try(bucket):
    from django.core.files.storage import default_storage

    from operations import health, object_storage
    from operations.health import probe_storage

    config = probe_storage().client_config
    assert config.read_timeout == config.connect_timeout == health.STORAGE_TIMEOUT_S
    assert config.retries["total_max_attempts"] == 1
    assert default_storage.client_config.read_timeout == object_storage.READ_TIMEOUT  # the portal's own, longer


def test_readyz_is_not_ready_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import OperationalError

    from operations import health

    def unreachable():
        raise OperationalError("connection timeout expired")

    monkeypatch.setattr(health, "MIGRATIONS", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unreachable"
