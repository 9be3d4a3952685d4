"""The shop's own calendar and clock: the dashboard shows a merchant's days and times in the
merchant's time zone (``merchants.timezone``, an IANA name; NULL is UTC).

Everything is stored as aware UTC instants; only the pages convert. A "day" of the dashboard is
a calendar day of the shop: from its local midnight to the next one, as UTC instants for the
queries, so a day on which the clocks change has 23 or 25 hours. Where a local midnight does not
exist (zones that change their clocks at midnight), the day starts at the change itself, which
is what ``zoneinfo`` gives for the skipped wall time (``fold=0`` keeps the earlier offset).

A zone the server cannot load (a name removed from the time zone database, or a host without
one) falls back to UTC, and the pages then say UTC: a page never claims a zone it did not use.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

DEFAULT_ZONE = "UTC"
NOT_OFFERED = frozenset({"localtime", "Factory", "posixrules"})
"""Names in the time zone database that are not a place: the server host's own setting, and a
placeholder zone whose abbreviation is ``-00``."""


@cache
def zone_names() -> tuple[str, ...]:
    """The IANA names a shop can choose, sorted (UTC always among them)."""
    return tuple(sorted((available_timezones() - NOT_OFFERED) | {DEFAULT_ZONE}))


@cache
def _offered() -> frozenset[str]:
    return frozenset(zone_names())


def is_zone_name(name: str) -> bool:
    """Whether ``name`` is one of the time zones offered (exactly, case included)."""
    return name in _offered()


@cache
def _load(name: str) -> tzinfo | None:
    if name == DEFAULT_ZONE:
        return UTC
    if not is_zone_name(name):
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError):
        return None


def usable_zone_name(name: str | None) -> str:
    """``name`` when the server can use it, else ``"UTC"`` (NULL, unknown or unloadable)."""
    return name if name is not None and _load(name) is not None else DEFAULT_ZONE


def zone(name: str | None) -> tzinfo:
    """The time zone of ``name``; UTC when it cannot be used (see ``usable_zone_name``)."""
    found = _load(name) if name is not None else None
    return found if found is not None else UTC


def local(moment: datetime, zone_name: str | None) -> datetime:
    """``moment`` on the shop's clock (a naive ``moment`` is taken as UTC, as stored)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone(zone_name))


def local_day(moment: datetime, zone_name: str | None) -> date:
    """The shop's calendar day at ``moment``."""
    return local(moment, zone_name).date()


def day_start(day: date, zone_name: str | None) -> datetime:
    """The UTC instant at which the shop's calendar day ``day`` begins."""
    return datetime.combine(day, time(), zone(zone_name)).astimezone(UTC)


def day_bounds(day: date, zone_name: str | None) -> tuple[datetime, datetime]:
    """[start, end) of the shop's day ``day`` as UTC instants (23, 24 or 25 hours apart)."""
    return day_start(day, zone_name), day_start(day + timedelta(days=1), zone_name)


def abbreviation(moment: datetime) -> str:
    """The zone abbreviation of an aware local ``moment``: ``CET``, ``KST``, ``UTC``; a zone
    that has only a numeric one (``+04``) is written ``UTC+04``, so it reads as an offset."""
    name = moment.tzname() or DEFAULT_ZONE
    return f"UTC{name}" if name[:1] in "+-" else name


def format_datetime(moment: datetime, zone_name: str | None) -> str:
    """``2026-11-25 18:04 CET``: the moment on the shop's clock, with the zone's abbreviation."""
    shown = local(moment, zone_name)
    return f"{shown:%Y-%m-%d %H:%M} {abbreviation(shown)}"


def format_date(moment: datetime | date, zone_name: str | None) -> str:
    """``2026-11-25``: the shop's calendar day of an instant (a plain date is shown as it is)."""
    if isinstance(moment, datetime):
        return f"{local(moment, zone_name):%Y-%m-%d}"
    return f"{moment:%Y-%m-%d}"
