"""The outbox: events and the card projection committed together, reads, and the server cache."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from outbox_kit import Clock, on_disk

from app.domain.events import EventDraft, EventState, EventType
from app.errors import StoreUnavailable
from app.policy.ledger import LedgerView, Verdict
from app.store.database import open_database
from app.store.outbox import Outbox

START = datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=UTC)
CARD = "card-0001"


class Boom(Exception):
    pass


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


def stamp(card: str = CARD, **kwargs: str) -> EventDraft:
    return EventDraft(card, EventType.STAMP, **kwargs)


def test_terminal_id_is_created_once_and_kept(db_path: Path) -> None:
    conn = open_database(db_path)
    first = Outbox(conn).terminal_id
    assert len(first) == 36
    assert Outbox(conn).terminal_id == first
    conn.close()
    conn = open_database(db_path)
    try:
        assert Outbox(conn).terminal_id == first
    finally:
        conn.close()


def test_clock_offset_and_meta(outbox: Outbox) -> None:
    assert outbox.clock_offset_ms == 0
    outbox.clock_offset_ms = -2500
    assert outbox.clock_offset_ms == -2500
    assert outbox.meta_get("missing") is None
    outbox.meta_set("server_url", "https://stamps.example")
    outbox.meta_set("server_url", "https://other.example")
    assert outbox.meta_get("server_url") == "https://other.example"


def test_append_commits_event_and_projection(outbox: Outbox, db_path: Path) -> None:
    outbox.clock_offset_ms = 750
    result = outbox.append([stamp(stamp_value="1", source="qr", note="first visit")])
    assert result.verdict.action == "record"
    (event,) = result.events
    assert event.state is EventState.PENDING
    assert event.terminal_id == outbox.terminal_id
    assert event.device_time == START
    assert event.clock_offset_ms == 750
    assert (event.attempts, event.source, event.note, event.stamp_value) == (
        0,
        "qr",
        "first visit",
        "1",
    )
    assert result.card is not None
    assert (result.card.stamps, result.card.status) == (1, "UNKNOWN")
    assert on_disk(db_path, "SELECT event_id, state FROM events") == [(event.event_id, "pending")]
    assert on_disk(db_path, "SELECT known_stamps, local_stamps, status FROM cards") == [
        (0, 1, "UNKNOWN")
    ]
    assert outbox.events() == [event]


def test_append_several_drafts_in_one_transaction(outbox: Outbox, clock: Clock) -> None:
    outbox.append([stamp()])
    clock.advance(seconds=5)
    result = outbox.append([stamp(), stamp(), EventDraft(CARD, EventType.REMOVE_STAMP)])
    assert [e.event_type for e in result.events] == ["STAMP", "STAMP", "REMOVE_STAMP"]
    assert len({e.event_id for e in result.events}) == 3
    assert result.card is not None
    assert result.card.stamps == 2
    assert [e.seq for e in outbox.events()] == [1, 2, 3, 4]


def test_refused_verdict_stores_nothing(outbox: Outbox, db_path: Path) -> None:
    outbox.append([stamp()])
    refuse = Verdict("refuse", "cooldown", "Already stamped a moment ago.")
    result = outbox.append([stamp(), stamp()], guard=lambda view: refuse)
    assert result.events == ()
    assert result.verdict == refuse
    assert result.card is None
    assert on_disk(db_path, "SELECT count(*) FROM events") == [(1,)]
    assert on_disk(db_path, "SELECT local_stamps FROM cards") == [(1,)]
    assert outbox.append([stamp()]).events[0].seq == 2


def failing_guard(view: LedgerView) -> Verdict:
    raise Boom("policy crashed")


@pytest.mark.parametrize(
    ("drafts", "guard", "error"),
    [
        ([stamp(), stamp()], failing_guard, Boom),
        ([stamp(), EventDraft(CARD, "NOT_A_TYPE")], None, ValueError),  # type: ignore[arg-type]
        ([stamp(), EventDraft(None, EventType.STAMP)], None, sqlite3.IntegrityError),  # type: ignore[arg-type]
        ([stamp()], lambda view: Verdict("maybe"), ValueError),
    ],
)
def test_exception_mid_transaction_writes_nothing(
    outbox: Outbox, db_path: Path, drafts: list[EventDraft], guard: object, error: type
) -> None:
    outbox.append([stamp("card-other")])
    before = on_disk(db_path, "SELECT * FROM events"), on_disk(db_path, "SELECT * FROM cards")
    with pytest.raises(error):
        outbox.append(drafts, guard=guard)  # type: ignore[arg-type]
    assert not outbox.connection.in_transaction
    after = on_disk(db_path, "SELECT * FROM events"), on_disk(db_path, "SELECT * FROM cards")
    assert after == before
    assert outbox.card(CARD) is None


def test_review_events_are_held_out_of_local_stamps(outbox: Outbox) -> None:
    outbox.append([stamp()])
    verdict = Verdict("review", "daily_limit", "Third stamp today: a manager must confirm.")
    result = outbox.append([stamp(note="cashier note")], guard=lambda view: verdict)
    (event,) = result.events
    assert event.state is EventState.REVIEW
    assert event.note == verdict.message
    assert result.card is not None
    assert result.card.stamps == 1
    assert outbox.counts()[EventState.REVIEW] == 1


def test_guard_sees_the_ledger_of_the_transaction(outbox: Outbox, clock: Clock) -> None:
    seen: list[tuple[object, ...]] = []

    def guard(view: LedgerView) -> Verdict:
        seen.append(
            (
                view.last_stamp_time(CARD),
                view.stamps_since(CARD, START),
                view.stamps_since(CARD, START + timedelta(seconds=1)),
                view.unsynced_redemptions(CARD),
                view.card(CARD),
            )
        )
        return Verdict("record")

    outbox.append([stamp()], guard=guard)
    assert seen[0] == (None, 0, 0, 0, None)
    clock.advance(seconds=10)
    outbox.append([EventDraft(CARD, EventType.REDEEM, reward_instance_id="r-1")])
    outbox.append([stamp()], guard=guard)
    last, since_start, since_later, redemptions, card = seen[1]
    assert (last, since_start, since_later, redemptions) == (START, 1, 0, 1)
    assert card is not None
    assert card.stamps == 1


def test_ledger_ignores_rejected_and_orders_by_sequence(outbox: Outbox, clock: Clock) -> None:
    clock.advance(hours=2)
    ahead = outbox.append([stamp()]).events[0]
    clock.advance(hours=-2)
    behind = outbox.append([stamp()]).events[0]
    rejected = outbox.append([stamp()]).events[0]
    assert outbox.mark_rejected(rejected.event_id, 422, "card expired")
    seen: list[tuple[datetime | None, int]] = []

    def guard(view: LedgerView) -> Verdict:
        seen.append((view.last_stamp_time(CARD), view.stamps_since(CARD, START)))
        return Verdict("refuse")

    outbox.append([stamp()], guard=guard)
    assert seen == [(behind.device_time, 2)]
    assert ahead.device_time > behind.device_time


def test_ledger_view_is_closed_after_the_transaction(outbox: Outbox) -> None:
    kept: list[LedgerView] = []
    outbox.append([stamp()], guard=lambda view: kept.append(view) or Verdict("record"))
    with pytest.raises(RuntimeError, match="outside its transaction"):
        kept[0].card(CARD)


def test_seq_is_monotonic_across_reopen_and_never_reused(db_path: Path) -> None:
    conn = open_database(db_path)
    seqs = [Outbox(conn).append([stamp()]).events[0].seq for _ in range(3)]
    conn.execute("DELETE FROM events WHERE seq = ?", (seqs[-1],))
    conn.close()
    conn = open_database(db_path)
    try:
        outbox = Outbox(conn)
        seqs += [outbox.append([stamp()]).events[0].seq for _ in range(2)]
    finally:
        conn.close()
    assert seqs == [1, 2, 3, 4, 5]


def test_reads_filter_count_and_order(outbox: Outbox, clock: Clock) -> None:
    assert outbox.counts() == dict.fromkeys(EventState, 0)
    assert outbox.oldest_pending_time() is None
    first = outbox.append([stamp("a")]).events[0]
    clock.advance(minutes=1)
    outbox.append([stamp("b"), stamp("a")])
    outbox.append([stamp("b")], guard=lambda view: Verdict("review"))
    assert [e.card_instance_id for e in outbox.events()] == ["a", "b", "a", "b"]
    assert len(outbox.events(card_instance_id="a")) == 2
    assert len(outbox.events(state=EventState.REVIEW)) == 1
    assert [e.seq for e in outbox.events(state=EventState.PENDING, limit=2)] == [1, 2]
    assert outbox.counts() == {
        EventState.PENDING: 3,
        EventState.SENT: 0,
        EventState.REJECTED: 0,
        EventState.REVIEW: 1,
    }
    assert outbox.oldest_pending_time() == START
    outbox.mark_sent([first.event_id])
    assert outbox.oldest_pending_time() == START + timedelta(minutes=1)


def test_redeem_marks_a_known_reward_pending(outbox: Outbox) -> None:
    outbox.upsert_card_from_server(CARD, "coffee", 10, 10, "ACTIVE", None)
    outbox.upsert_reward_from_server("r-1", CARD, "free-coffee", "Free coffee", "ACTIVE")
    result = outbox.append([EventDraft(CARD, EventType.REDEEM, reward_instance_id="r-1")])
    assert outbox.reward_status("r-1") == ("ACTIVE", "REDEEMED")
    assert result.card is not None
    assert result.card.stamps == 10
    outbox.append([EventDraft(CARD, EventType.REDEEM, reward_instance_id="r-unknown")])
    assert outbox.reward_status("r-unknown") is None


def test_server_cache_keeps_local_changes(outbox: Outbox) -> None:
    outbox.append([stamp(), stamp()])
    expiration = datetime(2025, 1, 1, tzinfo=UTC)
    outbox.upsert_card_from_server(CARD, "coffee", 4, 10, "ACTIVE", expiration, "+491701234567")
    card = outbox.card(CARD)
    assert card is not None
    assert (card.stamps, card.total_stamps, card.status, card.stamp_card_id) == (
        6,
        10,
        "ACTIVE",
        "coffee",
    )
    assert card.expiration == expiration
    outbox.upsert_card_from_server(CARD, None, 5, 10, "ACTIVE", None)
    card = outbox.card(CARD)
    assert card is not None
    assert (card.stamps, card.stamp_card_id) == (7, "coffee")
    assert outbox.card_by_phone("+491701234567") == CARD
    assert outbox.card_by_phone("+490000") is None


def test_tag_uids_are_normalized(outbox: Outbox) -> None:
    assert outbox.card_by_tag_uid("04A2B3") is None
    outbox.register_tag_uid("04:a2:b3:c4", CARD)
    assert outbox.card_by_tag_uid("04A2B3C4") == CARD
    outbox.register_tag_uid("04a2b3c4", "card-new")
    assert outbox.card_by_tag_uid("04:A2:B3:C4") == "card-new"
    with pytest.raises(ValueError, match="not a tag UID"):
        outbox.register_tag_uid("zz", CARD)


def test_master_data_cache(outbox: Outbox) -> None:
    assert outbox.master_data_get("stamp_cards") is None
    outbox.master_data_set("stamp_cards", '[{"id": "coffee"}]')
    outbox.master_data_set("stamp_cards", '[{"id": "tea"}]')
    assert outbox.master_data_get("stamp_cards") == '[{"id": "tea"}]'


def test_naive_clock_is_refused(db_path: Path) -> None:
    conn = open_database(db_path)
    try:
        outbox = Outbox(conn, clock=lambda: datetime(2024, 1, 1))
        with pytest.raises(ValueError, match="naive"):
            outbox.append([stamp()])
        assert outbox.events() == []
    finally:
        conn.close()


def test_empty_append_is_an_error(outbox: Outbox) -> None:
    with pytest.raises(ValueError, match="at least one"):
        outbox.append([])


def test_write_failure_is_a_store_error_and_records_nothing(outbox: Outbox, db_path: Path) -> None:
    outbox.append([stamp()])
    outbox.connection.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreUnavailable, match="nothing was recorded") as caught:
        outbox.append([stamp()])
    assert str(db_path) in str(caught.value)
    outbox.connection.execute("PRAGMA query_only = OFF")
    assert outbox.counts()[EventState.PENDING] == 1


def test_phone_lookup_compares_digits(outbox: Outbox) -> None:
    outbox.upsert_card_from_server(CARD, "sc-1", 2, 10, "ACTIVE", None, "+1 123-4567-8900")
    assert outbox.card_by_phone("+11234567 8900") == CARD
    assert outbox.card_by_phone("1 (123) 4567-8900") == CARD
    assert outbox.card_by_phone("+1 123-4567-8901") is None
