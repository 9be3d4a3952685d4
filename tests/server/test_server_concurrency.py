"""Exactly once under concurrency: independent engines (as separate server processes) apply
the same events at the same time, on SQLite and PostgreSQL; each event counts once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from server_testkit import START, Shop, api_time
from sqlalchemy import func, select

from app.domain.models import ReportedEvent
from server.auth import Principal, authenticate
from server.db import tables as t
from server.db.engine import Database
from server.rules.batch import apply_events

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)

WORKERS = 4


@pytest.fixture
def databases(database_url: str) -> Iterator[list[Database]]:
    found = [Database(database_url) for _ in range(WORKERS)]
    try:
        yield found
    finally:
        for database in found:
            database.dispose()


def principal_of(shop: Shop) -> Principal:
    with shop.services.db.read() as session:
        return authenticate(session, shop.demo["apiKey"], shop.demo["terminalToken"])


def in_parallel(databases: list[Database], work: Any) -> list[Any]:
    """Run ``work(database, index)`` in one thread per database, all released at once."""
    barrier = threading.Barrier(len(databases))
    results: list[Any] = [None] * len(databases)
    failures: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(databases[index], index)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(databases))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return results


def events(shop: Shop, ids: range, card: str | None = None) -> list[ReportedEvent]:
    return [
        ReportedEvent.model_validate(
            {
                "eventId": f"c{i}",
                "cardInstanceId": card or shop.card,
                "eventTime": api_time(START),
                "eventType": "STAMP",
            }
        )
        for i in ids
    ]


def count(shop: Shop, *conditions: Any) -> int:
    with shop.services.db.read() as session:
        return int(
            session.scalar(select(func.count()).select_from(t.Event).where(*conditions)) or 0
        )


def test_the_same_batch_from_four_processes_counts_once(
    shop: Shop, databases: list[Database]
) -> None:
    principal = principal_of(shop)
    batch = events(shop, range(12))
    results = in_parallel(
        databases, lambda db, _i: apply_events(db, principal, batch, shop.services.now)
    )
    assert all(result == results[0] for result in results)
    assert shop.card_state()["cardInstance"]["currentStamps"] == 2
    assert len(shop.card_state()["rewards"]) == 1
    assert count(shop, t.Event.event_id.is_not(None)) == 12
    assert count(shop, t.Event.event_type == "REWARD") == 1


def test_overlapping_batches_without_a_shared_card_lock_still_count_once(
    shop: Shop, databases: list[Database]
) -> None:
    """Events for an unknown card lock no row: the unique constraint decides, the loser redoes
    its batch and answers with the stored results."""
    principal = principal_of(shop)
    unknown = "00000000-0000-4000-8000-000000000000"

    def work(db: Database, index: int) -> list[str]:
        batch = events(shop, range(index, index + 6), card=unknown)
        return apply_events(db, principal, batch, shop.services.now)

    results = in_parallel(databases, work)
    texts: dict[str, set[str]] = {}
    for index, batch_texts in enumerate(results):
        for offset, text in enumerate(batch_texts):
            texts.setdefault(f"c{index + offset}", set()).add(text)
    assert all(len(answers) == 1 for answers in texts.values())
    assert count(shop, t.Event.event_id.is_not(None)) == WORKERS + 5
