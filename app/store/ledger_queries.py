"""Reading events back: time format, row mapping, and the policy's ledger view.

Times are stored as UTC text ``YYYY-MM-DDTHH:MM:SS.ffffffZ``: fixed width, so comparing the
text compares the times, and the file stays readable with the ``sqlite3`` shell.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.domain.events import EventState, EventType, OutboxEvent
from app.policy.ledger import CardView

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

EVENT_COLUMNS = (
    "seq, event_id, terminal_id, card_instance_id, event_type, stamp_value, "
    "reward_instance_id, device_time, clock_offset_ms, state, attempts, last_error, "
    "next_attempt_at, result_code, result_message, source, note"
)

UNSENT_STATES = (EventState.PENDING, EventState.REVIEW)


def to_db_time(moment: datetime) -> str:
    """Store an aware datetime as fixed-width UTC text; naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass an aware (UTC) datetime")
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def from_db_time(text: str) -> datetime:
    """Read back a time written by :func:`to_db_time`."""
    return datetime.fromisoformat(text)


def _optional_time(text: str | None) -> datetime | None:
    return None if text is None else from_db_time(text)


def row_to_event(row: tuple[Any, ...]) -> OutboxEvent:
    """Map a row selected with :data:`EVENT_COLUMNS` to an :class:`OutboxEvent`."""
    return OutboxEvent(
        seq=int(row[0]),
        event_id=row[1],
        terminal_id=row[2],
        card_instance_id=row[3],
        event_type=EventType(row[4]),
        stamp_value=row[5],
        reward_instance_id=row[6],
        device_time=from_db_time(row[7]),
        clock_offset_ms=int(row[8]),
        state=EventState(row[9]),
        attempts=int(row[10]),
        last_error=row[11],
        next_attempt_at=_optional_time(row[12]),
        result_code=None if row[13] is None else int(row[13]),
        result_message=row[14],
        source=row[15],
        note=row[16],
    )


def select_events(
    conn: sqlite3.Connection,
    *,
    state: EventState | None = None,
    card_instance_id: str | None = None,
    limit: int | None = None,
) -> list[OutboxEvent]:
    """Events matching the filters, in sequence order."""
    clauses: list[str] = []
    params: list[object] = []
    if state is not None:
        clauses.append("state = ?")
        params.append(EventState(state).value)
    if card_instance_id is not None:
        clauses.append("card_instance_id = ?")
        params.append(card_instance_id)
    sql = f"SELECT {EVENT_COLUMNS} FROM events"  # noqa: S608 - fixed column list
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [row_to_event(row) for row in conn.execute(sql, params)]


def select_card(conn: sqlite3.Connection, card_instance_id: str) -> CardView | None:
    """The local projection of a card: last known stamps plus unconfirmed local changes."""
    row = conn.execute(
        "SELECT stamp_card_id, known_stamps + local_stamps, total_stamps, status, expiration "
        "FROM cards WHERE card_instance_id = ?",
        (card_instance_id,),
    ).fetchone()
    if row is None:
        return None
    stamp_card_id, stamps, total_stamps, status, expiration = row
    return CardView(
        card_instance_id=card_instance_id,
        stamp_card_id=stamp_card_id,
        stamps=int(stamps),
        total_stamps=None if total_stamps is None else int(total_stamps),
        status=str(status),
        expiration=_optional_time(expiration),
    )


class SqlLedgerView:
    """The :class:`~app.policy.ledger.LedgerView` of one open transaction.

    It answers only while the transaction that created it is open; afterwards every call
    raises ``RuntimeError``, so a policy cannot keep reading outside the transaction.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._open = True

    def close(self) -> None:
        self._open = False

    def _db(self) -> sqlite3.Connection:
        if not self._open:
            raise RuntimeError("the ledger view is used outside its transaction")
        return self._conn

    def last_stamp_time(self, card_instance_id: str) -> datetime | None:
        """Device time of the card's newest (highest sequence) STAMP that is not rejected.

        Newest by sequence, not by time: a clock set back after a wrong time must not hold a
        card behind a stamp dated in the future.
        """
        row = (
            self._db()
            .execute(
                "SELECT device_time FROM events WHERE card_instance_id = ? AND event_type = ? "
                "AND state != ? ORDER BY seq DESC LIMIT 1",
                (card_instance_id, EventType.STAMP.value, EventState.REJECTED.value),
            )
            .fetchone()
        )
        return None if row is None else from_db_time(str(row[0]))

    def stamps_since(self, card_instance_id: str, since: datetime) -> int:
        """STAMP events of the card (pending, sent or review) with device time >= ``since``."""
        row = (
            self._db()
            .execute(
                "SELECT count(*) FROM events WHERE card_instance_id = ? AND event_type = ? "
                "AND device_time >= ? AND state != ?",
                (
                    card_instance_id,
                    EventType.STAMP.value,
                    to_db_time(since),
                    EventState.REJECTED.value,
                ),
            )
            .fetchone()
        )
        return int(row[0])

    def unsynced_redemptions(self, card_instance_id: str) -> int:
        """REDEEM events of the card that are pending or held for review (not yet sent)."""
        row = (
            self._db()
            .execute(
                "SELECT count(*) FROM events WHERE card_instance_id = ? AND event_type = ? "
                "AND state IN (?, ?)",
                (card_instance_id, EventType.REDEEM.value, *(s.value for s in UNSENT_STATES)),
            )
            .fetchone()
        )
        return int(row[0])

    def card(self, card_instance_id: str) -> CardView | None:
        return select_card(self._db(), card_instance_id)


@dataclass(frozen=True, slots=True)
class RewardRow:
    """A cached reward instance of a card, its status after any local redemption."""

    reward_instance_id: str
    card_instance_id: str
    reward_id: str | None
    name: str | None
    status: str
    expiration: datetime | None


def select_rewards(
    conn: sqlite3.Connection, card_instance_id: str, status: str | None = None
) -> list[RewardRow]:
    """Cached reward instances of a card (a local redemption counts), soonest expiry first."""
    rows = conn.execute(
        "SELECT reward_instance_id, card_instance_id, reward_id, name, "
        "coalesce(local_status, status), expiration FROM reward_instances "
        "WHERE card_instance_id = ? ORDER BY expiration IS NULL, expiration, rowid",
        (card_instance_id,),
    )
    found = [
        RewardRow(row[0], row[1], row[2], row[3], str(row[4]), _optional_time(row[5]))
        for row in rows
    ]
    return [r for r in found if status is None or r.status == status]


def select_recent_events(
    conn: sqlite3.Connection, card_instance_id: str, limit: int
) -> list[OutboxEvent]:
    """A card's newest events, newest first."""
    rows = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE card_instance_id = ? "  # noqa: S608
        "ORDER BY seq DESC LIMIT ?",
        (card_instance_id, int(limit)),
    )
    return [row_to_event(row) for row in rows]
