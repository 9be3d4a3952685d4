"""Kill a process that is appending to the outbox, many times, and check nothing is lost.

Every event id the child printed had been committed before it was printed, so it must be in
the database exactly once after a SIGKILL, and the card projection must still agree with the
events.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.store.database import open_database

CHILD = Path(__file__).with_name("crash_child.py")
REPO = Path(__file__).resolve().parents[2]
CARD = "card-crash"
ROUNDS = 32


def run_and_kill(database: Path, delay_s: float) -> list[str]:
    """Start the child, SIGKILL it ``delay_s`` after its first committed event; return ids."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(database), CARD],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as child:
        assert child.stdout is not None
        first = child.stdout.readline()
        if not first:
            _, err = child.communicate(timeout=30)
            pytest.fail(f"child wrote nothing; stderr: {err.decode(errors='replace')}")
        time.sleep(delay_s)
        child.kill()
        rest, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")
    text = (first + rest).decode()
    lines = text.split("\n")
    return [line for line in lines[:-1] if line]


def check(database: Path, reported: list[str], round_no: int, seed: int) -> int:
    """Assert the database after a kill; return how many events it holds."""
    where = f"round {round_no}, seed {seed}"
    conn = open_database(database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], where
        rows = conn.execute("SELECT seq, event_id, event_type FROM events ORDER BY seq").fetchall()
        ids = [row[1] for row in rows]
        assert len(ids) == len(set(ids)), f"an event appears twice ({where})"
        position = {event_id: index for index, event_id in enumerate(ids)}
        missing = [event_id for event_id in reported if event_id not in position]
        assert missing == [], f"{len(missing)} committed events lost ({where})"
        order = [position[event_id] for event_id in reported]
        assert order == sorted(order), f"events out of sequence ({where})"
        unreported = len(ids) - len(reported)
        assert unreported in range(round_no + 1), (
            f"{unreported} events nobody reported, more than one per kill ({where})"
        )
        stamps = sum(1 for row in rows if row[2] == "STAMP")
        card = conn.execute(
            "SELECT known_stamps, local_stamps FROM cards WHERE card_instance_id = ?", (CARD,)
        ).fetchone()
        assert card == (0, stamps), f"projection {card} != {stamps} stamps ({where})"
        return len(ids)
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_during_appends_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    database = tmp_path / "outbox.sqlite3"
    reported: list[str] = []
    for round_no in range(1, ROUNDS + 1):
        reported += run_and_kill(database, rng.uniform(0.02, 0.3))
        check(database, reported, round_no, seed)
    assert len(reported) >= ROUNDS  # each round reports its first committed event at least
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("SELECT max(seq) FROM events").fetchone()[0] >= len(reported)
    finally:
        conn.close()
