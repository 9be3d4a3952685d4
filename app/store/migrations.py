"""The local schema, one step per ``PRAGMA user_version``.

Step ``n`` takes a database at version ``n - 1`` to version ``n``. A released step is never
edited: ``tests/data/outbox-v1.sqlite3`` holds a database written by the version 1 release and
the upgrade test opens it with the current code. Add a step to change the schema.

Times are stored as UTC text ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (fixed width, so text order is time
order); see :mod:`app.store.ledger_queries`.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress

V1: tuple[str, ...] = (
    """CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)""",
    """CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    terminal_id TEXT NOT NULL,
    card_instance_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    stamp_value TEXT,
    reward_instance_id TEXT,
    device_time TEXT NOT NULL,
    clock_offset_ms INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'rejected', 'review')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TEXT,
    result_code INTEGER,
    result_message TEXT,
    source TEXT NOT NULL DEFAULT '',
    note TEXT,
    created_at TEXT NOT NULL
)""",
    """CREATE TABLE cards (
    card_instance_id TEXT PRIMARY KEY,
    stamp_card_id TEXT,
    known_stamps INTEGER NOT NULL DEFAULT 0,
    local_stamps INTEGER NOT NULL DEFAULT 0,
    total_stamps INTEGER,
    status TEXT NOT NULL DEFAULT 'UNKNOWN',
    expiration TEXT,
    member_phone TEXT,
    updated_at TEXT NOT NULL
)""",
)

V2: tuple[str, ...] = (
    """CREATE TABLE reward_instances (
    reward_instance_id TEXT PRIMARY KEY,
    card_instance_id TEXT NOT NULL,
    reward_id TEXT,
    name TEXT,
    status TEXT NOT NULL,
    expiration TEXT,
    local_status TEXT CHECK (local_status IS NULL OR local_status = 'REDEEMED'),
    updated_at TEXT NOT NULL
)""",
    "CREATE INDEX reward_instances_card ON reward_instances (card_instance_id)",
    """CREATE TABLE tag_uids (
    uid TEXT PRIMARY KEY CHECK (uid = upper(uid)),
    card_instance_id TEXT NOT NULL
)""",
    # Phones are lookup keys from version 2 on: digits only (see app.domain.phone).
    "UPDATE cards SET member_phone = replace(replace(replace(replace(replace(replace("
    "member_phone, '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '') "
    "WHERE member_phone IS NOT NULL",
    "CREATE INDEX cards_member_phone ON cards (member_phone)",
    "CREATE INDEX events_card_type_time ON events (card_instance_id, event_type, device_time)",
    "CREATE INDEX events_card_type_seq ON events (card_instance_id, event_type, seq)",
    "CREATE INDEX events_state_seq ON events (state, seq)",
    """CREATE TABLE master_data (
    key TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    updated_at TEXT NOT NULL
)""",
)

V3: tuple[str, ...] = (
    # The events the scan policy held for a manager (state ``review`` when recorded). Released
    # ones become ``pending`` like any other event, so the fact is kept here: the sync tells the
    # server (``heldByPolicy``) and the merchant's dashboard lists them. A table of its own
    # leaves the events rows as they were.
    """CREATE TABLE policy_holds (
    event_id TEXT PRIMARY KEY REFERENCES events (event_id),
    held_at TEXT NOT NULL
)""",
    # Events held before this version: those still held, those declined (their result says
    # so) and those released (the release wrote "released by manager" after the hold reason
    # in the note; only ``Outbox.release_review`` writes that text there).
    """INSERT INTO policy_holds (event_id, held_at)
SELECT event_id, created_at FROM events
WHERE state = 'review'
   OR (state = 'rejected' AND result_code IS NULL
       AND result_message LIKE 'declined by manager: %')
   OR note = 'released by manager'
   OR note LIKE 'released by manager: %'
   OR note LIKE '% · released by manager'
   OR note LIKE '% · released by manager: %'""",
)

STEPS: tuple[tuple[str, ...], ...] = (V1, V2, V3)
"""``STEPS[n - 1]`` takes the schema from version ``n - 1`` to ``n``."""

LATEST = len(STEPS)


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database header."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def apply_step(conn: sqlite3.Connection, version: int) -> bool:
    """Bring the database to ``version`` in one transaction; False if it was there already.

    The version is read again inside the transaction, so two processes opening the same file
    at once apply each step once.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        if user_version(conn) >= version:
            conn.execute("ROLLBACK")
            return False
        for statement in STEPS[version - 1]:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return True


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every missing step in order; return the version reached."""
    for version in range(user_version(conn) + 1, LATEST + 1):
        apply_step(conn, version)
    return user_version(conn)
