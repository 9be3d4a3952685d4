"""Scale-out: several ``stamp-server serve`` processes on one PostgreSQL database.

The same batches (same eventIds, same bodies) go through every process at once, from several
threads, round after round; batches overlap in cards and in eventIds, and the cards cross the
reward threshold several times. Afterwards every eventId is stored once, every card holds
exactly the stamps of its distinct events (less the threshold of each reward), every reward was
created once, and every answer for one eventId is the same, whichever process gave it.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from serve_process import ServeProcess, run_cli, server_env
from sqlalchemy import func, select

from app.domain.dates import format_api_datetime
from server import admin
from server.db import tables as t
from server.db.engine import Database

CARDS = 8
ROUNDS = 5
EVENTS_PER_ROUND = 100  # 12 or 13 per card: each round crosses the threshold on every card
BATCH = 40
STEP = 20  # each batch shares half its events with the next one
THRESHOLD = 10
EVENTS = ROUNDS * EVENTS_PER_ROUND


def add_cards(url: str, demo: dict[str, Any], count: int) -> list[str]:
    """``count`` new cards of the demo stamp card, each of its own customer."""
    database = Database(url)
    try:
        now = datetime.now(UTC)
        with database.write() as session:
            users = [admin.create_customer(session, now)[0] for _ in range(count)]
            session.flush()
            cards = [
                admin.issue_card(session, now, stamp_card_id=demo["stampCardId"], user_id=user.id)
                for user in users
            ]
        return [card.id for card in cards]
    finally:
        database.dispose()


def round_batches(cards: list[str], round_number: int) -> list[list[dict[str, Any]]]:
    """The round's new events in overlapping windows; every card in every batch."""
    when = format_api_datetime(datetime.now(UTC))
    events = [
        {
            "eventId": f"round{round_number}-{n:03d}",
            "cardInstanceId": cards[n % len(cards)],
            "eventTime": when,
            "eventType": "STAMP",
        }
        for n in range(EVENTS_PER_ROUND)
    ]
    last = EVENTS_PER_ROUND - BATCH
    return [events[start : start + BATCH] for start in range(0, last + 1, STEP)]


def all_events(rounds: list[list[list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """Every distinct event of every round."""
    distinct = {e["eventId"]: e for batches in rounds for batch in batches for e in batch}
    return list(distinct.values())


@pytest.fixture
def servers(request: pytest.FixtureRequest, postgres_url: str, tmp_path: Path) -> Iterator[Any]:
    """``request.param`` server processes on one migrated database, with the demo shop."""
    env = server_env(tmp_path / "home", postgres_url)
    run_cli(env, "migrate")  # once, before any server starts
    demo = run_cli(env, "init-demo")
    processes = [
        ServeProcess(env, tmp_path / "logs", name=f"server-{n}") for n in range(request.param)
    ]
    try:
        for process in processes:
            process.start()
        for process in processes:
            process.wait_ready()
        yield demo, processes
    finally:
        for process in processes:
            process.ensure_stopped()
    for process in processes:
        assert "Traceback" not in process.stderr(), process.stderr()[-3000:]


@pytest.mark.parametrize("servers", [2, 3], indirect=True)
def test_the_same_events_through_every_process_count_once(
    servers: tuple[dict[str, Any], list[ServeProcess]], postgres_url: str
) -> None:
    demo, processes = servers
    cards = add_cards(postgres_url, demo, CARDS)
    fresh = [round_batches(cards, number) for number in range(ROUNDS)]
    headers = {"api-key": demo["apiKey"], "Authorization": f"Bearer {demo['terminalToken']}"}
    answers: dict[str, set[str]] = defaultdict(set)
    failures: list[str] = []
    lock = threading.Lock()
    # Two threads per process. In each round every thread sends the round's new batches and
    # again those of the round before, one thread of each process in one order and the other
    # in reverse: the same batch is in flight through every process at once, and batches
    # that share eventIds and cards cross each other.
    threads_count = 2 * len(processes)
    barrier = threading.Barrier(threads_count)

    def client(index: int) -> None:
        process = processes[index % len(processes)]
        try:
            with httpx.Client(base_url=process.url, headers=headers, timeout=60) as http:
                for number in range(ROUNDS):
                    batches = fresh[number] + (fresh[number - 1] if number else [])
                    if index >= len(processes):
                        batches.reverse()
                    barrier.wait(60)
                    for batch in batches:
                        answer = http.post(
                            "/stamp/v2/reportMultiStampEvents", json={"events": batch}
                        )
                        if answer.status_code != 200:
                            failures.append(f"{process.url}: {answer.status_code} {answer.text}")
                            continue
                        texts = [
                            (result["eventId"], json.dumps(result, sort_keys=True))
                            for result in answer.json()["eventResults"]
                        ]
                        with lock:
                            for event_id, text in texts:
                                answers[event_id].add(text)
        except Exception as exc:
            failures.append(f"{process.url}: {type(exc).__name__}: {exc}")
            barrier.abort()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    assert not any(thread.is_alive() for thread in threads)
    assert not failures, failures[:3]

    # Every eventId answered, always with the same answer, and applied.
    assert len(answers) == EVENTS
    different = {event_id: texts for event_id, texts in answers.items() if len(texts) != 1}
    assert not different, list(different.items())[:2]
    results = {event_id: json.loads(next(iter(texts))) for event_id, texts in answers.items()}
    assert all(result["result"] == {"code": 0} for result in results.values())

    stamps_per_card = Counter(event["cardInstanceId"] for event in all_events(fresh))
    database = Database(postgres_url)
    try:
        with database.read() as session:
            stored = Counter(
                session.scalars(select(t.Event.event_id).where(t.Event.event_id.is_not(None)))
            )
            assert len(stored) == EVENTS
            assert set(stored.values()) == {1}  # each eventId stored exactly once
            for card_id, stamps in stamps_per_card.items():
                card = session.get(t.CardInstance, card_id)
                assert card is not None
                assert card.current_stamps == stamps % THRESHOLD
                rewards = session.scalar(
                    select(func.count())
                    .select_from(t.RewardInstance)
                    .where(t.RewardInstance.card_instance_id == card_id)
                )
                reward_entries = session.scalar(
                    select(func.count())
                    .select_from(t.Event)
                    .where(t.Event.card_instance_id == card_id, t.Event.event_type == "REWARD")
                )
                assert rewards == reward_entries == stamps // THRESHOLD
            reward_ids = set(
                session.scalars(
                    select(t.RewardInstance.id).where(t.RewardInstance.card_instance_id.in_(cards))
                )
            )
    finally:
        database.dispose()

    # Each reward was announced by exactly one event: the one that crossed the threshold.
    earned = [r["rewardInstanceId"] for result in results.values() for r in result["rewards"]]
    assert len(earned) == len(set(earned)) == len(reward_ids)
    assert set(earned) == reward_ids

    # Every process sees the same final cards.
    for process in processes:
        for card_id in cards:
            answer = httpx.post(
                f"{process.url}/stamp/v2/lookupCard",
                json={"cardInstanceId": card_id},
                headers=headers,
                timeout=30,
            )
            assert answer.status_code == 200, answer.text
            card = answer.json()["cardInstance"]
            assert card["currentStamps"] == stamps_per_card[card_id] % THRESHOLD
            assert len(answer.json()["rewards"]) == stamps_per_card[card_id] // THRESHOLD
