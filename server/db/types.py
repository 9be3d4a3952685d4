"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """An aware date-time stored in UTC and always read back aware in UTC.

    PostgreSQL keeps it as ``timestamptz``; SQLite as UTC text without offset (which sorts and
    compares correctly because every value is UTC).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError(f"naive date-time {value.isoformat()!r} cannot be stored")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def sqlite_text(value: datetime) -> str:
    """The text ``UtcDateTime`` stores on SQLite for an aware ``value`` (what its bind processing
    and SQLAlchemy's SQLite ``DATETIME`` write: naive UTC, ``YYYY-MM-DD HH:MM:SS.ffffff``), made
    without their per-value formatting work; the batch path writes thousands of these."""
    if value.utcoffset() is None:
        raise ValueError(f"naive date-time {value.isoformat()!r} cannot be stored")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def utc_value(value: datetime) -> datetime:
    """What ``UtcDateTime`` binds on PostgreSQL for an aware ``value``: the instant in UTC."""
    if value.utcoffset() is None:
        raise ValueError(f"naive date-time {value.isoformat()!r} cannot be stored")
    return value.astimezone(UTC)


def from_sqlite_text(text: str) -> datetime:
    """The aware UTC date-time of what ``UtcDateTime`` stored on SQLite (``sqlite_text``)."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
