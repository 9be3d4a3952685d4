"""The terminal killed with SIGKILL in the middle of syncing, again and again.

A real ``stamp-terminal sync`` process drains the outbox to the real server in small batches and
is killed at a random moment, 30 times, while the counter keeps recording stamps in between.
At the end the server must hold every recorded stamp exactly once.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from live_server import LiveServer
from sync_kit import (
    StepClock,
    open_terminal,
    pending,
    record_visits,
    server_stamp_events,
    terminal_config,
)

from app.domain.events import EventState

ROUNDS = 30
VISITS = 40


@pytest.mark.slow
def test_sigkill_during_sync_loses_and_doubles_nothing(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "server-home")
    server.prepare()
    server.start()
    card = server.demo["cardInstanceId"]
    config = terminal_config(server)
    home = tmp_path / "terminal-home"
    home.mkdir()
    env = {
        **os.environ,
        "STAMP_TERMINAL_HOME": str(home),
        "STAMP_TERMINAL_SERVER_URL": config.server_url,
        "STAMP_TERMINAL_API_KEY": config.api_key,
        "STAMP_TERMINAL_TERMINAL_TOKEN": config.terminal_token,
        "STAMP_TERMINAL_SYNC_BATCH_SIZE": "4",
    }
    rng = random.Random(20261125)
    clock = StepClock()
    writer, terminal = open_terminal(home / "terminal.sqlite3", config, clock)
    recorded: list[str] = []
    kills_with_progress = 0
    try:
        for _ in range(ROUNDS):
            recorded += record_visits(terminal, clock, card, VISITS)
            before = pending(writer)
            child = subprocess.Popen(
                [sys.executable, "-m", "app", "sync"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 30
            while pending(writer) >= before and time.monotonic() < deadline:
                time.sleep(0.01)  # the child is starting; kill it once it is sending
            time.sleep(rng.uniform(0.0, 0.1))
            child.send_signal(signal.SIGKILL)
            child.wait()
            if 0 < pending(writer) < before:
                kills_with_progress += 1  # killed with part of the queue sent
        done = subprocess.run(
            [sys.executable, "-m", "app", "sync", "--once", "--json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert pending(writer) == 0
        integrity = writer.call(lambda o: o.connection.execute("PRAGMA integrity_check").fetchone())
        assert integrity == ("ok",)
        sent = writer.call(lambda o: o.events(state=EventState.SENT))
        assert sorted(e.event_id for e in sent) == sorted(recorded)
    finally:
        writer.close()
    try:
        assert kills_with_progress >= ROUNDS // 3, f"only {kills_with_progress} kills mid-sync"
        assert len(server_stamp_events(server, card)) == len(recorded) == ROUNDS * VISITS
    finally:
        server.stop()
