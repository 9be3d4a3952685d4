"""The scan policy driven against the real SQLite outbox, with crashes and reopenings.

A hypothesis state machine scans cards, lets time pass (across days), closes and reopens the
database, and checks after every step what a shop owner relies on: no limit is ever exceeded
among counted events, every committed event is stored exactly once, and the card projection
equals the events behind it.
"""

from __future__ import annotations

import itertools
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from app.config import Config
from app.domain.events import EventState, EventType
from app.domain.scan import Scan, ScanKind
from app.policy.payload import Refusal
from app.policy.rules import start_of_local_day
from app.store.writer import StoreWriter
from app.terminal import Terminal

CARDS = [
    "0131cef8-56e1-461a-b82b-7e220b925481",
    "4cd8ef60-719a-43bf-8d91-6c8d4be24a2d",
    "3ab8fd17-2fb5-468c-9079-dfb887aacc54",
]
CONFIG = Config(
    debounce_seconds=3.0,
    max_stamps_per_visit=4,
    cooldown_seconds=600.0,
    max_stamps_per_day=6,
)


class OutboxPolicyMachine(RuleBasedStateMachine):
    """Random counter activity against one database file."""

    def __init__(self) -> None:
        super().__init__()
        self.directory = tempfile.TemporaryDirectory()
        self.path = Path(self.directory.name) / "terminal.sqlite3"
        self.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
        self.committed: list[str] = []
        self.writer: StoreWriter | None = None
        self.open()

    def clock(self) -> datetime:
        return self.now

    def open(self) -> None:
        self.writer = StoreWriter.open(self.path, clock=self.clock)
        self.terminal = Terminal(CONFIG, self.writer, clock=self.clock)

    @rule(
        card=st.sampled_from(CARDS),
        count=st.integers(min_value=0, max_value=6),
        as_url=st.booleans(),
    )
    def scan_and_stamp(self, card: str, count: int, as_url: bool) -> None:
        payload = f"https://shop.example/c/{card}" if as_url else card.upper()
        found = self.terminal.identify(Scan(ScanKind.QR, payload))
        assert not isinstance(found, Refusal)
        assert found.card_instance_id == card
        recorded = self.terminal.stamp(card, count, source="test")
        if recorded.refused:
            assert recorded.events == ()
            assert recorded.verdict.code
            assert recorded.verdict.message
        else:
            assert len(recorded.events) == count
            self.committed.extend(e.event_id for e in recorded.events)

    @rule(garbage=st.one_of(st.text(max_size=300), st.binary(max_size=300)))
    def scan_garbage(self, garbage: str | bytes) -> None:
        found = self.terminal.identify(Scan(ScanKind.QR, garbage))
        if isinstance(found, Refusal):
            assert found.message

    @rule(seconds=st.integers(min_value=0, max_value=6 * 3600))
    def time_passes(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)

    @precondition(lambda self: self.writer is not None)
    @rule()
    def close_and_reopen(self) -> None:
        assert self.writer is not None
        self.writer.close()
        self.open()

    @invariant()
    def limits_hold_and_nothing_is_lost(self) -> None:
        assert self.writer is not None
        events = self.writer.call(lambda o: o.events())
        ids = [e.event_id for e in events]
        assert len(ids) == len(set(ids)), "an event is stored twice"
        assert set(self.committed) <= set(ids), "a committed event is missing"
        counted = [e for e in events if e.state is EventState.PENDING]
        for card in CARDS:
            stamps = sorted(
                (
                    e
                    for e in counted
                    if e.card_instance_id == card and e.event_type is EventType.STAMP
                ),
                key=lambda e: e.seq,
            )
            per_day: dict[datetime, int] = {}
            visits: list[datetime] = []
            for event in stamps:
                day = start_of_local_day(event.device_time)
                per_day[day] = per_day.get(day, 0) + 1
                if not visits or visits[-1] != event.device_time:
                    visits.append(event.device_time)
            assert all(n <= CONFIG.max_stamps_per_day for n in per_day.values())
            gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(visits)]
            assert all(gap >= CONFIG.cooldown_seconds for gap in gaps)
            view = self.writer.call(lambda o, c=card: o.card(c))
            if view is not None:
                assert view.stamps == len(stamps)

    def teardown(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.directory.cleanup()


OutboxPolicyMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=30, deadline=None
)
test_policy_on_real_outbox = OutboxPolicyMachine.TestCase
