"""Graceful shutdown: SIGTERM while a batch of 1,000 events is in flight. The server stops
accepting connections, finishes the batch, answers it in full, stores it and exits 0."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from serve_process import ServeProcess, run_cli, server_env
from sqlalchemy import func, select

from app.domain.dates import format_api_datetime
from server.db import tables as t
from server.db.engine import Database
from server.settings import sqlite_url

EVENTS = 1000


def wait_for(condition: Any, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def refuses_connections(url: str) -> bool:
    try:
        httpx.get(f"{url}/healthz", timeout=1.0)
    except httpx.ConnectError:
        return True
    return False


def test_sigterm_finishes_the_batch_in_flight(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "server.sqlite3")
    env = server_env(tmp_path / "home", url)
    run_cli(env, "migrate")
    demo = run_cli(env, "init-demo")
    server = ServeProcess(env, tmp_path / "logs", "--log-format", "json")
    when = format_api_datetime(datetime.now(UTC))
    batch = {
        "events": [
            {
                "eventId": str(uuid.uuid4()),
                "cardInstanceId": demo["cardInstanceId"],
                "eventTime": when,
                "eventType": "STAMP",
            }
            for _ in range(EVENTS)
        ]
    }
    raw = json.dumps(batch).encode()
    first_part_sent = threading.Event()
    send_the_rest = threading.Event()

    def body() -> Iterator[bytes]:
        """The request's first half, then (once the server is stopping) the rest."""
        yield raw[: len(raw) // 2]
        first_part_sent.set()  # resumed: the first half is on the wire
        send_the_rest.wait(60)
        yield raw[len(raw) // 2 :]

    answers: list[httpx.Response] = []
    failures: list[BaseException] = []

    def post() -> None:
        headers = {
            "api-key": demo["apiKey"],
            "Authorization": f"Bearer {demo['terminalToken']}",
            "Content-Type": "application/json",
        }
        try:
            answers.append(
                httpx.post(
                    f"{server.url}/stamp/v2/reportMultiStampEvents",
                    content=body(),
                    headers=headers,
                    timeout=120,
                )
            )
        except BaseException as exc:
            failures.append(exc)

    server.start()
    client = threading.Thread(target=post)
    try:
        server.wait_ready()
        client.start()
        assert first_part_sent.wait(30)
        # A request on a new connection, answered after the first half reached the server:
        # its event loop has read the batch's request line and headers by now.
        assert httpx.get(f"{server.url}/healthz", timeout=10).status_code == 200
        server.signal_stop()
        wait_for(lambda: "Shutting down" in server.stderr(), "the server to begin its shutdown")
        wait_for(lambda: refuses_connections(server.url), "new connections to be refused")
        assert server.process is not None
        assert server.process.poll() is None  # still running: the batch is in flight
        send_the_rest.set()
        client.join(120)
        assert not failures, failures
        code = server.wait()
    finally:
        send_the_rest.set()
        server.ensure_stopped()
    assert code == 0
    [answer] = answers
    assert answer.status_code == 200, answer.text
    results = answer.json()["eventResults"]
    assert len(results) == EVENTS
    assert all(result["result"] == {"code": 0} for result in results)
    assert [r["eventId"] for r in results] == [e["eventId"] for e in batch["events"]]
    database = Database(url)
    try:
        with database.read() as session:
            stored = session.scalar(
                select(func.count()).select_from(t.Event).where(t.Event.event_id.is_not(None))
            )
            card = session.get(t.CardInstance, demo["cardInstanceId"])
            assert card is not None
            assert stored == EVENTS
            assert card.current_stamps == EVENTS % 10
    finally:
        database.dispose()
    records = [json.loads(line) for line in server.stderr().splitlines()]
    access = [r for r in records if r["logger"] == "server.access" and r["method"] == "POST"]
    assert [r["status"] for r in access] == [200]
    assert records[-1]["message"] == "Stopped"
