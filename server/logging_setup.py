"""Logging of ``stamp-server serve``: readable text (default) or one JSON object per line.

``logging_config(log_format)`` is a ``logging.config.dictConfig`` dictionary for the server's
own loggers (``server.*``, among them ``server.access`` for requests), uvicorn's loggers and
every other library, all written to standard error; ``stamp-server serve`` applies it and hands
it to uvicorn, which applies it again in each worker process.

A JSON line holds ``time`` (UTC, ISO 8601 with milliseconds), ``level``, ``logger``,
``message`` and, for a request, ``method``, ``path``, ``status`` and ``duration_ms``; an
exception adds ``exception`` (the traceback as text). Nothing else of a record is written:
request headers, tokens, api keys and bodies never reach a log line.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

LOG_FORMATS = ("text", "json")
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in REQUEST_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def make_formatter(log_format: str) -> logging.Formatter:
    """The formatter of ``log_format``, for a line written before logging is configured."""
    return JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


def log_line(log_format: str, level: int, logger: str, message: str) -> str:
    """One log line in ``log_format`` without going through (or changing) ``logging``."""
    record = logging.LogRecord(logger, level, __file__, 0, message, None, None)
    return make_formatter(log_format).format(record)


def logging_config(log_format: str, level: str = "INFO") -> dict[str, Any]:
    """The ``dictConfig`` of the server for ``log_format`` (``text`` or ``json``)."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"the log format must be one of {', '.join(LOG_FORMATS)}")
    formatter: dict[str, Any] = (
        {"()": f"{__name__}.JsonFormatter"} if log_format == "json" else {"format": TEXT_FORMAT}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "server",
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"server": formatter},
        "handlers": {"stderr": handler},
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # uvicorn's own handlers are replaced by the root's; its access log is off
            # (``server.access`` logs every request, with its duration).
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            # Alembic says which dialect it found each time /readyz reads the revision.
            "alembic": {"level": "WARNING"},
        },
    }
