"""Read-only outbox queries behind the card screen: cached rewards and the last visits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.events import EventDraft, EventType
from app.store.database import open_database
from app.store.outbox import Outbox

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
CARD = "card-0001"


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    conn = open_database(tmp_path / "outbox.sqlite3")
    yield Outbox(conn, lambda: START)
    conn.close()


def test_rewards_of_a_card_with_name_status_and_expiry(outbox: Outbox) -> None:
    later = START + timedelta(days=30)
    outbox.upsert_reward_from_server("r-late", CARD, "w", "Free cake", "ACTIVE", later)
    outbox.upsert_reward_from_server("r-soon", CARD, "w", "Free coffee", "ACTIVE", START)
    outbox.upsert_reward_from_server("r-used", CARD, "w", "Free tea", "REDEEMED")
    outbox.upsert_reward_from_server("r-other", "card-2", "w", "Other", "ACTIVE")

    everything = outbox.rewards(CARD)
    assert [r.reward_instance_id for r in everything] == ["r-soon", "r-late", "r-used"]
    active = outbox.rewards(CARD, "ACTIVE")
    assert [(r.name, r.expiration) for r in active] == [
        ("Free coffee", START),
        ("Free cake", later),
    ]
    assert outbox.rewards("unknown") == []


def test_a_local_redemption_takes_the_reward_out_of_the_active_ones(outbox: Outbox) -> None:
    outbox.upsert_reward_from_server("r-1", CARD, "w", "Free coffee", "ACTIVE")
    outbox.append([EventDraft(CARD, EventType.REDEEM, reward_instance_id="r-1")])
    assert outbox.rewards(CARD, "ACTIVE") == []
    assert [r.status for r in outbox.rewards(CARD)] == ["REDEEMED"]


def test_recent_events_are_the_newest_first_and_limited(outbox: Outbox) -> None:
    for _ in range(4):
        outbox.append([EventDraft(CARD, EventType.STAMP)])
    outbox.append([EventDraft("card-2", EventType.STAMP)])
    recent = outbox.recent_events(CARD, limit=3)
    assert len(recent) == 3
    assert [e.seq for e in recent] == sorted((e.seq for e in recent), reverse=True)
    assert {e.card_instance_id for e in recent} == {CARD}
    assert recent[0].seq == max(e.seq for e in outbox.events(card_instance_id=CARD))
    assert outbox.recent_events("unknown") == []
