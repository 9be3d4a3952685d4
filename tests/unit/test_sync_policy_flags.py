"""What the sync tells the server about an event besides the event itself: its note, and
``heldByPolicy`` for one the scan policy held until a manager released it.

Real outbox files and the real policy (``Terminal`` with a daily limit that holds for review);
the server is an ``httpx.MockTransport`` that keeps every body it was sent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from outbox_kit import Clock

from app.config import Config
from app.domain.events import EventDraft, EventState, EventType, OutboxEvent
from app.policy.corrections import Correction
from app.policy.ledger import Verdict
from app.store import migrations
from app.store.database import open_database
from app.store.outbox import Outbox
from app.store.writer import StoreWriter
from app.sync.client import StampApiClient, wire_event, wire_note
from app.sync.worker import SyncState, SyncWorker
from app.terminal import Terminal

CARD = "0131cef8-56e1-461a-b82b-7e220b925481"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REVIEW_DAILY = Config(
    debounce_seconds=0, max_stamps_per_day=1, limit_action="review", stamp_value="GZ23"
)
HOLD = Verdict("review", "daily_limit", "Over the daily limit: a manager must confirm.")
PLAIN_KEYS = {"eventId", "cardInstanceId", "eventTime", "eventType", "stampValue"}


class Server:
    """Answers every event as applied and keeps the events of each batch as sent."""

    def __init__(self) -> None:
        self.batches: list[list[dict[str, Any]]] = []
        self.refuse_batches_with: set[str] = set()

    @property
    def events(self) -> dict[str, dict[str, Any]]:
        return {event["eventId"]: event for batch in self.batches for event in batch}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        op = request.url.path.rsplit("/", 1)[1]
        if op == "getServerTime":
            return httpx.Response(
                200, json={"result": {"code": 0}, "serverTime": "2026-03-02T09:00:00.000+0000"}
            )
        if op == "getCardSigningKey":
            return httpx.Response(200, json={"result": {"code": 0}, "publicKey": "k" * 43})
        if op == "getMasterData":
            return httpx.Response(200, json={"result": {"code": 0}, "stampCards": [], "stamps": []})
        assert op == "reportMultiStampEvents"
        events: list[dict[str, Any]] = json.loads(request.content)["events"]
        if any(event["eventId"] in self.refuse_batches_with for event in events):
            return httpx.Response(400, json={"result": {"code": 10002, "message": "bad"}})
        self.batches.append(events)
        results = [{"result": {"code": 0}, "eventId": event["eventId"]} for event in events]
        return httpx.Response(200, json={"result": {"code": 0}, "eventResults": results})


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "terminal.sqlite3"


@pytest.fixture
def writer(db_path: Path, clock: Clock) -> Iterator[StoreWriter]:
    with StoreWriter.open(db_path, clock=clock) as opened:
        yield opened


@pytest.fixture
def terminal(writer: StoreWriter, clock: Clock) -> Terminal:
    return Terminal(REVIEW_DAILY, writer, clock=clock)


@pytest.fixture
def server() -> Server:
    return Server()


def sync(writer: StoreWriter, server: Server, batch_size: int = 100) -> None:
    http = httpx.Client(base_url="http://stamps.test", transport=httpx.MockTransport(server))
    with http:
        client = StampApiClient(http, api_key="k", terminal_token="t")
        report = SyncWorker(writer, client, batch_size=batch_size).sync_once()
    assert report.state is SyncState.ONLINE, report.error


def stamp(terminal: Terminal, clock: Clock) -> OutboxEvent:
    clock.advance(minutes=10)
    recorded = terminal.stamp(CARD, 1, source="qr")
    [event] = recorded.events
    return event


def held_stamp(terminal: Terminal, clock: Clock) -> OutboxEvent:
    """A stamp over the daily limit of one: the policy holds it for a manager."""
    event = stamp(terminal, clock)
    assert event.state is EventState.REVIEW
    assert event.note
    return event


def release(writer: StoreWriter, event_id: str, note: str = "") -> OutboxEvent:
    return writer.call(lambda o: o.release_review(event_id, note))


# --- what the sync sends ---------------------------------------------------------------------


def test_a_plain_scan_is_sent_exactly_as_before(
    writer: StoreWriter, terminal: Terminal, clock: Clock, server: Server
) -> None:
    event = stamp(terminal, clock)
    assert event.state is EventState.PENDING
    sync(writer, server)
    [[sent]] = server.batches
    assert set(sent) == PLAIN_KEYS
    assert sent == wire_event(event)


def test_a_released_held_event_carries_its_note_and_held_by_policy(
    writer: StoreWriter, terminal: Terminal, clock: Clock, server: Server
) -> None:
    first = stamp(terminal, clock)
    held = held_stamp(terminal, clock)
    released = release(writer, held.event_id, "regular, paid for two coffees")
    assert released.note == f"{held.note} · released by manager: regular, paid for two coffees"
    sync(writer, server)
    sent = server.events
    assert set(sent[first.event_id]) == PLAIN_KEYS
    assert sent[held.event_id] == {
        **wire_event(first),
        "eventId": held.event_id,
        "eventTime": sent[held.event_id]["eventTime"],
        "note": released.note,
        "heldByPolicy": True,
    }
    states = {e.event_id: e.state for e in writer.call(lambda o: o.events())}
    assert states == {first.event_id: EventState.SENT, held.event_id: EventState.SENT}


def test_a_release_without_a_manager_note_is_flagged_too(
    writer: StoreWriter, terminal: Terminal, clock: Clock, server: Server
) -> None:
    stamp(terminal, clock)
    held = held_stamp(terminal, clock)
    release(writer, held.event_id)
    sync(writer, server)
    sent = server.events[held.event_id]
    assert sent["heldByPolicy"] is True
    assert sent["note"] == f"{held.note} · released by manager"


def test_held_events_wait_for_the_manager_and_declined_ones_never_go(
    writer: StoreWriter, terminal: Terminal, clock: Clock, server: Server
) -> None:
    first = stamp(terminal, clock)
    declined = held_stamp(terminal, clock)
    waiting = held_stamp(terminal, clock)
    sync(writer, server)
    assert list(server.events) == [first.event_id]
    writer.call(lambda o: o.decline_review(declined.event_id, "second visit today"))
    sync(writer, server)
    release(writer, waiting.event_id, "ok")
    sync(writer, server)
    assert list(server.events) == [first.event_id, waiting.event_id]
    assert server.events[waiting.event_id]["heldByPolicy"] is True


def test_a_correction_sends_its_reason_as_note_but_no_flag(
    writer: StoreWriter, terminal: Terminal, clock: Clock, server: Server
) -> None:
    stamp(terminal, clock)
    recorded = terminal.correct(Correction(CARD, "  stamped   the wrong card ", remove_stamps=1))
    [correction] = recorded.events
    sync(writer, server)
    sent = server.events[correction.event_id]
    assert sent["eventType"] == "REMOVE_STAMP"
    assert sent["note"] == "stamped the wrong card"
    assert "heldByPolicy" not in sent


def test_the_flag_stays_with_its_event_when_a_refused_batch_is_split(
    writer: StoreWriter, terminal: Terminal, clock: Clock, server: Server
) -> None:
    first = stamp(terminal, clock)
    held = held_stamp(terminal, clock)
    release(writer, held.event_id, "fine")
    clock.advance(days=1)
    refused = stamp(terminal, clock)  # the next day: a plain stamp again
    server.refuse_batches_with.add(refused.event_id)
    sync(writer, server)
    sent = server.events
    assert set(sent) == {first.event_id, held.event_id}
    assert sent[held.event_id]["heldByPolicy"] is True
    assert "heldByPolicy" not in sent[first.event_id]
    [rejected] = writer.call(lambda o: o.events(state=EventState.REJECTED))
    assert rejected.event_id == refused.event_id


def test_each_batch_flags_its_own_held_events(
    writer: StoreWriter, terminal: Terminal, clock: Clock, server: Server
) -> None:
    ids = [stamp(terminal, clock).event_id]
    held = [held_stamp(terminal, clock) for _ in range(3)]
    for event in held:
        release(writer, event.event_id)
    sync(writer, server, batch_size=1)
    assert [len(batch) for batch in server.batches] == [1, 1, 1, 1]
    flags = {e["eventId"]: e.get("heldByPolicy") for batch in server.batches for e in batch}
    assert flags == {ids[0]: None, **{event.event_id: True for event in held}}


# --- the wire form of a note -----------------------------------------------------------------


def outbox_event(note: str | None) -> OutboxEvent:
    return OutboxEvent(
        seq=1,
        event_id="e-1",
        terminal_id="t-1",
        card_instance_id=CARD,
        event_type=EventType.REMOVE_STAMP,
        stamp_value=None,
        reward_instance_id=None,
        device_time=START,
        clock_offset_ms=0,
        state=EventState.PENDING,
        attempts=0,
        last_error=None,
        next_attempt_at=None,
        result_code=None,
        result_message=None,
        source="",
        note=note,
    )


def test_a_long_note_is_trimmed_to_500_characters_and_nul_is_dropped() -> None:
    long = "ü" * 499 + "\x00" + "xyz" * 100
    body = wire_event(outbox_event(long))
    assert body["note"] == "ü" * 499 + "x"
    assert len(body["note"]) == 500
    assert wire_note("a\x00b") == "ab"
    assert wire_note("\x00") is None
    assert wire_note("") is None
    assert wire_note(None) is None
    assert "note" not in wire_event(outbox_event(""))
    assert "heldByPolicy" not in wire_event(outbox_event("x"))
    assert wire_event(outbox_event(None), held_by_policy=True)["heldByPolicy"] is True


def test_report_events_flags_only_the_events_named() -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        events = json.loads(request.content)["events"]
        seen.extend(events)
        results = [{"result": {"code": 0}, "eventId": e["eventId"]} for e in events]
        return httpx.Response(200, json={"result": {"code": 0}, "eventResults": results})

    http = httpx.Client(base_url="http://stamps.test", transport=httpx.MockTransport(handler))
    client = StampApiClient(http, api_key="k", terminal_token="t")
    one, two = outbox_event(None), replace(outbox_event("why"), event_id="e-2")
    client.report_events([one, two], frozenset({"e-2", "not-in-batch"}))
    assert [e.get("heldByPolicy") for e in seen] == [None, True]
    assert [e.get("note") for e in seen] == [None, "why"]


# --- what the outbox remembers ---------------------------------------------------------------


def test_the_outbox_remembers_which_events_were_held(db_path: Path, clock: Clock) -> None:
    conn = open_database(db_path)
    try:
        outbox = Outbox(conn, clock)
        plain = outbox.append([EventDraft(CARD, EventType.STAMP)]).events
        held = outbox.append(
            [EventDraft(CARD, EventType.STAMP) for _ in range(600)], guard=lambda _view: HOLD
        ).events
        outbox.release_review(held[0].event_id, "ok")
        outbox.decline_review(held[1].event_id, "no")
        ids = [e.event_id for e in (*plain, *held)]
        assert outbox.held_by_policy([*ids, "unknown", ids[1]]) == {e.event_id for e in held}
        assert outbox.held_by_policy([]) == frozenset()
        assert outbox.held_by_policy([plain[0].event_id]) == frozenset()
    finally:
        conn.close()


def test_a_hold_is_rolled_back_with_its_event(db_path: Path, clock: Clock) -> None:
    conn = open_database(db_path)
    try:
        outbox = Outbox(conn, clock)

        def failing(_view: object) -> Verdict:
            raise RuntimeError("the guard failed")

        [kept] = outbox.append([EventDraft(CARD, EventType.STAMP)], guard=lambda _v: HOLD).events
        with pytest.raises(RuntimeError), outbox.transaction():
            outbox.append([EventDraft(CARD, EventType.STAMP)], guard=lambda _view: HOLD)
            outbox.append([EventDraft(CARD, EventType.STAMP)], guard=failing)
        assert conn.execute("SELECT event_id FROM policy_holds").fetchall() == [(kept.event_id,)]
        assert [e.event_id for e in outbox.events()] == [kept.event_id]
    finally:
        conn.close()


# --- terminal databases of the previous version ---------------------------------------------


def schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()


def as_version_2(path: Path) -> None:
    """Turn a database into what version 2 had: the same events, no record of the holds (the
    notes are the ones the previous release wrote: ``release_review`` has not changed)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("DROP TABLE policy_holds")
        conn.execute("PRAGMA user_version = 2")
        fresh = sqlite3.connect(":memory:", isolation_level=None)
        migrations.apply_step(fresh, 1)
        migrations.apply_step(fresh, 2)
        assert schema(conn) == schema(fresh)
        fresh.close()
    finally:
        conn.close()


def test_a_version_2_database_learns_which_events_were_held(
    db_path: Path, clock: Clock, server: Server
) -> None:
    silent = Verdict("review", "daily_limit", None)
    with StoreWriter.open(db_path, clock=clock) as writer:
        terminal = Terminal(REVIEW_DAILY, writer, clock=clock)
        plain = stamp(terminal, clock)
        released = held_stamp(terminal, clock)
        release(writer, released.event_id, "regular")
        bare = held_stamp(terminal, clock)
        release(writer, bare.event_id)
        declined = held_stamp(terminal, clock)
        writer.call(lambda o: o.decline_review(declined.event_id, "twice today"))
        waiting = held_stamp(terminal, clock)
        [no_message] = writer.call(
            lambda o: o.append([EventDraft(CARD, EventType.STAMP)], guard=lambda _v: silent)
        ).events
        release(writer, no_message.event_id, "")
        [correction] = terminal.correct(Correction(CARD, "wrong card", remove_stamps=1)).events
        before = writer.call(lambda o: o.held_by_policy(e.event_id for e in o.events()))
    every = [plain, released, bare, declined, waiting, no_message, correction]
    held = {e.event_id for e in (released, bare, declined, waiting, no_message)}
    assert before == held
    as_version_2(db_path)

    with StoreWriter.open(db_path, clock=clock) as writer:
        assert writer.call(lambda o: migrations.user_version(o.connection)) == migrations.LATEST
        found = writer.call(lambda o: o.held_by_policy(e.event_id for e in every))
        assert found == held
        sync(writer, server)
        release(writer, waiting.event_id, "fine")
        sync(writer, server)
    sent = server.events
    flagged = {event_id for event_id, event in sent.items() if event.get("heldByPolicy")}
    assert flagged == {released.event_id, bare.event_id, no_message.event_id, waiting.event_id}
    assert declined.event_id not in sent
    assert set(sent) == flagged | {plain.event_id, correction.event_id}


def test_the_migration_keeps_every_event_row_as_it_was(db_path: Path, clock: Clock) -> None:
    with StoreWriter.open(db_path, clock=clock) as writer:
        terminal = Terminal(REVIEW_DAILY, writer, clock=clock)
        stamp(terminal, clock)
        release(writer, held_stamp(terminal, clock).event_id, "ok")
    as_version_2(db_path)
    conn = sqlite3.connect(db_path)
    before = conn.execute("SELECT * FROM events ORDER BY seq").fetchall()
    conn.close()
    migrated = open_database(db_path)
    try:
        assert migrations.user_version(migrated) == 3
        assert migrated.execute("SELECT * FROM events ORDER BY seq").fetchall() == before
    finally:
        migrated.close()
