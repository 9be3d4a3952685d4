"""Group commit of concurrent event reports: requests written together give the results of
applying them one after the other, and a failing request fails alone (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from typing import Any

import pytest
from server_testkit import START, Shop, api_time
from sqlalchemy import func, select

from app.domain.models import ReportedEvent
from server.auth import Principal, authenticate
from server.db import tables as t
from server.db.engine import Database
from server.rules import batch, group_commit
from server.rules.batch import Request
from server.rules.group_commit import GroupCommit
from server.rules.programs import ProgramCache

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)

THREADS = 8


def principal_for(shop: Shop, demo: dict[str, Any]) -> Principal:
    with shop.services.db.read() as session:
        return authenticate(session, demo["apiKey"], demo["terminalToken"])


def stamps(card: str, ids: Sequence[str]) -> list[ReportedEvent]:
    return [
        ReportedEvent.model_validate(
            {
                "eventId": event_id,
                "cardInstanceId": card,
                "eventTime": api_time(START),
                "eventType": "STAMP",
            }
        )
        for event_id in ids
    ]


def codes(texts: list[str]) -> list[int]:
    return [json.loads(text)["result"]["code"] for text in texts]


def stored_events(shop: Shop) -> int:
    with shop.services.db.read() as session:
        query = select(func.count()).select_from(t.Event).where(t.Event.event_id.is_not(None))
        return int(session.scalar(query) or 0)


class SlowFirstWrite:
    """Wraps ``apply_requests``: the first write waits until the others are queued, and every
    call's group size is noted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, queued: threading.Event) -> None:
        self.sizes: list[int] = []
        self._queued = queued
        self._original = batch.apply_requests
        monkeypatch.setattr(group_commit, "apply_requests", self)

    def __call__(
        self, db: Database, requests: Sequence[Request], now: Any, programs: ProgramCache
    ) -> list[list[str]]:
        if not self.sizes:
            self._queued.wait(timeout=10)
        self.sizes.append(len(requests))
        return self._original(db, requests, now, programs)


def run_all(work: Any, count: int) -> list[Any]:
    results: list[Any] = [None] * count
    failures: list[BaseException] = []

    def run(index: int) -> None:
        try:
            results[index] = work(index)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return results


def wait_for_queue(writer: GroupCommit, length: int, done: threading.Event) -> None:
    def watch() -> None:
        deadline = time.monotonic() + 10
        while writer.queued < length and time.monotonic() < deadline:
            time.sleep(0.005)
        done.set()

    threading.Thread(target=watch, daemon=True).start()


def test_concurrent_requests_are_written_together_and_count_once(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight requests of one terminal on one card, overlapping eventIds (a retry racing its
    original): each event counts once and every request gets the same result for it."""
    queued = threading.Event()
    slow = SlowFirstWrite(monkeypatch, queued)
    services = shop.services
    writer = GroupCommit(services.db, services.now, ProgramCache())
    principal = principal_for(shop, shop.demo)
    wait_for_queue(writer, THREADS - 1, queued)

    def work(index: int) -> list[str]:
        ids = [f"g{n}" for n in range(index * 3, index * 3 + 6)]  # half shared with the next
        return writer.apply(principal, stamps(shop.card, ids))

    results = run_all(work, THREADS)
    assert max(slow.sizes) > 1, slow.sizes
    by_id: dict[str, set[str]] = {}
    for answers in results:
        for text in answers:
            by_id.setdefault(json.loads(text)["eventId"], set()).add(text)
    assert all(len(texts) == 1 for texts in by_id.values())
    distinct = THREADS * 3 + 3
    assert len(by_id) == distinct
    assert stored_events(shop) == distinct
    state = shop.card_state()["cardInstance"]
    assert state["currentStamps"] + 10 * len(shop.card_state()["rewards"]) == distinct


def test_terminals_of_two_merchants_in_one_group_see_only_their_cards(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    queued = threading.Event()
    slow = SlowFirstWrite(monkeypatch, queued)
    other = shop.new_demo()
    services = shop.services
    writer = GroupCommit(services.db, services.now, ProgramCache())
    mine, theirs = principal_for(shop, shop.demo), principal_for(shop, other)
    wait_for_queue(writer, 2, queued)
    jobs = [
        (mine, shop.card, "m-own"),
        (theirs, other["cardInstanceId"], "t-own"),
        (theirs, shop.card, "t-foreign"),
    ]

    def work(index: int) -> list[str]:
        principal, card, event_id = jobs[index]
        return writer.apply(principal, stamps(card, [event_id]))

    results = run_all(work, len(jobs))
    assert max(slow.sizes) > 1, slow.sizes
    assert [codes(texts) for texts in results] == [[0], [0], [20006]]
    assert shop.card_state()["cardInstance"]["currentStamps"] == 1


def test_a_failing_request_fails_alone(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    queued = threading.Event()
    original = batch.apply_requests
    sizes: list[int] = []

    def failing(
        db: Database, requests: Sequence[Request], now: Any, programs: ProgramCache
    ) -> list[list[str]]:
        if not sizes:
            queued.wait(timeout=10)
        sizes.append(len(requests))
        if any(item.event_id == "bad" for r in requests for item in r.items):
            raise RuntimeError("this request cannot be written")
        return original(db, requests, now, programs)

    monkeypatch.setattr(group_commit, "apply_requests", failing)
    services = shop.services
    writer = GroupCommit(services.db, services.now, ProgramCache())
    principal = principal_for(shop, shop.demo)
    wait_for_queue(writer, 3, queued)
    names = [["a1"], ["bad"], ["b1"], ["c1"]]

    def work(index: int) -> list[str] | str:
        try:
            return writer.apply(principal, stamps(shop.card, names[index]))
        except RuntimeError as exc:
            return str(exc)

    results = run_all(work, len(names))
    assert max(sizes) > 1, sizes
    assert results[1] == "this request cannot be written"
    assert [codes(r) for i, r in enumerate(results) if i != 1] == [[0], [0], [0]]
    assert stored_events(shop) == 3


def test_the_turn_is_free_again_after_each_request(shop: Shop) -> None:
    """A request alone writes at once; a turn left taken would make the next one wait forever."""
    services = shop.services
    writer = GroupCommit(services.db, services.now, ProgramCache())
    principal = principal_for(shop, shop.demo)
    assert codes(writer.apply(principal, stamps(shop.card, ["x1", "x2"]))) == [0, 0]
    assert codes(writer.apply(principal, stamps(shop.card, ["x2", "x3"]))) == [0, 0]
    assert stored_events(shop) == 3
