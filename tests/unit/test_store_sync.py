"""The outbox helpers the sync worker builds on: due events, sent, rejected, retry."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.events import EventDraft, EventState, EventType, OutboxEvent
from app.policy.ledger import Verdict
from app.store.database import open_database
from app.store.outbox import Outbox

NOW = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)
CARD = "card-0001"


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    conn = open_database(tmp_path / "outbox.sqlite3")
    yield Outbox(conn, clock=lambda: NOW)
    conn.close()


def record(outbox: Outbox, event_type: EventType = EventType.STAMP, **kwargs: str) -> OutboxEvent:
    card = kwargs.pop("card", CARD)
    return outbox.append([EventDraft(card, event_type, **kwargs)]).events[0]


def projection(outbox: Outbox, card: str = CARD) -> tuple[int, int, str]:
    conn: sqlite3.Connection = outbox.connection
    row = conn.execute(
        "SELECT known_stamps, local_stamps, status FROM cards WHERE card_instance_id = ?", (card,)
    ).fetchone()
    return int(row[0]), int(row[1]), str(row[2])


def test_due_pending_keeps_order_behind_an_event_not_yet_due(outbox: Outbox) -> None:
    events = [record(outbox) for _ in range(4)]
    record(outbox, card="held")
    outbox.append([EventDraft(CARD, EventType.STAMP)], guard=lambda view: Verdict("review"))
    assert outbox.mark_retry([events[1].event_id], "timeout", NOW + timedelta(seconds=30)) == 1
    assert outbox.mark_retry([events[2].event_id], "timeout", NOW) == 1
    due = outbox.due_pending(limit=10, now=NOW)
    assert [e.seq for e in due] == [1]  # event 2 waits, and so does everything recorded after it
    assert [e.seq for e in outbox.due_pending(limit=1, now=NOW)] == [1]
    later = outbox.due_pending(limit=10, now=NOW + timedelta(seconds=30))
    assert [e.seq for e in later] == [1, 2, 3, 4, 5]


def test_mark_retry_counts_attempts(outbox: Outbox) -> None:
    event = record(outbox)
    retry_at = NOW + timedelta(minutes=1)
    outbox.mark_retry([event.event_id, event.event_id], "connection refused", retry_at)
    outbox.mark_retry([event.event_id], "timeout", retry_at + timedelta(minutes=1))
    (stored,) = outbox.events()
    assert stored.attempts == 2
    assert stored.last_error == "timeout"
    assert stored.next_attempt_at == retry_at + timedelta(minutes=1)
    assert stored.state is EventState.PENDING


def test_mark_sent_takes_server_values(outbox: Outbox) -> None:
    first, second, third = record(outbox), record(outbox), record(outbox)
    assert projection(outbox) == (0, 3, "UNKNOWN")
    changed = outbox.mark_sent([first.event_id, second.event_id], {CARD: (7, 10, "ACTIVE")})
    assert changed == 2
    assert projection(outbox) == (7, 1, "ACTIVE")
    card = outbox.card(CARD)
    assert card is not None
    assert (card.stamps, card.total_stamps) == (8, 10)
    sent = outbox.events(state=EventState.SENT)
    assert [e.event_id for e in sent] == [first.event_id, second.event_id]
    assert all(e.attempts == 1 and e.next_attempt_at is None for e in sent)
    assert outbox.due_pending(10, NOW) == outbox.events(state=EventState.PENDING)
    assert outbox.events(state=EventState.PENDING)[0].event_id == third.event_id


def test_mark_sent_without_server_values_moves_local_to_known(outbox: Outbox) -> None:
    stamps = [record(outbox) for _ in range(3)]
    removal = record(outbox, EventType.REMOVE_STAMP)
    outbox.mark_sent([stamps[0].event_id, removal.event_id], None)
    assert projection(outbox) == (0, 2, "UNKNOWN")
    outbox.mark_sent([stamps[1].event_id])
    assert projection(outbox) == (1, 1, "UNKNOWN")
    card = outbox.card(CARD)
    assert card is not None
    assert card.stamps == 2


def test_mark_sent_is_idempotent_and_skips_held_events(outbox: Outbox) -> None:
    event = record(outbox)
    held = outbox.append([EventDraft(CARD, EventType.STAMP)], guard=lambda v: Verdict("review"))
    assert outbox.mark_sent([event.event_id], {CARD: (1, 10, "ACTIVE")}) == 1
    assert outbox.mark_sent([event.event_id], {CARD: (1, 10, "ACTIVE")}) == 0
    assert outbox.mark_sent([held.events[0].event_id, "unknown-id"]) == 0
    assert projection(outbox) == (1, 0, "ACTIVE")
    assert outbox.counts()[EventState.REVIEW] == 1


def test_mark_rejected_removes_local_effect_and_keeps_event(outbox: Outbox) -> None:
    outbox.upsert_card_from_server(CARD, "coffee", 4, 10, "ACTIVE", None)
    stamp, removal = record(outbox), record(outbox, EventType.REMOVE_STAMP)
    extra = record(outbox)
    assert projection(outbox) == (4, 1, "ACTIVE")
    assert outbox.mark_rejected(stamp.event_id, 422, "card expired")
    assert projection(outbox) == (4, 0, "ACTIVE")
    assert outbox.mark_rejected(removal.event_id, 409, "no stamp to remove")
    assert projection(outbox) == (4, 1, "ACTIVE")
    assert not outbox.mark_rejected(stamp.event_id, 422, "again")
    assert not outbox.mark_rejected("unknown-id", 404, "unknown")
    assert projection(outbox) == (4, 1, "ACTIVE")
    (rejected, rejected_removal) = outbox.events(state=EventState.REJECTED)
    assert (rejected.result_code, rejected.result_message) == (422, "card expired")
    assert rejected_removal.result_code == 409
    assert [e.event_id for e in outbox.due_pending(10, NOW)] == [extra.event_id]


def test_rejecting_a_held_event_leaves_stamps_alone(outbox: Outbox) -> None:
    record(outbox)
    held = outbox.append([EventDraft(CARD, EventType.STAMP)], guard=lambda v: Verdict("review"))
    assert outbox.mark_rejected(held.events[0].event_id, None, "declined by manager")
    assert projection(outbox) == (0, 1, "UNKNOWN")


def test_redeem_confirmed_or_rejected_updates_reward(outbox: Outbox) -> None:
    outbox.upsert_card_from_server(CARD, "coffee", 10, 10, "ACTIVE", None)
    for reward in ("r-1", "r-2"):
        outbox.upsert_reward_from_server(reward, CARD, "free-coffee", "Free coffee", "ACTIVE")
    first = record(outbox, EventType.REDEEM, reward_instance_id="r-1")
    second = record(outbox, EventType.REDEEM, reward_instance_id="r-2")
    outbox.mark_sent([first.event_id], {CARD: (0, 10, "REDEEMED")})
    assert outbox.reward_status("r-1") == ("REDEEMED", None)
    assert projection(outbox) == (0, 0, "REDEEMED")
    outbox.mark_rejected(second.event_id, 409, "already redeemed on another terminal")
    assert outbox.reward_status("r-2") == ("ACTIVE", None)


def test_calls_inside_one_transaction_commit_or_roll_back_together(outbox: Outbox) -> None:
    first, second = record(outbox), record(outbox)
    with pytest.raises(RuntimeError), outbox.transaction():
        outbox.mark_sent([first.event_id])
        outbox.mark_rejected(second.event_id, 33003, "stamp.multiple.stamp.attempt")
        raise RuntimeError("power cut")
    assert outbox.counts()[EventState.PENDING] == 2
    with outbox.transaction():
        outbox.mark_sent([first.event_id])
        outbox.mark_rejected(second.event_id, 33003, "stamp.multiple.stamp.attempt")
    counts = outbox.counts()
    assert (counts[EventState.SENT], counts[EventState.REJECTED]) == (1, 1)
