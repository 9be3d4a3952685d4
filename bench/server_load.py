"""Shared pieces of the server benches (``bench/server.py``, ``bench/scaleout.py``).

``prepare`` makes a migrated database with the demo shop and many cards, ``ServerProcess`` runs a
uvicorn server in a subprocess on a free loopback port, ``make_batch`` builds a batch of new
STAMP events and ``run_load`` has client threads (httpx, keep-alive, one connection each) post
batches for a warm-up and then for the measured seconds.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

# With only the bench directory on sys.path, ``import server`` would import bench/server.py:
# the project's root goes first; tests/ gives the PostgreSQL harness and the port helper.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent / "tests"))

from live_server import free_port

from app.domain.dates import format_api_datetime
from app.domain.events import EventType
from server import admin
from server.auth import digest
from server.db import tables as t
from server.db.engine import Database
from server.db.migrate import upgrade
from server.demo import init_demo
from server.signing_key import load_or_create_signing_key

PUBLIC_URL = "http://127.0.0.1:8080"
APPLIED = b'{"result":{"code":0},"eventId"'


@dataclass
class Shop:
    api_key: str
    token: str
    credential_id: str
    stamp_id: str
    stamp_value: str
    cards: list[str]


def prepare(url: str, home: Path, cards: int) -> Shop:
    """A migrated database with the demo shop and ``cards`` more cards of its stamp card."""
    upgrade(url)
    db = Database(url)
    try:
        key = load_or_create_signing_key(home / "card-signing-key.pem")
        now = datetime.now(UTC)
        demo = init_demo(db, PUBLIC_URL, key, now)
        card_ids = [demo["cardInstanceId"]]
        with db.write() as session:
            users = [
                admin.create_customer(session, now, name=f"bench {n}")[0] for n in range(cards - 1)
            ]
            session.flush()
            for user in users:
                card = admin.issue_card(
                    session, now, stamp_card_id=demo["stampCardId"], user_id=user.id
                )
                card_ids.append(card.id)
        with db.read() as session:
            credential_id = session.scalars(
                select(t.Credential.id).where(
                    t.Credential.token_hash == digest(demo["terminalToken"])
                )
            ).one()
            stamp_id = session.scalars(
                select(t.Stamp.id).where(
                    t.Stamp.stamp_card_id == demo["stampCardId"],
                    t.Stamp.event_type == EventType.STAMP.value,
                )
            ).one()
    finally:
        db.dispose()
    return Shop(
        demo["apiKey"], demo["terminalToken"], credential_id, stamp_id, demo["stampValue"], card_ids
    )


class ServerProcess:
    """A uvicorn server in a subprocess on a free loopback port."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.argv = [*argv, "--host", "127.0.0.1", "--port", str(self.port)]
        self.env = env
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.log.read_text()[-2000:]}")
            try:
                httpx.get(f"{self.url}/openapi.json", timeout=2.0)
            except httpx.TransportError:
                time.sleep(0.1)
                continue
            return
        raise RuntimeError(f"{self.name} did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


@dataclass
class Load:
    """What the clients measured in one round."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    events: int = 0
    applied: int = 0
    failures: int = 0


def api_now() -> str:
    return format_api_datetime(datetime.now(UTC))


def make_batch(rng: random.Random, shop: Shop, size: int, cards_per_batch: int) -> list[Any]:
    pool = shop.cards if cards_per_batch <= 0 else rng.sample(shop.cards, cards_per_batch)
    when = api_now()
    return [
        {
            "eventId": str(uuid.uuid4()),
            "cardInstanceId": rng.choice(pool),
            "eventTime": when,
            "eventType": "STAMP",
            "stampValue": shop.stamp_value,
        }
        for _ in range(size)
    ]


def run_load(
    url: str | Sequence[str],
    headers: dict[str, str] | Sequence[dict[str, str]],
    body: Callable[[random.Random], bytes] | Sequence[Callable[[random.Random], bytes]],
    clients: int,
    seconds: float,
) -> Load:
    """``clients`` threads post batches for a warm-up, then for ``seconds`` measured.

    ``url``, ``headers`` and ``body`` are the same for every client, or a sequence with one per
    client (client ``i`` takes item ``i``: its own server process, its own terminal
    credentials, its own cards).
    """
    warmup = max(1.0, seconds / 5)
    barrier = threading.Barrier(clients + 1)
    results: list[list[tuple[float, float, int, bool]]] = [[] for _ in range(clients)]
    marks: dict[str, float] = {}
    problems: list[str] = []

    def client(index: int) -> None:
        rng = random.Random(index * 7919 + int(time.time()))
        record = results[index]
        target = url if isinstance(url, str) else url[index]
        own = headers if isinstance(headers, dict) else headers[index]
        make = body if callable(body) else body[index]
        with httpx.Client(headers=own, timeout=120.0) as http:
            barrier.wait()
            start, stop = marks["start"], marks["stop"]
            while True:
                content = make(rng)
                began = time.perf_counter()
                if began >= stop:
                    break
                try:
                    answer = http.post(target, content=content)
                    ok = answer.status_code == 200
                    applied = answer.content.count(APPLIED) if ok else 0
                    if not ok:
                        problems.append(f"HTTP {answer.status_code}: {answer.text[:300]}")
                except httpx.HTTPError as exc:
                    ok, applied = False, 0
                    problems.append(f"{type(exc).__name__}: {exc}")
                ended = time.perf_counter()
                if began >= start:
                    record.append((ended, ended - began, applied, ok))

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    now = time.perf_counter()
    marks["start"] = now + warmup
    marks["stop"] = now + warmup + seconds
    barrier.wait()
    for thread in threads:
        thread.join()
    load = Load()
    last = marks["start"]
    for record in results:
        for ended, latency, applied, ok in record:
            last = max(last, ended)
            load.latencies.append(latency)
            load.applied += applied
            load.failures += not ok
    load.seconds = last - marks["start"]
    if problems:
        print(f"  {len(problems)} failed batches, first: {problems[0]}", file=sys.stderr)
    return load
