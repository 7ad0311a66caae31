import json
import logging
import logging.config
import runpy
import sys

import pytest
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    logging.getLogger("portal.requests").addHandler(caplog.handler)
    yield lambda: [record.fields for record in caplog.records if record.name == "portal.requests"]
    logging.getLogger("portal.requests").removeHandler(caplog.handler)


def test_each_request_is_one_line_without_the_query_values(client, request_lines):
    client.get("/practice/?q=jane.doe@example.org&page=2")
    [line] = request_lines()
    assert line["path"] == "/practice/"
    assert line["query_keys"] == ["page", "q"]
    assert "jane.doe" not in json.dumps(line)
    assert line["method"] == "GET" and line["status"] == 200 and line["user_id"] is None
    assert line["duration_ms"] >= 0


def test_the_line_names_the_user_by_id_never_by_email(client, request_lines):
    user = factories.UserFactory(email="lead@example.org")
    client.force_login(user)
    client.get("/account/")
    [line] = request_lines()
    assert line["user_id"] == user.pk
    assert "lead@example.org" not in json.dumps(line)


def test_a_proxys_request_id_is_kept_and_answered(client, request_lines):
    response = client.get("/practice/", headers={"X-Request-ID": "nginx-0123456789abcdef"})
    assert response["X-Request-ID"] == "nginx-0123456789abcdef"
    assert request_lines()[0]["request_id"] == "nginx-0123456789abcdef"


def test_an_odd_request_id_is_replaced_by_one_of_ours(client):
    response = client.get("/practice/", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert len(response["X-Request-ID"]) == 32 and "<" not in response["X-Request-ID"]


def test_health_checks_are_not_logged(client, request_lines):
    client.get("/healthz")
    client.get("/readyz")
    assert request_lines() == []


def test_the_not_found_page_shows_the_reference_to_quote(client):
    response = client.get("/no-such-page/", headers={"X-Request-ID": "quote-me-12345678"})
    assert response.status_code == 404
    assert 'quote this reference: <strong class="text-break">quote-me-12345678</strong>' in response.content.decode()


def test_the_server_error_page_shows_the_reference_to_quote(rf):
    from portal.views import server_error

    request = rf.get("/")
    request.request_id = "quote-me-too-1234"
    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "quote-me-too-1234" in response.content.decode()


def test_the_formatter_writes_one_json_object_per_line():
    from operations.logs import JsonFormatter

    record = logging.LogRecord("portal.jobs", logging.INFO, __file__, 1, "job", None, None)
    record.fields = {"job": "send_digests", "outcome": "ok"}
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line) | {"job": "send_digests"} == json.loads(line)


def json_line_of(logger_name, message, **extra):
    """What the portal's logging (settings.LOGGING) writes for this record: one JSON object."""
    formatter = logging.config.dictConfigClass(settings.LOGGING).configure_formatter(
        dict(settings.LOGGING["formatters"]["json"])  # it takes "()" out of the dict it is given
    )
    record = logging.getLogger(logger_name).makeRecord(logger_name, logging.ERROR, __file__, 1, message, (), None)
    record.__dict__.update(extra)
    return json.loads(formatter.format(record))


def test_every_logger_writes_json_lines(settings):
    handlers = settings.LOGGING["handlers"]
    assert handlers[settings.LOGGING["root"]["handlers"][0]].get("formatter") == "json"
    assert all(handler.get("formatter") == "json" for handler in handlers.values())


def raised(error):
    """The exc_info of `error`, as a logger is given it in an except block."""
    try:
        raise error
    except type(error):
        return sys.exc_info()


def test_an_error_is_one_json_line_with_its_request_id_and_traceback(rf):
    request = rf.get("/practice/1/")
    request.request_id = "quote-me-12345678"
    exc_info = raised(RuntimeError("the database went away"))
    line = json_line_of("django.request", "Internal Server Error", request=request, exc_info=exc_info, status_code=500)
    assert line["request_id"] == "quote-me-12345678" and line["status"] == 500
    assert "RuntimeError: the database went away" in line["error"]


def test_a_request_for_an_unknown_host_is_one_short_line():
    exc_info = raised(DisallowedHost("Invalid HTTP_HOST header: '203.0.113.9'."))
    line = json_line_of("django.security.DisallowedHost", "Invalid HTTP_HOST header", exc_info=exc_info)
    assert "error" not in line  # no traceback: every address scanner sends one


def test_gunicorns_own_log_is_json_lines_too():
    conf = runpy.run_path(str(settings.BASE_DIR / "deploy" / "gunicorn.conf.py"))
    logging_config = conf["logconfig_dict"]
    assert logging_config["loggers"]["gunicorn.error"]["handlers"] == ["json"]
    formatter = logging.config.dictConfigClass(logging_config).configure_formatter(
        dict(logging_config["formatters"]["json"])
    )
    record = logging.makeLogRecord(
        {"name": "gunicorn.error", "msg": "Invalid request from ip=1.2.3.4", "levelname": "WARNING"}
    )
    assert json.loads(formatter.format(record))["message"] == "Invalid request from ip=1.2.3.4"


def test_a_form_whose_token_failed_gets_the_portals_own_page_with_the_reference():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/", {"username": "a", "password": "b"}, headers={"X-Request-ID": "quote-me-12345678"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your form has expired" in page
    assert 'quote this reference: <strong class="text-break">quote-me-12345678</strong>' in page


def failed_request(error):
    """The record Django logs for a request that failed with `error`."""
    record = logging.getLogger("django.request").makeRecord(
        "django.request", logging.ERROR, __file__, 1, "Service Unavailable: /practice/", (), raised(error)
    )
    record.status_code = 503
    return record


def test_during_a_database_outage_each_failed_request_is_one_line_with_its_cause_and_one_traceback_a_minute(
    monkeypatch,
):
    from django.db import OperationalError

    from operations import logs

    outages, formatter = logs.Outages(), logs.JsonFormatter()
    clock = iter([1000.0, 1010.0, 1070.0])
    monkeypatch.setattr(logs.time, "monotonic", lambda: next(clock))
    lines = []
    for _ in range(3):
        record = failed_request(OperationalError("connection refused"))
        assert outages.filter(record)
        lines.append(json.loads(formatter.format(record)))
    assert [line["cause"] for line in lines] == ["database unavailable"] * 3
    assert "OperationalError: connection refused" in lines[0]["error"]
    assert "error" not in lines[1] and lines[1]["traceback"].startswith("as at ")  # ten seconds later
    assert "error" in lines[2]  # a minute after the first


def test_a_bug_keeps_its_traceback_every_time():
    from operations.logs import JsonFormatter, Outages

    outages, formatter = Outages(), JsonFormatter()
    for _ in range(2):
        record = failed_request(ValueError("a bug"))
        outages.filter(record)
        line = json.loads(formatter.format(record))
        assert "cause" not in line and "ValueError: a bug" in line["error"]


def test_each_outage_has_a_cause_in_a_few_words():
    from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError
    from django.db import InterfaceError, OperationalError

    from operations.logs import cause_of

    class QueryCanceled(Exception):
        pgcode = "57014"

    cancelled = OperationalError("canceling statement due to statement timeout")
    cancelled.__cause__ = QueryCanceled()
    storage_error = RuntimeError("could not save")
    storage_error.__cause__ = ReadTimeoutError(endpoint_url="http://bucket")
    assert cause_of(OperationalError("could not connect to server")) == "database unavailable"
    assert cause_of(InterfaceError("connection already closed")) == "database unavailable"
    assert cause_of(OperationalError("connection timeout expired")) == "database timeout"
    assert cause_of(cancelled) == "database timeout"
    assert cause_of(storage_error) == "storage timeout"  # raised from the storage's error
    assert cause_of(EndpointConnectionError(endpoint_url="http://bucket")) == "storage unavailable"
    assert cause_of(ClientError({"Error": {"Code": "AccessDenied"}}, "PutObject")) == "storage refused"
    assert cause_of(ValueError("a bug")) is None


def test_the_portals_errors_handler_names_outages(settings):
    assert "outages" in settings.LOGGING["handlers"]["console"]["filters"]


def test_a_database_statement_past_its_limit_is_one_warning_line(caplog):
    from django.db import OperationalError

    from operations.logs import database_timeouts

    def execute(sql, params, many, context):
        raise OperationalError("interrupted")  # SQLite's word for a statement stopped at its limit

    with caplog.at_level(logging.WARNING, logger="portal.database"), pytest.raises(OperationalError):
        database_timeouts(execute, "SELECT id FROM search_entry WHERE ...", [], False, {})
    [record] = caplog.records
    assert record.getMessage() == "database call passed its timeout"
    assert record.fields["cause"] == "database timeout" and record.fields["statement"].startswith("SELECT id")


def test_every_database_connection_logs_its_timeouts():
    from django.db import connection

    from operations.logs import database_timeouts

    connection.ensure_connection()
    assert connection.execute_wrappers.count(database_timeouts) == 1


@pytest.mark.parametrize(
    "path, logged",
    [
        ("/accounts/reset/MQ/cz4abc-0123456789abcdef0123456789abcdef/", "/accounts/reset/[uidb64]/[token]/"),
        ("/plans/your-actions/eyJjIjoxfQ:1tSecret:abcdefSIGNATURE/", "/plans/your-actions/[token]/"),
        ("/plans/reminders/unsubscribe/UnsubscribeSecret123/", "/plans/reminders/unsubscribe/[token]/"),
        ("/email-updates/unsubscribe/DigestSecret456/", "/email-updates/unsubscribe/[token]/"),
    ],
)
def test_secret_links_are_logged_without_their_secret(client, request_lines, path, logged):
    client.get(path)
    [line] = request_lines()
    assert line["path"] == logged


def test_a_lines_time_is_written_as_isoformat_writes_it():
    from datetime import UTC, datetime

    from operations.logs import timestamp

    edges = [0.0, 1765000000.0005, 1765000000.0009995, 1765000000.9994, 1765000000.9999996, 1765000059.999999]
    for created in edges + [1765000000 + n * 0.0123457 for n in range(10_000)]:
        assert timestamp(created) == datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")


def test_a_line_is_the_json_that_json_dumps_writes():
    from datetime import date
    from decimal import Decimal

    from operations.logs import JsonFormatter

    fields = {
        "path": '/practice/séance "quoted" \\ \n tab\t/',
        "query_keys": ["q", "page"],
        "status": 200,
        "duration_ms": 12.3,
        "user_id": None,
        "ok": True,
        "nested": {"day": date(2026, 12, 7), "amount": Decimal("1.50"), "ratio": float("inf")},
    }
    record = logging.getLogger("portal.requests").makeRecord(
        "portal.requests", logging.INFO, "", 0, "request", (), None
    )
    record.fields = fields
    line = JsonFormatter().format(record)
    expected = {"time": None, "level": "info", "logger": "portal.requests", "message": "request", **fields}
    assert line.split(", ", 1)[1] == json.dumps(expected, default=str).split(", ", 1)[1]
