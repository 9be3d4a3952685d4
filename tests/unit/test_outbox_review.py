"""A manager's decision on events held for review: release to sync, or decline for good."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from outbox_kit import Clock, on_disk

from app import cli
from app.domain.events import EventDraft, EventState, EventType, OutboxEvent
from app.paths import DATABASE_NAME
from app.policy.ledger import Verdict
from app.policy.rules import PolicySettings, stamp_guard
from app.store import projection
from app.store.database import open_database
from app.store.ledger_queries import SqlLedgerView
from app.store.outbox import NotHeldForReview, Outbox

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
CARD = "0131cef8-56e1-461a-b82b-7e220b925481"
HOLD = Verdict("review", "daily_limit", "Over the daily limit: a manager must confirm.")
REVIEW_DAILY = PolicySettings(debounce_seconds=0, max_stamps_per_day=1, limit_action="review")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "outbox.sqlite3"


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def outbox(db_path: Path, clock: Clock) -> Iterator[Outbox]:
    conn = open_database(db_path)
    yield Outbox(conn, clock)
    conn.close()


def record(outbox: Outbox, held: bool = False, card: str = CARD) -> OutboxEvent:
    draft = EventDraft(card, EventType.STAMP, stamp_value="s", source="qr")
    result = outbox.append([draft], guard=(lambda _view: HOLD) if held else None)
    (event,) = result.events
    return event


def local_stamps(path: Path, card: str = CARD) -> int:
    ((stamps,),) = on_disk(
        path, "SELECT local_stamps FROM cards WHERE card_instance_id = ?", (card,)
    )
    assert isinstance(stamps, int)
    return stamps


def stamps_counted_by_the_policy(outbox: Outbox) -> int:
    with outbox.transaction() as conn:
        view = SqlLedgerView(conn)
        try:
            return view.stamps_since(CARD, START - timedelta(days=1))
        finally:
            view.close()


def test_release_makes_a_held_event_pending_in_its_place_in_the_sequence(
    outbox: Outbox, db_path: Path, clock: Clock
) -> None:
    first = record(outbox)
    clock.advance(60)
    held = record(outbox, held=True)
    clock.advance(60)
    later = record(outbox)
    assert outbox.mark_sent([first.event_id]) == 1
    assert local_stamps(db_path) == 1
    assert [e.event_id for e in outbox.due_pending(10, clock())] == [later.event_id]

    clock.advance(3600)
    released = outbox.release_review(held.event_id, "regular customer, two coffees")

    assert released.state is EventState.PENDING
    assert (released.seq, released.device_time) == (held.seq, held.device_time)
    assert released.note == (
        "Over the daily limit: a manager must confirm. · released by manager: "
        "regular customer, two coffees"
    )
    assert on_disk(db_path, "SELECT state FROM events WHERE event_id = ?", (held.event_id,)) == [
        ("pending",)
    ]
    due = outbox.due_pending(10, clock())
    assert [e.event_id for e in due] == [held.event_id, later.event_id]
    assert local_stamps(db_path) == 2
    assert outbox.counts()[EventState.REVIEW] == 0
    assert outbox.counts()[EventState.PENDING] == 2

    assert outbox.mark_sent([held.event_id, later.event_id]) == 2
    assert local_stamps(db_path) == 0
    assert on_disk(db_path, "SELECT known_stamps FROM cards") == [(3,)]


def test_release_without_a_note_says_who_released_it(outbox: Outbox) -> None:
    held = record(outbox, held=True)
    assert outbox.release_review(held.event_id, "  ").note == (
        "Over the daily limit: a manager must confirm. · released by manager"
    )


def test_decline_keeps_the_event_out_of_sync_with_the_reason(
    outbox: Outbox, db_path: Path, clock: Clock
) -> None:
    record(outbox)
    clock.advance(60)
    held = record(outbox, held=True)
    assert stamps_counted_by_the_policy(outbox) == 2

    declined = outbox.decline_review(held.event_id, "  second visit within the hour  ")

    assert declined.state is EventState.REJECTED
    assert declined.result_code is None
    assert declined.result_message == "declined by manager: second visit within the hour"
    assert declined.note == HOLD.message
    assert on_disk(
        db_path,
        "SELECT state, result_code, result_message FROM events WHERE event_id = ?",
        (held.event_id,),
    ) == [("rejected", None, "declined by manager: second visit within the hour")]
    assert held.event_id not in [e.event_id for e in outbox.due_pending(10, clock())]
    assert local_stamps(db_path) == 1
    assert stamps_counted_by_the_policy(outbox) == 1
    assert outbox.mark_sent([held.event_id]) == 0
    assert not outbox.mark_rejected(held.event_id, 33003, "late")
    assert outbox.events(EventState.REJECTED) == [declined]


def test_a_decline_needs_a_reason(outbox: Outbox, db_path: Path) -> None:
    held = record(outbox, held=True)
    with pytest.raises(ValueError, match="Say why"):
        outbox.decline_review(held.event_id, " ")
    assert on_disk(db_path, "SELECT state FROM events") == [("review",)]


@pytest.mark.parametrize("decide", ["release", "decline"])
def test_only_held_events_can_be_decided(
    outbox: Outbox, db_path: Path, clock: Clock, decide: str
) -> None:
    pending = record(outbox)
    clock.advance(60)
    sent = record(outbox)
    outbox.mark_sent([sent.event_id])
    clock.advance(60)
    rejected = record(outbox)
    outbox.mark_rejected(rejected.event_id, 33003, "stamp.multiple.stamp.attempt")
    clock.advance(60)
    held = record(outbox, held=True)
    if decide == "release":
        outbox.release_review(held.event_id)
    else:
        outbox.decline_review(held.event_id, "no")
    before = on_disk(db_path, "SELECT * FROM events ORDER BY seq")
    cards_before = on_disk(db_path, "SELECT * FROM cards")

    for event in (pending, sent, rejected, held):

        def decision(o: Outbox, event_id: str = event.event_id) -> OutboxEvent:
            if decide == "release":
                return o.release_review(event_id, "note")
            return o.decline_review(event_id, "reason")

        with pytest.raises(NotHeldForReview, match="not held for review"):
            decision(outbox)
    with pytest.raises(NotHeldForReview, match="No event nope"):
        outbox.release_review("nope")
    with pytest.raises(NotHeldForReview, match="No event nope"):
        outbox.decline_review("nope", "reason")
    assert on_disk(db_path, "SELECT * FROM events ORDER BY seq") == before
    assert on_disk(db_path, "SELECT * FROM cards") == cards_before


def test_release_is_one_transaction(
    outbox: Outbox, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = record(outbox, held=True)

    def broken(*_args: object, **_kw: object) -> None:
        raise sqlite3.IntegrityError("projection update failed")

    monkeypatch.setattr(projection, "apply_local", broken)
    with pytest.raises(sqlite3.IntegrityError):
        outbox.release_review(held.event_id, "ok")
    assert on_disk(db_path, "SELECT state, note FROM events") == [("review", HOLD.message)]
    assert local_stamps(db_path) == 0
    assert not outbox.connection.in_transaction
    monkeypatch.undo()
    assert outbox.release_review(held.event_id, "ok").state is EventState.PENDING


def test_the_policy_holds_then_a_release_keeps_the_limit_it_counted(
    outbox: Outbox, db_path: Path, clock: Clock
) -> None:
    def visit() -> tuple[OutboxEvent, Verdict]:
        clock.advance(60)
        guard = stamp_guard(REVIEW_DAILY, CARD, 1, clock())
        result = outbox.append([EventDraft(CARD, EventType.STAMP)], guard)
        return result.events[0], result.verdict

    first, verdict = visit()
    assert verdict.action == "record"
    second, verdict = visit()
    assert (verdict.action, second.state) == ("review", EventState.REVIEW)
    outbox.release_review(second.event_id, "allowed")
    third, verdict = visit()
    assert (verdict.action, third.state) == ("review", EventState.REVIEW)
    outbox.decline_review(third.event_id, "over the limit")
    assert stamps_counted_by_the_policy(outbox) == 2
    assert [e.event_id for e in outbox.due_pending(10, clock())] == [
        first.event_id,
        second.event_id,
    ]
    assert local_stamps(db_path) == 2


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_releases_and_declines(
    capsys: pytest.CaptureFixture[str], isolated_terminal_home: Path
) -> None:
    limits = ("--limit-action", "review", "--max-stamps-per-day", "1", "--debounce-seconds", "0")
    for _ in range(3):
        code, _out, err = run_cli(capsys, *limits, "stamp", CARD)
        assert code == 0, err
    code, out, _err = run_cli(capsys, "events", "--state", "review", "--json")
    held = [e["eventId"] for e in json.loads(out)]
    assert code == 0 and len(held) == 2

    code, out, err = run_cli(capsys, "events", "release", held[0], "--note", "regular", "--json")
    assert code == 0, err
    released = json.loads(out)
    assert released["state"] == "pending"
    assert released["note"].endswith("released by manager: regular")

    code, out, err = run_cli(capsys, "events", "decline", held[1], "--reason", "limit")
    assert code == 0, err
    assert out.split()[:2] == [held[1], "rejected"]
    assert out.rstrip().endswith("declined by manager: limit")

    code, out, err = run_cli(capsys, "events", "--json", "decline", held[0], "--reason", "x")
    assert code == cli.EXIT_USAGE
    assert out == ""
    assert err == (
        f"stamp-terminal: Event {held[0]} is pending, not held for review: only held events "
        "can be released or declined.\n"
    )
    code, out, _err = run_cli(capsys, "status", "--json")
    assert json.loads(out)["queue"] == {"pending": 2, "sent": 0, "rejected": 1, "review": 0}
    database = isolated_terminal_home / DATABASE_NAME
    assert on_disk(database, "SELECT result_message FROM events WHERE state = 'rejected'") == [
        ("declined by manager: limit",)
    ]
