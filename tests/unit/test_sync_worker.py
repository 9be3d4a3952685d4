"""The sync worker on a real outbox file against a scripted server (httpx.MockTransport)."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.domain.events import EventDraft, EventState, EventType
from app.store.writer import StoreWriter
from app.sync.backoff import Backoff
from app.sync.client import StampApiClient
from app.sync.worker import SyncState, SyncWorker

CARD = "0131cef8-56e1-461a-b82b-7e220b925481"
OTHER = "4cd8ef60-719a-43bf-8d91-6c8d4be24a2d"


class ScriptedServer:
    """Applies each eventId once and counts stamps; ``script`` overrides the next answers."""

    def __init__(self) -> None:
        self.applied: dict[str, int] = {}
        self.stamps: dict[str, int] = {}
        self.script: list[httpx.Response] = []
        self.reject_cards: set[str] = set()
        self.refuse_whole_batch_with: set[str] = set()
        self.drop_results_for: set[str] = set()
        self.batches: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        op = request.url.path.rsplit("/", 1)[1]
        if self.script:
            return self.script.pop(0)
        if op == "getServerTime":
            return httpx.Response(
                200, json={"result": {"code": 0}, "serverTime": "2026-03-02T10:00:00.000+0000"}
            )
        if op == "getCardSigningKey":
            return httpx.Response(200, json={"result": {"code": 0}, "publicKey": "k" * 43})
        if op == "getMasterData":
            return httpx.Response(200, json={"result": {"code": 0}, "stampCards": [], "stamps": []})
        assert op == "reportMultiStampEvents"
        events = json.loads(request.content)["events"]
        self.batches.append(len(events))
        if any(e["eventId"] in self.refuse_whole_batch_with for e in events):
            return httpx.Response(400, json={"result": {"code": 10002, "message": "bad"}})
        results = []
        for e in events:
            if e["eventId"] in self.drop_results_for:
                continue
            card = e["cardInstanceId"]
            if card in self.reject_cards:
                results.append(
                    {
                        "result": {"code": 33003, "message": "stamp.multiple.stamp.attempt"},
                        "eventId": e["eventId"],
                    }
                )
                continue
            if e["eventId"] not in self.applied:
                self.stamps[card] = self.stamps.get(card, 0) + 1
                self.applied[e["eventId"]] = self.stamps[card]
            results.append(
                {
                    "result": {"code": 0},
                    "eventId": e["eventId"],
                    "cardInstance": {
                        "cardInstanceId": card,
                        "stampCardId": "sc-1",
                        "currentStamps": self.stamps[card],
                        "totalStamps": 10,
                        "status": "ACTIVE",
                    },
                }
            )
        return httpx.Response(200, json={"result": {"code": 0}, "eventResults": results})


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[StoreWriter]:
    with StoreWriter.open(tmp_path / "terminal.sqlite3") as w:
        yield w


@pytest.fixture
def server() -> ScriptedServer:
    return ScriptedServer()


def worker_for(writer: StoreWriter, server: ScriptedServer, batch_size: int = 100) -> SyncWorker:
    http = httpx.Client(base_url="http://stamps.test", transport=httpx.MockTransport(server))
    client = StampApiClient(http, api_key="k", terminal_token="t")
    return SyncWorker(writer, client, batch_size=batch_size, backoff=Backoff(rng=random.Random(1)))


def record(writer: StoreWriter, card: str, n: int) -> list[str]:
    drafts = [EventDraft(card, EventType.STAMP) for _ in range(n)]
    return [e.event_id for e in writer.call(lambda o: o.append(drafts)).events]


def states(writer: StoreWriter) -> dict[EventState, int]:
    return writer.call(lambda o: o.counts())


def test_drains_everything_in_batches_and_updates_the_projection(
    writer: StoreWriter, server: ScriptedServer
) -> None:
    record(writer, CARD, 25)
    report = worker_for(writer, server, batch_size=10).sync_once()
    assert report.state is SyncState.ONLINE
    assert report.sent == 25
    assert server.batches == [10, 10, 5]
    assert states(writer)[EventState.PENDING] == 0
    card = writer.call(lambda o: o.card(CARD))
    assert card is not None
    assert card.stamps == 25 == server.stamps[CARD]
    assert writer.call(lambda o: o.meta_get("last_sync_success")) is not None


def test_a_rejected_event_is_kept_and_does_not_block_others(
    writer: StoreWriter, server: ScriptedServer
) -> None:
    record(writer, OTHER, 2)
    record(writer, CARD, 3)
    server.reject_cards.add(OTHER)
    report = worker_for(writer, server).sync_once()
    assert (report.sent, report.rejected) == (3, 2)
    rejected = writer.call(lambda o: o.events(state=EventState.REJECTED))
    assert [e.result_code for e in rejected] == [33003, 33003]
    assert {e.result_message for e in rejected} == {"stamp.multiple.stamp.attempt"}
    other = writer.call(lambda o: o.card(OTHER))
    assert other is not None
    assert other.stamps == 0


def test_a_batch_refused_as_a_whole_is_split_to_find_the_bad_event(
    writer: StoreWriter, server: ScriptedServer
) -> None:
    ids = record(writer, CARD, 8)
    server.refuse_whole_batch_with.add(ids[5])
    report = worker_for(writer, server).sync_once()
    assert report.rejected == 1
    assert report.sent == 7
    rejected = writer.call(lambda o: o.events(state=EventState.REJECTED))
    assert [e.event_id for e in rejected] == [ids[5]]


def test_server_trouble_keeps_events_and_goes_offline_then_recovers(
    writer: StoreWriter, server: ScriptedServer
) -> None:
    record(writer, CARD, 4)
    worker = worker_for(writer, server)
    seen: list[SyncState] = []
    worker.add_listener(lambda status: seen.append(status.state))
    for _ in range(3):
        server.script.append(httpx.Response(503, headers={"Retry-After": "2"}))
        report = worker.sync_once()
        assert report.error is not None
        assert states(writer)[EventState.PENDING] == 4
    assert seen == [SyncState.BACKING_OFF, SyncState.BACKING_OFF, SyncState.OFFLINE]
    assert worker.status.retry_in_seconds is not None
    assert worker.status.retry_in_seconds >= 2
    # the network heals: everything goes, once
    assert worker.sync_once().state is SyncState.ONLINE
    assert server.stamps[CARD] == 4
    assert states(writer)[EventState.SENT] == 4


def test_garbage_answer_to_a_batch_keeps_the_batch_pending(
    writer: StoreWriter, server: ScriptedServer
) -> None:
    record(writer, CARD, 3)
    worker = worker_for(writer, server)
    server.script.extend(
        [
            httpx.Response(
                200, json={"result": {"code": 0}, "serverTime": "2026-03-02T10:00:00.000+0000"}
            ),
            httpx.Response(200, json={"result": {"code": 0}, "publicKey": "k"}),
            httpx.Response(200, json={"result": {"code": 0}}),
            httpx.Response(200, text="<html>proxy error</html>"),
        ]
    )
    report = worker.sync_once()
    assert report.state is SyncState.BACKING_OFF
    pending = writer.call(lambda o: o.events(state=EventState.PENDING))
    assert len(pending) == 3
    assert all(e.attempts == 1 and e.last_error for e in pending)


def test_missing_result_leaves_the_event_pending(
    writer: StoreWriter, server: ScriptedServer
) -> None:
    ids = record(writer, CARD, 3)
    server.drop_results_for.add(ids[1])
    report = worker_for(writer, server).sync_once()
    assert report.sent == 2
    assert report.left_pending == 1
    pending = writer.call(lambda o: o.events(state=EventState.PENDING))
    assert [e.event_id for e in pending] == [ids[1]]


def test_401_stops_sending_until_credentials_change(
    writer: StoreWriter, server: ScriptedServer
) -> None:
    record(writer, CARD, 2)
    worker = worker_for(writer, server)
    server.script.append(httpx.Response(401, json={"result": {"code": 20004}}))
    assert worker.sync_once().state is SyncState.CREDENTIALS
    assert worker.sync_once().state is SyncState.CREDENTIALS
    assert server.batches == []
    assert states(writer)[EventState.PENDING] == 2
    assert writer.call(lambda o: o.meta_get("sync_state")) == "credentials"


def test_thread_runs_passes_and_stops(writer: StoreWriter, server: ScriptedServer) -> None:
    record(writer, CARD, 5)
    worker = worker_for(writer, server)
    worker.start()
    try:
        for _ in range(200):
            if states(writer)[EventState.SENT] == 5:
                break
            worker.trigger()
            time.sleep(0.01)
    finally:
        worker.stop()
    assert states(writer)[EventState.SENT] == 5


def test_no_server_configured(writer: StoreWriter) -> None:
    worker = SyncWorker(writer, None)
    assert worker.sync_once().state is SyncState.NOT_CONFIGURED
