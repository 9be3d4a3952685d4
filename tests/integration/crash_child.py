"""Child process of the crash test: append STAMP events until killed.

Usage: ``python crash_child.py DATABASE CARD``. Prints each event id on its own line, flushed
right after ``Outbox.append`` returned, so every printed id was committed before it was printed.
Stops by itself after a while in case its parent died.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.domain.events import EventDraft, EventType
from app.store.database import open_database
from app.store.outbox import Outbox

SAFETY_LIMIT_S = 30.0


def main(database: Path, card: str) -> None:
    conn = open_database(database)
    try:
        outbox = Outbox(conn)
        draft = EventDraft(card, EventType.STAMP, source="crash-test")
        deadline = time.monotonic() + SAFETY_LIMIT_S
        while time.monotonic() < deadline:
            result = outbox.append([draft])
            sys.stdout.write(result.events[0].event_id + "\n")
            sys.stdout.flush()
    finally:
        conn.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
