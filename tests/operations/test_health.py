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
    from operations.health import HealthMiddleware

    response = HealthMiddleware(lambda request: None)(rf.head(path))
    assert response.status_code == 200 and response.content == b""
