"""What the end-to-end sync tests share: a terminal wired to a live server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from live_server import LiveServer

from app.config import Config
from app.domain.events import EventState, EventType
from app.store.writer import StoreWriter
from app.sync.factory import api_client
from app.sync.worker import SyncWorker
from app.terminal import Terminal


class StepClock:
    """A device clock that moves forward by hand, so visits are minutes apart."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC) - timedelta(days=1)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def terminal_config(server: LiveServer) -> Config:
    return Config(
        server_url=server.url,
        api_key=server.demo["apiKey"],
        terminal_token=server.demo["terminalToken"],
        stamp_value=server.demo["stampValue"],
        card_public_key=server.demo["publicKey"],
    )


def record_visits(terminal: Terminal, clock: StepClock, card: str, visits: int) -> list[str]:
    """One stamp per visit, a minute apart; the committed eventIds."""
    ids: list[str] = []
    for _ in range(visits):
        clock.advance(60)
        recorded = terminal.stamp(card, 1, source="test")
        assert not recorded.refused, recorded.verdict
        ids.extend(e.event_id for e in recorded.events)
    return ids


def worker_with(
    writer: StoreWriter,
    config: Config,
    transport: httpx.BaseTransport | None = None,
    *,
    batch_size: int = 100,
    clock: Callable[[], datetime] | None = None,
) -> tuple[SyncWorker, httpx.Client]:
    http = httpx.Client(base_url=config.server_url, timeout=10.0, transport=transport)
    kwargs: dict[str, Any] = {} if clock is None else {"clock": clock}
    return SyncWorker(writer, api_client(http, config), batch_size=batch_size, **kwargs), http


def server_stamp_events(server: LiveServer, card: str) -> list[dict[str, Any]]:
    history = server.post("getEventHistory", {"cardInstanceId": card})
    return [e for e in history["events"] if e["eventType"] == EventType.STAMP.value]


def server_card(server: LiveServer, card: str) -> dict[str, Any]:
    found = server.post("lookupCard", {"cardInstanceId": card})
    card_instance: dict[str, Any] = found["cardInstance"]
    return card_instance


def pending(writer: StoreWriter) -> int:
    return writer.call(lambda o: o.counts()[EventState.PENDING])


def open_terminal(path: Path, config: Config, clock: StepClock) -> tuple[StoreWriter, Terminal]:
    writer = StoreWriter.open(path, clock=clock)
    return writer, Terminal(config, writer, clock=clock)
