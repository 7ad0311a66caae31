"""One JSON object per line on stdout: what an operator searches (requests, job runs)."""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    """A record's message and its `fields` (passed through `extra`) as one JSON line."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def log(logger, message, level=logging.INFO, **fields):
    logger.log(level, message, extra={"fields": fields})
