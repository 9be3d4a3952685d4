"""A hypothesis state machine over the whole offline-first path, against the real server.

Steps: scan (record a visit), the network goes down or comes back, the next answer is lost after
the server applied the batch, the terminal crashes and reopens its database, the server is killed
and restarted, a sync pass. Invariants after every step: no recorded event is ever lost locally,
the server never holds more stamps than were recorded, rejected events stay visible; at the end,
after the network heals, one online sync leaves nothing pending and the server holds exactly the
recorded stamps.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import httpx
import pytest
from chaos_transport import ChaosTransport
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from live_server import LiveServer
from sync_kit import (
    StepClock,
    open_terminal,
    pending,
    record_visits,
    server_stamp_events,
    terminal_config,
    worker_with,
)

from app.domain.events import EventState
from app.sync.worker import SyncState


class OfflineFirstMachine(RuleBasedStateMachine):
    """The counter, the network and the server, misbehaving in any order."""

    def __init__(self) -> None:
        super().__init__()
        self.directory = tempfile.TemporaryDirectory()
        root = Path(self.directory.name)
        self.server = LiveServer(root / "server-home")
        self.server.prepare()
        self.server.start()
        self.card = self.server.demo["cardInstanceId"]
        self.config = terminal_config(self.server)
        self.clock = StepClock()
        self.path = root / "terminal.sqlite3"
        self.recorded: list[str] = []
        self.chaos = ChaosTransport(httpx.HTTPTransport(), seed=3, reset=0, lost=0, stall=0)
        self.chaos.healthy = True
        self._open()

    def _open(self) -> None:
        self.writer, self.terminal = open_terminal(self.path, self.config, self.clock)
        self.worker, self.http = worker_with(self.writer, self.config, self.chaos, batch_size=5)

    def _close(self) -> None:
        self.http.close()
        self.writer.close()

    @rule()
    def scan(self) -> None:
        self.recorded += record_visits(self.terminal, self.clock, self.card, 1)

    @rule()
    def go_offline(self) -> None:
        self.chaos.healthy = False
        self.chaos.weights = {"reset": 1.0, "lost": 0.0, "stall": 0.0, "garbage": 0.0}

    @rule()
    def go_online(self) -> None:
        self.chaos.healthy = True

    @rule()
    def lose_next_answers(self) -> None:
        self.chaos.healthy = False
        self.chaos.weights = {"reset": 0.0, "lost": 1.0, "stall": 0.0, "garbage": 0.0}
        self.worker.sync_once()
        self.chaos.healthy = True

    @rule()
    def sync(self) -> None:
        self.worker.sync_once()

    @rule()
    def crash_and_reopen(self) -> None:
        self._close()
        self._open()

    @rule()
    def server_restart(self) -> None:
        self.server.kill()
        self.server.start()

    @invariant()
    def nothing_lost_nothing_doubled(self) -> None:
        stored = {e.event_id for e in self.writer.call(lambda o: o.events())}
        assert set(self.recorded) <= stored
        if self.server.process is not None:
            assert len(server_stamp_events(self.server, self.card)) <= len(self.recorded)
        rejected = self.writer.call(lambda o: o.events(state=EventState.REJECTED))
        assert all(e.result_code is not None for e in rejected)

    def teardown(self) -> None:
        try:
            self.chaos.healthy = True
            report = self.worker.sync_once()
            assert report.state is SyncState.ONLINE, report.error
            assert pending(self.writer) == 0
            assert len(server_stamp_events(self.server, self.card)) == len(self.recorded)
        finally:
            self._close()
            self.server.stop()
            self.directory.cleanup()


OfflineFirstMachine.TestCase.settings = settings(
    max_examples=6,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Six runs of up to 30 steps, each with server restarts: about 50 s on two idle cores, more
# when the machine is shared.
test_offline_first_state_machine = pytest.mark.timeout(360)(
    pytest.mark.slow(OfflineFirstMachine.TestCase)
)
