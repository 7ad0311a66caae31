"""One JSON object per line on stdout: what an operator searches (requests, job runs)."""

import json
import logging
import math
import time
from datetime import UTC, datetime

# Refused requests (an unknown Host from every address scanner): one line, no traceback.
NO_TRACEBACK = ("django.security",)
TRACEBACK_EVERY = 60  # seconds: an outage's traceback, once a minute for each cause
QUERY_CANCELED = "57014"  # PostgreSQL's code for a statement stopped by statement_timeout
ENCODER = json.JSONEncoder(default=str)  # json.dumps(line, default=str) would build one for each line
_second = (None, "")  # the last second a line was written in, and its date and time


def timestamp(created):
    """`created` as datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds") writes it (rounded to the
    microsecond as it rounds, then cut to the millisecond), the date and time worked out once a second."""
    global _second
    fraction, whole = math.modf(created)
    micro = round(fraction * 1_000_000)
    if micro == 1_000_000:
        whole, micro = whole + 1, 0
    if _second[0] != whole:
        _second = (whole, datetime.fromtimestamp(whole, UTC).strftime("%Y-%m-%dT%H:%M:%S"))
    return f"{_second[1]}.{micro // 1000:03d}+00:00"


class JsonFormatter(logging.Formatter):
    """A record's message and its `fields` (passed through `extra`) as one JSON line; Django's
    errors with the request's id and status, the outage's cause (Outages), and the traceback as
    one field."""

    def format(self, record):
        given = vars(record)  # what the caller gave beside the message, looked up without raising AttributeError
        line = {
            "time": timestamp(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **given.get("fields", {}),
        }
        request = given.get("request")
        if request is not None:
            line["request_id"] = getattr(request, "request_id", None)
            line["method"], line["path"] = getattr(request, "method", None), getattr(request, "path", None)
        if "status_code" in given:
            line["status"] = record.status_code
        if given.get("cause"):
            line["cause"] = record.cause
        if record.exc_info and not record.name.startswith(NO_TRACEBACK):
            if given.get("traceback_written_at"):
                line["traceback"] = f"as at {record.traceback_written_at}: one a minute for each cause"
            else:
                line["error"] = self.formatException(record.exc_info)
        return ENCODER.encode(line)


def log(logger, message, level=logging.INFO, **fields):
    """A line with these fields. No line shows the caller's file and line, so they are not looked up (logger.log
    walks the stack for them: a third of the request line's cost)."""
    if logger.isEnabledFor(level):
        logger.handle(logger.makeRecord(logger.name, level, "", 0, message, (), None, extra={"fields": fields}))


def errors(error):
    """The error, what it was raised from, and so on (an outage's cause is often a few down)."""
    seen = []
    while error is not None and error not in seen and len(seen) < 10:
        seen.append(error)
        error = error.__cause__ or error.__context__
    return seen


def cause_of(error):
    """In a few words, which outage an error comes from; None for anything else (a bug)."""
    from botocore.exceptions import BotoCoreError, ClientError, ConnectTimeoutError, ReadTimeoutError
    from django.db import InterfaceError, OperationalError

    for each in errors(error):
        if isinstance(each, ConnectTimeoutError | ReadTimeoutError):
            return "storage timeout"
        if isinstance(each, BotoCoreError):
            return "storage unavailable"
        if isinstance(each, ClientError):
            return "storage refused"
        if isinstance(each, OperationalError | InterfaceError):
            codes = {getattr(inner, "pgcode", None) for inner in errors(each)}
            # A statement stopped at its limit (PostgreSQL; SQLite: a search), or no connection in time
            timed_out = QUERY_CANCELED in codes or str(each) == "interrupted" or "timeout expired" in str(each)
            return "database timeout" if timed_out else "database unavailable"
    return None


class Outages(logging.Filter):
    """On the errors' handler: an error from an outage (the database or storage unavailable or slow)
    is named by its cause, and its traceback written once a minute for each cause, not for each of
    the hundreds of requests a minute that fail alike; every other error keeps its traceback."""

    def __init__(self, name=""):
        super().__init__(name)
        self.written = {}  # cause: (monotonic time, wall time) its traceback was last written

    def filter(self, record):
        cause = cause_of(record.exc_info[1]) if record.exc_info else None
        if cause:
            record.cause = cause
            now = time.monotonic()
            last = self.written.get(cause)
            if last and now - last[0] < TRACEBACK_EVERY:
                record.traceback_written_at = last[1]
            else:
                self.written[cause] = (now, datetime.fromtimestamp(record.created, UTC).isoformat(timespec="seconds"))
        return True


def database_timeouts(execute, sql, params, many, context):
    """An execute wrapper on every database connection (operations/apps.py): one line each time a
    statement passes its time limit, whether or not the caller expected it (a search's limit)."""
    started = time.monotonic()
    try:
        return execute(sql, params, many, context)
    except Exception as error:
        if cause_of(error) == "database timeout":
            log(
                logging.getLogger("portal.database"),
                "database call passed its timeout",
                logging.WARNING,
                cause="database timeout",
                duration_ms=round((time.monotonic() - started) * 1000),
                statement=sql[:200],  # the SQL without its values
            )
        raise


def watch_timeouts(sender, connection, **kwargs):
    """connection_created: each new connection (and each reconnection) of a database wrapper."""
    if database_timeouts not in connection.execute_wrappers:
        # First, beneath any wrapper a `with connection.execute_wrapper(...)` block has added: the block takes away
        # the last one when it ends, so a connection opened inside it (a search's first statement) would lose this
        # one and keep the block's for every statement after it.
        connection.execute_wrappers.insert(0, database_timeouts)
