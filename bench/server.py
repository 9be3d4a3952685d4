"""Batch ingestion of the reference server against a bare insert of the same rows (the ceiling).

Run: ``python bench/server.py [--seconds 5] [--rounds 2] [--clients 20] [--cards 2000]
[--batch 100] [--cards-per-batch 0,10] [--workers 1,2] [--databases sqlite,postgresql]``.

For each database (a SQLite file; PostgreSQL in a throw-away cluster from tests/pg_harness.py,
which runs with fsync and synchronous_commit off) the bench migrates a new database, creates the
demo shop and ``--cards`` card instances (one customer each) with the server's own admin
functions, and starts two servers as subprocesses with the same uvicorn settings and worker
count: the real one (``stamp-server serve``) and ``bench/bare_insert_app.py``, whose only
endpoint inserts the same event rows (same table and columns, a result JSON of the mean length
the real server stored in its previous round) in one transaction and answers the same envelope.

``--clients`` threads (httpx, keep-alive, one connection each) post batches of ``--batch``
events with fresh eventIds for ``--seconds`` (after a warm-up of a fifth of that), first to the
real ``reportMultiStampEvents``, then the same load to the bare endpoint, ``--rounds`` times in
turn. ``--cards-per-batch 0`` draws each event's card at random from all cards (a batch touches
almost as many cards as it has events); ``K`` draws K cards per batch and spreads the events over
them. The extra worker counts of ``--workers`` run only the first ``--cards-per-batch``.

Prints events/s, p50 and p99 batch latency and the apply/ceiling ratio, and one line per
database on the goal "at least 50% of the ceiling" (judged on the first cards-per-batch row
with the first worker count). Also the sequential latency of one getServerTime, one single-event
reportStampEvent and the bare endpoint's no-op ``/bare/ping`` (one client, keep-alive). Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, func, select, text

# With only this file's directory on sys.path, ``import server`` would import this file: the
# project's root goes first; tests/ gives the PostgreSQL harness and the port helper.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent / "tests"))

from live_server import free_port
from pg_harness import PostgresCluster
from server_load import (
    PUBLIC_URL,
    Load,
    ServerProcess,
    Shop,
    make_batch,
    prepare,
    run_load,
)

from server.db import tables as t

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GOAL = 0.5


@contextmanager
def servers(url: str, home: Path, shop: Shop, workers: int) -> Iterator[dict[str, ServerProcess]]:
    """The real server and the bare insert app on the same database, both running."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("STAMP_SERVER_")}
    real = ServerProcess(
        "stamp-server",
        [sys.executable, "-m", "server", "serve", "--workers", str(workers)],
        {
            **base,
            "STAMP_SERVER_HOME": str(home),
            "STAMP_SERVER_DATABASE_URL": url,
            "STAMP_SERVER_PUBLIC_URL": PUBLIC_URL,
        },
        home / f"server-{workers}-{free_port()}.log",
    )
    bare = ServerProcess(
        "bare insert app",
        [sys.executable, str(BENCH / "bare_insert_app.py"), "--workers", str(workers)],
        {
            **base,
            "BENCH_DATABASE_URL": url,
            "BENCH_CREDENTIAL_ID": shop.credential_id,
            "BENCH_STAMP_ID": shop.stamp_id,
        },
        home / f"bare-{workers}-{free_port()}.log",
    )
    started: list[ServerProcess] = []
    try:
        for process in (real, bare):
            process.start()
            started.append(process)
        yield {"apply": real, "ceiling": bare}
    finally:
        for process in started:
            process.stop()


@dataclass
class Row:
    database: str
    workers: int
    path: str
    cards_per_batch: int
    loads: list[Load] = field(default_factory=list)
    batch: int = 100
    result_bytes: float = 0.0

    @property
    def events_per_second(self) -> float:
        seconds = sum(load.seconds for load in self.loads)
        return sum(load.applied for load in self.loads) / seconds if seconds else 0.0

    def round_ratios(self, ceiling: Row) -> list[float]:
        """apply/ceiling of each round with the ceiling round measured right after it."""
        return [
            (a.applied / a.seconds) / (c.applied / c.seconds)
            for a, c in zip(self.loads, ceiling.loads, strict=False)
            if a.seconds and c.seconds and c.applied
        ]

    def latency(self, quantile: float) -> float:
        values = sorted(v for load in self.loads for v in load.latencies)
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(quantile * len(values)))] * 1000

    @property
    def failures(self) -> int:
        return sum(load.failures for load in self.loads)


class Recorder:
    """Reads, between rounds, what the real server stored (mean result size)."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self.mark = self.last_id()

    def last_id(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.coalesce(func.max(t.Event.id), 0))) or 0)

    def mean_result_bytes(self) -> float:
        """Mean length of the result JSON stored since the previous call."""
        with self.engine.connect() as conn:
            mean = conn.scalar(
                select(func.avg(func.length(t.Event.result_json))).where(
                    t.Event.id > self.mark, t.Event.event_id.is_not(None)
                )
            )
        self.mark = self.last_id()
        return float(mean or 0)

    def count_events(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(text("SELECT count(*) FROM events")) or 0)

    def dispose(self) -> None:
        self.engine.dispose()


def probe_latency(real: ServerProcess, bare: ServerProcess, shop: Shop, n: int) -> dict[str, float]:
    """Median and p99 of sequential single requests (one client, keep-alive), in ms."""
    headers = {"api-key": shop.api_key, "Authorization": f"Bearer {shop.token}"}
    rng = random.Random(1)
    figures: dict[str, float] = {}

    def measure(name: str, http: httpx.Client, path: str, make: Callable[[], Any]) -> None:
        times = []
        for i in range(n + 20):
            body = make()
            began = time.perf_counter()
            answer = http.post(path, json=body)
            elapsed = time.perf_counter() - began
            if answer.status_code != 200:
                raise RuntimeError(f"{name}: HTTP {answer.status_code} {answer.text[:200]}")
            if i >= 20:
                times.append(elapsed * 1000)
        times.sort()
        figures[f"{name} p50"] = statistics.median(times)
        figures[f"{name} p99"] = times[min(len(times) - 1, int(0.99 * len(times)))]

    with httpx.Client(base_url=real.url, headers=headers, timeout=30.0) as http:
        measure("getServerTime", http, "/stamp/v2/getServerTime", dict)
        measure(
            "reportStampEvent (1 event)",
            http,
            "/stamp/v2/reportStampEvent",
            lambda: make_batch(rng, shop, 1, 0)[0],
        )
    with httpx.Client(base_url=bare.url, timeout=30.0) as http:
        measure("bare /bare/ping (no DB)", http, "/bare/ping", dict)
    return figures


def bench_database(
    name: str,
    new_database: Callable[[str], str],
    home: Path,
    args: argparse.Namespace,
    out: list[Row],
) -> dict[str, float]:
    """Every row of one database; each row gets a new database (``new_database(label)`` gives
    its URL), so no row inherits the rewards the cards earned in another (every applied
    event's result lists the card's ACTIVE rewards, up to 20: they make rows heavier)."""
    probes: dict[str, float] = {}
    stored = 0
    for w_index, workers in enumerate(args.workers):
        modes = args.cards_per_batch if w_index == 0 else args.cards_per_batch[:1]
        for k in modes:
            started = time.perf_counter()
            url = new_database(f"w{workers}_k{k}")
            shop = prepare(url, home, args.cards)
            print(
                f"[{name}] new database: demo shop + {len(shop.cards)} cards "
                f"({time.perf_counter() - started:.1f} s)",
                file=sys.stderr,
            )
            recorder = Recorder(url)
            try:
                with servers(url, home, shop, workers) as procs:
                    if not probes:
                        probes = probe_latency(procs["apply"], procs["ceiling"], shop, args.probes)
                        recorder.mean_result_bytes()
                    out.extend(run_row(name, workers, k, shop, procs, recorder, args))
                stored += recorder.count_events()
            finally:
                recorder.dispose()
    probes["events stored"] = stored
    return probes


def run_row(
    name: str,
    workers: int,
    k: int,
    shop: Shop,
    procs: dict[str, ServerProcess],
    recorder: Recorder,
    args: argparse.Namespace,
) -> list[Row]:
    """``args.rounds`` rounds of the real path, each followed by the ceiling."""
    headers = {
        "api-key": shop.api_key,
        "Authorization": f"Bearer {shop.token}",
        "Content-Type": "application/json",
    }
    rows = {path: Row(name, workers, path, k, batch=args.batch) for path in ("apply", "ceiling")}
    result_bytes = 0.0
    for _round in range(args.rounds):
        for path in ("apply", "ceiling"):
            size = round(result_bytes)

            def body(rng: random.Random, path: str = path, size: int = size) -> bytes:
                batch: dict[str, Any] = {"events": make_batch(rng, shop, args.batch, k)}
                if path == "ceiling":
                    batch["resultBytes"] = size
                return json.dumps(batch).encode()

            endpoint = (
                f"{procs[path].url}/stamp/v2/reportMultiStampEvents"
                if path == "apply"
                else f"{procs[path].url}/bare/insertEvents"
            )
            load = run_load(endpoint, headers, body, args.clients, args.seconds)
            rows[path].loads.append(load)
            if path == "apply":
                result_bytes = recorder.mean_result_bytes()
                rows[path].result_bytes = result_bytes
            else:
                recorder.mark = recorder.last_id()
                rows[path].result_bytes = size
            print(
                f"[{name}] workers={workers} cards/batch={k or 'all'} "
                f"{path}: {load.applied / max(load.seconds, 1e-9):.0f} ev/s",
                file=sys.stderr,
            )
    return list(rows.values())


def describe(k: int, cards: int) -> str:
    return f"each event a random card of {cards}" if k <= 0 else f"{k} random cards per batch"


def report(rows: list[Row], probes: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    print(
        f"reportMultiStampEvents: {args.clients} concurrent clients (threads, httpx keep-alive), "
        f"batches of {args.batch} new STAMP events (fresh eventIds), {args.cards} cards, "
        f"{args.rounds} x {args.seconds:g} s per row, apply and ceiling in turn"
    )
    print(
        "ceiling = bench/bare_insert_app.py: the same event rows (same table, columns, mean "
        "result JSON size) inserted in one transaction, same uvicorn settings; no auth, no rules"
    )
    print(
        "sqlite: WAL + synchronous=FULL; postgresql: tests/pg_harness.py cluster "
        "(fsync=off, synchronous_commit=off)"
    )
    header = (
        f"{'database':<10} {'wrk':>3} {'cards per batch':<32} {'path':<8} {'events/s':>9} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'result B':>8} {'apply/ceiling':>13}  per round"
    )
    print(header)
    ceilings = {(r.database, r.workers, r.cards_per_batch): r for r in rows if r.path == "ceiling"}
    for row in rows:
        ratio = ""
        if row.path == "apply":
            ceiling = ceilings[(row.database, row.workers, row.cards_per_batch)]
            if ceiling.events_per_second:
                ratio = f"{row.events_per_second / ceiling.events_per_second:.2f}"
                rounds = " ".join(f"{value:.2f}" for value in row.round_ratios(ceiling))
                ratio = f"{ratio:>13}  {rounds}"
        failed = f"  ({row.failures} failed batches)" if row.failures else ""
        print(
            f"{row.database:<10} {row.workers:>3} {describe(row.cards_per_batch, args.cards):<32} "
            f"{row.path:<8} {row.events_per_second:>9.0f} {row.latency(0.5):>8.1f} "
            f"{row.latency(0.99):>8.1f} {row.result_bytes:>8.0f} {ratio:>13}{failed}".rstrip()
        )
    print("sequential single requests, one client, keep-alive (ms):")
    for database, figures in probes.items():
        parts = ", ".join(
            f"{key} {value:.2f}" if key != "events stored" else f"{key} {value:.0f}"
            for key, value in figures.items()
        )
        print(f"  {database}: {parts}")
    first_k, first_w = args.cards_per_batch[0], args.workers[0]
    for database in dict.fromkeys(row.database for row in rows):
        apply = next(
            r
            for r in rows
            if (r.database, r.workers, r.cards_per_batch, r.path)
            == (database, first_w, first_k, "apply")
        )
        ceiling = ceilings[(database, first_w, first_k)]
        ratio = apply.events_per_second / ceiling.events_per_second
        verdict = "holds" if ratio >= GOAL else "does NOT hold"
        rounds = ", ".join(f"{value:.2f}" for value in apply.round_ratios(ceiling))
        print(
            f"goal {database}: apply/ceiling {ratio:.3f} (rounds {rounds}; "
            f"{describe(first_k, args.cards)}, {first_w} worker{'s' if first_w > 1 else ''}) -> "
            f"'at least {GOAL:.0%} of the ceiling' {verdict}"
        )


def int_list(value: str) -> list[int]:
    return [0 if part.strip() == "all" else int(part) for part in value.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per round")
    parser.add_argument("--rounds", type=int, default=2, help="apply/ceiling rounds per row")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100, help="events per batch")
    parser.add_argument(
        "--cards-per-batch",
        type=int_list,
        default=[0, 10],
        help="comma list; 0 (or 'all'): each event a random card of all (default 0,10)",
    )
    parser.add_argument("--workers", type=int_list, default=[1, 2], help="comma list (1,2)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--probes", type=int, default=200, help="sequential requests per probe")
    args = parser.parse_args()
    rows: list[Row] = []
    probes: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-server-") as directory:
        root = Path(directory)
        for database in args.databases.split(","):
            home = root / database
            home.mkdir()
            if database == "sqlite":

                def sqlite_file(label: str, home: Path = home) -> str:
                    return f"sqlite:///{home / f'stamp-server-{label}.sqlite3'}"

                probes[database] = bench_database(database, sqlite_file, home, args, rows)
            elif database == "postgresql":
                with PostgresCluster() as cluster:

                    def pg_database(label: str, cluster: PostgresCluster = cluster) -> str:
                        return cluster.create_database(f"bench_{label}")

                    probes[database] = bench_database(database, pg_database, home, args, rows)
            else:
                parser.error(f"unknown database {database!r}")
    report(rows, probes, args)


if __name__ == "__main__":
    main()
