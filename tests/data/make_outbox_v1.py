"""Build ``outbox-v1.sqlite3``: a terminal database as the schema version 1 release wrote it.

The schema below is the version 1 SQL, copied here on purpose and never imported from the
current migrations: this file stands for the old release. Run it only to rebuild the stored
file: ``python tests/data/make_outbox_v1.py [OUTPUT]``.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

DEFAULT_OUTPUT = Path(__file__).with_name("outbox-v1.sqlite3")

V1_SCHEMA = (
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

TERMINAL_ID = "6f1c2d8e-4b7a-4f0e-9a51-3c2b1d0e9f87"
CARD = "card-v1-0001"

META = (("terminal_id", TERMINAL_ID), ("clock_offset_ms", "-1500"))

# event_id, event_type, device_time, state, attempts, result_code, result_message, source
EVENTS = (
    (
        "0b5e8f7a-1c2d-4e3f-8a9b-000000000001",
        "STAMP",
        "2024-03-01T08:15:00.125000Z",
        "sent",
        1,
        None,
        None,
        "qr",
    ),
    (
        "0b5e8f7a-1c2d-4e3f-8a9b-000000000002",
        "STAMP",
        "2024-03-02T09:20:30.500000Z",
        "pending",
        0,
        None,
        None,
        "nfc",
    ),
    (
        "0b5e8f7a-1c2d-4e3f-8a9b-000000000003",
        "STAMP",
        "2024-03-03T10:45:10.000001Z",
        "pending",
        2,
        None,
        None,
        "qr",
    ),
    (
        "0b5e8f7a-1c2d-4e3f-8a9b-000000000004",
        "REMOVE_STAMP",
        "2024-03-03T10:46:00.000000Z",
        "rejected",
        1,
        409,
        "no stamp to remove",
        "manual",
    ),
)

# card_instance_id, stamp_card_id, known_stamps, local_stamps, total_stamps, status,
# expiration, member_phone, updated_at
CARDS = (
    (
        CARD,
        "stampcard-coffee",
        5,
        2,
        10,
        "ACTIVE",
        "2025-03-01T00:00:00.000000Z",
        "+4915112345678",
        "2024-03-03T10:46:00.000000Z",
    ),
)


def build(output: Path) -> None:
    """Write a fresh version 1 database to ``output`` (replacing a previous build)."""
    output.unlink(missing_ok=True)
    conn = sqlite3.connect(output, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN IMMEDIATE")
        for statement in V1_SCHEMA:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute("COMMIT")
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", META)
        for event_id, kind, when, state, attempts, code, message, source in EVENTS:
            conn.execute(
                "INSERT INTO events (event_id, terminal_id, card_instance_id, event_type, "
                "device_time, clock_offset_ms, state, attempts, result_code, result_message, "
                "source, created_at) VALUES (?, ?, ?, ?, ?, -1500, ?, ?, ?, ?, ?, ?)",
                (
                    event_id,
                    TERMINAL_ID,
                    CARD,
                    kind,
                    when,
                    state,
                    attempts,
                    code,
                    message,
                    source,
                    when,
                ),
            )
        conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", CARDS)
        conn.execute("COMMIT")
    finally:
        conn.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
