"""Dates as the API documents write them.

Date-times use the Java pattern ``yyyy-MM-dd'T'HH:mm:ss.SSSZ``, e.g.
``2019-02-08T14:23:35.443-0500``. Parsing accepts the RFC 822 offsets ``+HHMM``/``-HHMM``
(``-0000`` is UTC, like ``+0000``) and, leniently, the ISO forms ``+HH:MM`` and ``Z``; the
milliseconds must have exactly three digits. Formatting always writes three millisecond digits
(truncating microseconds) and a ``+HHMM``/``-HHMM`` offset, so UTC is written ``+0000``.

Calendar dates (seed 000's ``strtYmd``/``endYmd``) are ``YYYY-MM-DD``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer

API_DATETIME_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
API_DATETIME_EXAMPLE = "2019-02-08T14:23:35.443-0500"
API_DATE_PATTERN = "YYYY-MM-DD"

_DATETIME_RE = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})\.(?P<milli>[0-9]{3})"
    r"(?:(?P<utc>Z)|(?P<sign>[+-])(?P<off_h>[0-9]{2}):?(?P<off_m>[0-9]{2}))"
)
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _datetime_error(value: object, reason: str = "") -> ValueError:
    detail = f" ({reason})" if reason else ""
    return ValueError(
        f"invalid date-time {value!r}{detail}: expected {API_DATETIME_PATTERN}, "
        f"e.g. {API_DATETIME_EXAMPLE}"
    )


@lru_cache(maxsize=4096)
def parse_api_datetime(value: str) -> datetime:
    """Parse a date-time written in the documents' format into an aware ``datetime``.

    Cached: a batch's results repeat the same card and reward times many times over, and a
    ``datetime`` is immutable.
    """
    match = _DATETIME_RE.fullmatch(value)
    if match is None:
        raise _datetime_error(value)
    if match["utc"]:
        tz = UTC
    else:
        off_h, off_m = int(match["off_h"]), int(match["off_m"])
        if off_h > 23 or off_m > 59:
            raise _datetime_error(value, "offset out of range")
        offset = timedelta(hours=off_h, minutes=off_m)
        tz = UTC if not offset else timezone(-offset if match["sign"] == "-" else offset)
    try:
        return datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"]),
            int(match["milli"]) * 1000,
            tzinfo=tz,
        )
    except ValueError as exc:
        raise _datetime_error(value, str(exc)) from None


def format_api_datetime(value: datetime) -> str:
    """Write an aware ``datetime`` in the documents' format, e.g. ``2019-03-14T13:48:09.094+0000``.

    A naive value, or an offset with seconds (which the format cannot hold), is a ``ValueError``.
    """
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(
            f"cannot format naive date-time {value.isoformat()!r}: "
            f"{API_DATETIME_PATTERN} needs a timezone offset"
        )
    if offset.microseconds or offset.seconds % 60:
        raise ValueError(
            f"cannot format {value.isoformat()!r}: {API_DATETIME_PATTERN} has no room for "
            "an offset with seconds"
        )
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}.{value.microsecond // 1000:03d}"
        f"{sign}{minutes // 60:02d}{minutes % 60:02d}"
    )


def parse_api_date(value: str) -> date:
    """Parse a ``YYYY-MM-DD`` calendar date."""
    if _DATE_RE.fullmatch(value) is None:
        raise ValueError(f"invalid date {value!r}: expected {API_DATE_PATTERN}, e.g. 2025-01-01")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(
            f"invalid date {value!r} ({exc}): expected {API_DATE_PATTERN}, e.g. 2025-01-01"
        ) from None


def _validate_datetime(value: object) -> datetime:
    if isinstance(value, str):
        return parse_api_datetime(value)
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError(
                f"naive date-time {value.isoformat()!r}: a timezone offset is required"
            )
        return value
    raise _datetime_error(value, f"a {type(value).__name__}, not a string")


def _validate_date(value: object) -> date:
    if isinstance(value, str):
        return parse_api_date(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise ValueError(
        f"invalid date {value!r} (a {type(value).__name__}, not a string): "
        f"expected {API_DATE_PATTERN}, e.g. 2025-01-01"
    )


ApiDateTime = Annotated[
    datetime,
    BeforeValidator(_validate_datetime),
    PlainSerializer(format_api_datetime, return_type=str, when_used="json"),
]
"""An aware date-time read and written as ``yyyy-MM-dd'T'HH:mm:ss.SSSZ``."""

ApiDate = Annotated[
    date,
    BeforeValidator(_validate_date),
    PlainSerializer(date.isoformat, return_type=str, when_used="json"),
]
"""A calendar date read and written as ``YYYY-MM-DD``."""
