"""The local card projection and the cache of server data, written inside a caller's transaction.

A card's stamps are ``known_stamps`` (last value from the server) plus ``local_stamps`` (the
effect of this terminal's pending events). An event's local effect is added when it is
recorded as pending, moved into ``known_stamps`` when the server confirms it, and taken back
when the server rejects it. Events held for review have no local effect.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime

from app.domain.events import EventType
from app.store.ledger_queries import to_db_time

STAMP_DELTA: Mapping[EventType, int] = {EventType.STAMP: 1, EventType.REMOVE_STAMP: -1}
"""How each event type changes a card's stamp count; other types leave it unchanged."""

REDEEMED = "REDEEMED"
UNKNOWN = "UNKNOWN"
ACTIVE = "ACTIVE"
DELETED = "DELETED"
REWARD_CHANGES = frozenset({EventType.REDEEM, EventType.REMOVE_REWARD})
"""Event types that change one reward instance (a redemption, a manager's removal)."""

CardState = tuple[int, int | None, str]
"""What the server says about a card: (current stamps, total stamps or None, status)."""

_HEX = re.compile(r"[0-9A-F]+")


def normalize_uid(uid: str) -> str:
    """An NFC tag UID as upper-case hex without separators (``04:a2:...`` -> ``04A2...``)."""
    text = uid.strip().replace(":", "").replace(" ", "").replace("-", "").upper()
    if not text or not _HEX.fullmatch(text):
        raise ValueError(f"not a tag UID in hex: {uid!r}")
    return text


def ensure_card(conn: sqlite3.Connection, card_instance_id: str, now: str) -> None:
    """Create the card's row, status UNKNOWN, if the terminal has never seen it."""
    conn.execute(
        "INSERT INTO cards (card_instance_id, status, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (card_instance_id) DO NOTHING",
        (card_instance_id, UNKNOWN, now),
    )


def record_local(
    conn: sqlite3.Connection,
    event_type: EventType,
    card_instance_id: str,
    reward_instance_id: str | None,
    now: str,
    *,
    counted: bool,
) -> None:
    """Create the card's row if needed and, when ``counted``, add the new event's effect."""
    delta = STAMP_DELTA.get(event_type, 0) if counted else 0
    conn.execute(
        "INSERT INTO cards (card_instance_id, local_stamps, status, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (card_instance_id) DO UPDATE SET "
        "local_stamps = local_stamps + excluded.local_stamps, updated_at = excluded.updated_at",
        (card_instance_id, delta, UNKNOWN, now),
    )
    if counted and event_type in REWARD_CHANGES and reward_instance_id is not None:
        apply_local(conn, event_type, card_instance_id, reward_instance_id, now)


def apply_local(
    conn: sqlite3.Connection,
    event_type: EventType,
    card_instance_id: str,
    reward_instance_id: str | None,
    now: str,
    *,
    undo: bool = False,
) -> None:
    """Add (or with ``undo`` take back) one pending event's effect on the projection."""
    delta = STAMP_DELTA.get(event_type, 0)
    if delta:
        conn.execute(
            "UPDATE cards SET local_stamps = local_stamps + ?, updated_at = ? "
            "WHERE card_instance_id = ?",
            (-delta if undo else delta, now, card_instance_id),
        )
    elif event_type is EventType.REDEEM and reward_instance_id is not None:
        conn.execute(
            "UPDATE reward_instances SET local_status = ?, updated_at = ? "
            "WHERE reward_instance_id = ?",
            (None if undo else REDEEMED, now, reward_instance_id),
        )
    elif event_type is EventType.REMOVE_REWARD and reward_instance_id is not None:
        conn.execute(
            "UPDATE reward_instances SET status = ?, updated_at = ? WHERE reward_instance_id = ?",
            (ACTIVE if undo else DELETED, now, reward_instance_id),
        )


def confirm(
    conn: sqlite3.Connection,
    confirmed: Iterable[tuple[EventType, str, str | None]],
    card_state: Mapping[str, CardState] | None,
    now: str,
) -> None:
    """Move confirmed events (type, card, reward) from the local part into the known part.

    A card the server reported on takes the server's values (they already include the
    confirmed events); for the others the confirmed stamps move from local to known.
    """
    deltas: dict[str, int] = {}
    for event_type, card_instance_id, reward_instance_id in confirmed:
        deltas[card_instance_id] = deltas.get(card_instance_id, 0) + STAMP_DELTA.get(event_type, 0)
        if event_type is EventType.REDEEM and reward_instance_id is not None:
            conn.execute(
                "UPDATE reward_instances SET status = ?, local_status = NULL, updated_at = ? "
                "WHERE reward_instance_id = ?",
                (REDEEMED, now, reward_instance_id),
            )
        elif event_type is EventType.REMOVE_REWARD and reward_instance_id is not None:
            conn.execute(
                "UPDATE reward_instances SET status = ?, updated_at = ? "
                "WHERE reward_instance_id = ?",
                (DELETED, now, reward_instance_id),
            )
    states = card_state or {}
    for card_instance_id in deltas.keys() - states.keys():
        delta = deltas[card_instance_id]
        conn.execute(
            "UPDATE cards SET known_stamps = known_stamps + ?, local_stamps = local_stamps - ?, "
            "updated_at = ? WHERE card_instance_id = ?",
            (delta, delta, now, card_instance_id),
        )
    for card_instance_id, (current, total, status) in states.items():
        ensure_card(conn, card_instance_id, now)
        conn.execute(
            "UPDATE cards SET known_stamps = ?, local_stamps = local_stamps - ?, "
            "total_stamps = coalesce(?, total_stamps), status = ?, updated_at = ? "
            "WHERE card_instance_id = ?",
            (current, deltas.get(card_instance_id, 0), total, status, now, card_instance_id),
        )


def upsert_card(
    conn: sqlite3.Connection,
    card_instance_id: str,
    *,
    stamp_card_id: str | None,
    current_stamps: int,
    total_stamps: int | None,
    status: str,
    expiration: datetime | None,
    member_phone: str | None,
    now: str,
) -> None:
    """Record what the server said about a card; local unconfirmed changes are kept."""
    conn.execute(
        "INSERT INTO cards (card_instance_id, stamp_card_id, known_stamps, total_stamps, status, "
        "expiration, member_phone, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (card_instance_id) DO UPDATE SET "
        "stamp_card_id = coalesce(excluded.stamp_card_id, stamp_card_id), "
        "known_stamps = excluded.known_stamps, total_stamps = excluded.total_stamps, "
        "status = excluded.status, expiration = excluded.expiration, "
        "member_phone = coalesce(excluded.member_phone, member_phone), "
        "updated_at = excluded.updated_at",
        (
            card_instance_id,
            stamp_card_id,
            current_stamps,
            total_stamps,
            status,
            None if expiration is None else to_db_time(expiration),
            member_phone,
            now,
        ),
    )


def upsert_reward(
    conn: sqlite3.Connection,
    reward_instance_id: str,
    *,
    card_instance_id: str,
    reward_id: str | None,
    name: str | None,
    status: str,
    expiration: datetime | None,
    now: str,
) -> None:
    """Record a reward instance as the server reported it; a local pending redemption stays,
    and so does a removal (a removal the server refuses is taken back by ``apply_local``)."""
    conn.execute(
        "INSERT INTO reward_instances (reward_instance_id, card_instance_id, reward_id, name, "
        "status, expiration, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (reward_instance_id) DO UPDATE SET "
        "card_instance_id = excluded.card_instance_id, reward_id = excluded.reward_id, "
        "name = excluded.name, expiration = excluded.expiration, "
        # A removed reward stays removed: a refresh listing it again predates the removal.
        "status = CASE WHEN reward_instances.status = 'DELETED' THEN reward_instances.status "
        "ELSE excluded.status END, "
        "updated_at = excluded.updated_at",
        (
            reward_instance_id,
            card_instance_id,
            reward_id,
            name,
            status,
            None if expiration is None else to_db_time(expiration),
            now,
        ),
    )


def reward_status(conn: sqlite3.Connection, reward_instance_id: str) -> tuple[str, str | None]:
    """(server status, local status) of a known reward instance; KeyError if unknown."""
    row = conn.execute(
        "SELECT status, local_status FROM reward_instances WHERE reward_instance_id = ?",
        (reward_instance_id,),
    ).fetchone()
    if row is None:
        raise KeyError(reward_instance_id)
    return str(row[0]), row[1]
