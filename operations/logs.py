"""One JSON object per line on stdout: what an operator searches (requests, job runs)."""

import json
import logging
from datetime import UTC, datetime

# Refused requests (an unknown Host from every address scanner): one line, no traceback.
NO_TRACEBACK = ("django.security",)


class JsonFormatter(logging.Formatter):
    """A record's message and its `fields` (passed through `extra`) as one JSON line; Django's
    errors with the request's id and status, and the traceback as one field."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        request = getattr(record, "request", None)
        if request is not None:
            line["request_id"] = getattr(request, "request_id", None)
            line["method"], line["path"] = getattr(request, "method", None), getattr(request, "path", None)
        if hasattr(record, "status_code"):
            line["status"] = record.status_code
        if record.exc_info and not record.name.startswith(NO_TRACEBACK):
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def log(logger, message, level=logging.INFO, **fields):
    logger.log(level, message, extra={"fields": fields})
