"""Corrections on a real outbox: the policy, the events with their reason, the projection."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.config import Config
from app.domain.events import EventState, EventType
from app.policy.corrections import Correction, correction_verdict
from app.policy.ledger import CardView
from app.store.outbox import Outbox
from app.store.writer import StoreWriter
from app.terminal import Terminal

NOW = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)
CARD = "card-0001"
REWARD = "reward-0001"


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[StoreWriter]:
    with StoreWriter.open(tmp_path / "terminal.sqlite3", lambda: NOW) as opened:
        yield opened


@pytest.fixture
def terminal(writer: StoreWriter) -> Terminal:
    return Terminal(Config(debounce_seconds=0), writer, clock=lambda: NOW)


def card_with(writer: StoreWriter, stamps: int, status: str = "ACTIVE") -> None:
    expires = NOW + timedelta(days=90)
    writer.call(lambda o: o.upsert_card_from_server(CARD, "s", stamps, 10, status, expires))


def give_reward(writer: StoreWriter, reward: str = REWARD, status: str = "ACTIVE") -> None:
    writer.call(lambda o: o.upsert_reward_from_server(reward, CARD, "w", "Free coffee", status))


def stamps(writer: StoreWriter) -> int:
    card = writer.call(lambda o: o.card(CARD))
    assert card is not None
    return card.stamps


def reward_status(writer: StoreWriter, reward: str = REWARD) -> str:
    (row,) = [r for r in writer.call(lambda o: o.rewards(CARD)) if r.reward_instance_id == reward]
    return row.status


def test_removing_stamps_records_one_event_each_with_the_reason(
    writer: StoreWriter, terminal: Terminal
) -> None:
    card_with(writer, 3)
    recorded = terminal.correct(
        Correction(CARD, "  Given   by mistake ", remove_stamps=2), source="kiosk"
    )
    assert not recorded.refused
    assert [e.event_type for e in recorded.events] == [EventType.REMOVE_STAMP] * 2
    assert {e.note for e in recorded.events} == {"Given by mistake"}
    assert {e.source for e in recorded.events} == {"kiosk"}
    assert recorded.card is not None
    assert recorded.card.stamps == 1
    assert stamps(writer) == 1
    stored = writer.call(lambda o: o.events(state=EventState.PENDING))
    assert [(e.event_type, e.note) for e in stored] == [
        (EventType.REMOVE_STAMP, "Given by mistake")
    ] * 2


def test_removing_a_reward_marks_it_deleted_until_the_server_answers(
    writer: StoreWriter, terminal: Terminal
) -> None:
    card_with(writer, 0)
    give_reward(writer)
    recorded = terminal.correct(Correction(CARD, "Wrong card", reward_instance_id=REWARD))
    (event,) = recorded.events
    assert event.event_type is EventType.REMOVE_REWARD
    assert event.reward_instance_id == REWARD
    assert event.note == "Wrong card"
    assert reward_status(writer) == "DELETED"
    assert writer.call(lambda o: o.rewards(CARD, "ACTIVE")) == []

    give_reward(writer)  # a refresh from before the removal reached the server
    assert reward_status(writer) == "DELETED"
    assert writer.call(lambda o: o.mark_sent([event.event_id])) == 1
    assert reward_status(writer) == "DELETED"


def test_a_removal_the_server_refuses_is_taken_back(
    writer: StoreWriter, terminal: Terminal
) -> None:
    card_with(writer, 2)
    give_reward(writer)
    recorded = terminal.correct(
        Correction(CARD, "Customer complaint", remove_stamps=1, reward_instance_id=REWARD)
    )
    assert stamps(writer) == 1
    for event_id in [e.event_id for e in recorded.events]:

        def reject(outbox: Outbox, event_id: str = event_id) -> bool:
            return outbox.mark_rejected(event_id, 32001, "expired")

        assert writer.call(reject)
    assert stamps(writer) == 2
    assert reward_status(writer) == "ACTIVE"


@pytest.mark.parametrize(
    ("correction", "code"),
    [
        (Correction(CARD, "", remove_stamps=1), "reason_required"),
        (Correction(CARD, "   ", remove_stamps=1), "reason_required"),
        (Correction(CARD, "x" * 201, remove_stamps=1), "reason_too_long"),
        (Correction(CARD, "Wrong card"), "nothing_to_correct"),
        (Correction(CARD, "Wrong card", remove_stamps=-1), "nothing_to_correct"),
        (Correction(CARD, "Wrong card", remove_stamps=3), "not_enough_stamps"),
        (Correction(CARD, "Wrong card", reward_instance_id="other"), "unknown_reward"),
    ],
)
def test_refused_corrections_record_nothing(
    writer: StoreWriter, terminal: Terminal, correction: Correction, code: str
) -> None:
    card_with(writer, 2)
    give_reward(writer)
    recorded = terminal.correct(correction)
    assert recorded.refused
    assert recorded.verdict.code == code
    assert recorded.verdict.message
    assert recorded.events == ()
    assert writer.call(lambda o: o.events()) == []
    assert stamps(writer) == 2
    assert reward_status(writer) == "ACTIVE"


def test_a_reward_redeemed_here_cannot_also_be_removed(
    writer: StoreWriter, terminal: Terminal
) -> None:
    card_with(writer, 0)
    give_reward(writer)
    terminal_online = Terminal(Config(), writer, clock=lambda: NOW, is_online=lambda: True)
    assert not terminal_online.redeem(CARD, REWARD).refused
    recorded = terminal.correct(Correction(CARD, "Wrong card", reward_instance_id=REWARD))
    assert recorded.verdict.code == "reward_inactive"
    assert recorded.verdict.message == (
        "This reward is redeemed, so it cannot be removed — nothing was changed."
    )


def test_a_card_never_seen_has_no_stamps_to_remove(terminal: Terminal) -> None:
    recorded = terminal.correct(Correction("unknown-card", "Wrong card", remove_stamps=1))
    assert recorded.verdict.code == "not_enough_stamps"
    assert recorded.verdict.message is not None
    assert recorded.verdict.message.startswith("This card has 0 stamps on this terminal")


@pytest.mark.parametrize(
    ("status", "expires", "code"),
    [
        ("EXPIRED", NOW + timedelta(days=1), "card_inactive"),
        ("DELETED", None, "card_inactive"),
        ("ACTIVE", NOW - timedelta(seconds=1), "card_expired"),
    ],
)
def test_an_inactive_or_expired_card_is_not_corrected(
    status: str, expires: datetime | None, code: str
) -> None:
    card = CardView(CARD, "s", 4, 10, status, expires)
    verdict = correction_verdict(Correction(CARD, "Wrong card", remove_stamps=1), card, None, NOW)
    assert verdict.refused
    assert verdict.code == code


def test_an_active_card_and_reward_may_be_corrected() -> None:
    card = CardView(CARD, "s", 4, 10, "ACTIVE", NOW + timedelta(days=1))
    correction = Correction(CARD, "Wrong card", remove_stamps=4, reward_instance_id=REWARD)
    assert correction_verdict(correction, card, "ACTIVE", NOW).action == "record"
