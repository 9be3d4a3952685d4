"""Scale-out: events/s with 1, 2 and 4 ``stamp-server serve`` processes on one PostgreSQL.

Run: ``python bench/scaleout.py [--seconds 5] [--rounds 1] [--processes 1,2,4]
[--terminals 50] [--cards 2000] [--batch 100] [--cards-mode shared,own]``.

For each cards mode and process count the bench makes a new database in a throw-away
PostgreSQL cluster (tests/pg_harness.py: fsync and synchronous_commit off), with the demo shop,
``--cards`` cards (one customer each) and ``--terminals`` terminal credentials of the demo
merchant, then starts that many ``stamp-server serve`` processes (one uvicorn worker each,
separate processes on their own ports, sharing the database and the card-signing key), as
several machines behind a load balancer would. ``--terminals`` client threads, each a terminal
with its own credential and its own keep-alive connection, post batches of ``--batch`` new
STAMP events (fresh eventIds) to ``reportMultiStampEvents``; terminal ``i`` talks to process
``i mod N``. A warm-up of a fifth of ``--seconds`` (at least 1 s), then ``--seconds`` measured,
``--rounds`` times.

``--cards-mode shared``: each event a random card of all, so concurrent batches (and the
groups a process commits together) share cards and wait for each other's card locks, across
processes too. ``own``: the cards are split between the terminals and each terminal stamps
only its own, as the counters of different shops stamp their own customers' cards.

Prints per row: events/s applied, p50 and p99 batch latency, the ratio to one process (same
cards mode), failed batches and the events the database holds afterwards (warm-up included).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

# With only this file's directory on sys.path, ``import server`` would import bench/server.py:
# the project's root goes first; tests/ gives the PostgreSQL harness.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent / "tests"))

import pg_harness
from pg_harness import PostgresCluster
from server_load import PUBLIC_URL, Load, ServerProcess, Shop, make_batch, prepare, run_load

from server import admin
from server.db import tables as t
from server.db.engine import Database

# Four server processes may hold up to 15 pooled connections each (SQLAlchemy's default pool
# of 5 plus 10 overflow); the harness's 50 would be the limit, not the servers.
pg_harness.SETTINGS["max_connections"] = "200"


MODES = {"shared": "each event a random card of all", "own": "each terminal its own cards"}


@dataclass
class Row:
    mode: str
    processes: int
    loads: list[Load] = field(default_factory=list)
    stored: int = 0

    @property
    def events_per_second(self) -> float:
        seconds = sum(load.seconds for load in self.loads)
        return sum(load.applied for load in self.loads) / seconds if seconds else 0.0

    @property
    def failures(self) -> int:
        return sum(load.failures for load in self.loads)

    def latency(self, quantile: float) -> float:
        values = sorted(v for load in self.loads for v in load.latencies)
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(quantile * len(values)))] * 1000


def add_terminals(url: str, shop: Shop, count: int) -> list[str]:
    """Tokens of ``count`` terminals of the demo merchant: the demo terminal and new ones."""
    database = Database(url)
    try:
        now = datetime.now(UTC)
        with database.write() as session:
            credential = session.get(t.Credential, shop.credential_id)
            assert credential is not None and credential.merchant_id is not None
            merchant_id = credential.merchant_id
            tokens = [shop.token]
            for number in range(1, count):
                _row, token = admin.create_terminal(
                    session, now, merchant_id=merchant_id, name=f"counter {number}"
                )
                tokens.append(token)
        return tokens
    finally:
        database.dispose()


def count_events(url: str) -> int:
    database = Database(url)
    try:
        with database.read() as session:
            return int(
                session.scalar(
                    select(func.count()).select_from(t.Event).where(t.Event.event_id.is_not(None))
                )
                or 0
            )
    finally:
        database.dispose()


def bodies(
    shop: Shop, mode: str, args: argparse.Namespace
) -> list[Callable[[random.Random], bytes]]:
    """Each terminal's batches: over all cards (``shared``) or over its own share (``own``)."""

    def maker(cards: Shop) -> Callable[[random.Random], bytes]:
        def body(rng: random.Random) -> bytes:
            return json.dumps({"events": make_batch(rng, cards, args.batch, 0)}).encode()

        return body

    if mode == "shared":
        return [maker(shop)] * args.terminals
    return [
        maker(replace(shop, cards=shop.cards[i :: args.terminals])) for i in range(args.terminals)
    ]


def measure(
    mode: str, processes: int, cluster: PostgresCluster, home: Path, args: argparse.Namespace
) -> Row:
    """One row: a new database, ``processes`` servers on it, the terminals' load."""
    started = time.perf_counter()
    name = f"scaleout_{mode}_{processes}"
    url = cluster.create_database(name)
    shop = prepare(url, home, args.cards)
    tokens = add_terminals(url, shop, args.terminals)
    print(
        f"[{mode}, {processes} process(es)] new database: demo shop, {len(shop.cards)} cards, "
        f"{len(tokens)} terminals ({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("STAMP_SERVER_")}
    env = {
        **base,
        "STAMP_SERVER_HOME": str(home),
        "STAMP_SERVER_DATABASE_URL": url,
        "STAMP_SERVER_PUBLIC_URL": PUBLIC_URL,
    }
    servers = [
        ServerProcess(
            f"stamp-server {number + 1} of {processes}",
            [sys.executable, "-m", "server", "serve", "--workers", "1"],
            env,
            home / f"server-{mode}-{processes}-{number + 1}.log",
        )
        for number in range(processes)
    ]
    row = Row(mode, processes)
    with ExitStack() as stack:
        for server in servers:
            server.start()
            stack.callback(server.stop)
        urls = [
            f"{servers[i % processes].url}/stamp/v2/reportMultiStampEvents"
            for i in range(args.terminals)
        ]
        headers = [
            {
                "api-key": shop.api_key,
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
            }
            for token in tokens
        ]
        for _round in range(args.rounds):
            load = run_load(urls, headers, bodies(shop, mode, args), args.terminals, args.seconds)
            row.loads.append(load)
            print(
                f"[{mode}, {processes} process(es)] "
                f"{load.applied / max(load.seconds, 1e-9):.0f} ev/s",
                file=sys.stderr,
            )
    row.stored = count_events(url)
    cluster.drop_database(name)
    return row


def report(rows: list[Row], args: argparse.Namespace) -> None:
    print(
        f"scale-out: reportMultiStampEvents, {args.terminals} terminals (threads, each its own "
        "credential and keep-alive connection, round-robin over the processes), batches of "
        f"{args.batch} new STAMP events, {args.cards} cards, {args.rounds} x {args.seconds:g} s "
        "per row"
    )
    print(
        "each process: `stamp-server serve --workers 1`; one PostgreSQL database shared by all "
        "(tests/pg_harness.py cluster, fsync=off, synchronous_commit=off); "
        f"{os.cpu_count()} CPU cores shared by servers, PostgreSQL and the terminals"
    )
    print(
        f"{'cards':<32} {'processes':>9} {'events/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'vs 1 process':>12} {'failed':>6} {'stored':>8}"
    )
    for row in rows:
        one = next(
            (r.events_per_second for r in rows if r.mode == row.mode and r.processes == 1), 0.0
        )
        ratio = f"{row.events_per_second / one:.2f}" if one else "-"
        print(
            f"{MODES[row.mode]:<32} {row.processes:>9} {row.events_per_second:>9.0f} "
            f"{row.latency(0.5):>8.1f} "
            f"{row.latency(0.99):>8.1f} {ratio:>12} {row.failures:>6} {row.stored:>8}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per round")
    parser.add_argument("--rounds", type=int, default=1, help="measured rounds per row")
    parser.add_argument(
        "--processes",
        type=lambda text: [int(part) for part in text.split(",")],
        default=[1, 2, 4],
        help="comma list of server process counts (default 1,2,4)",
    )
    parser.add_argument("--terminals", type=int, default=50, help="concurrent terminals")
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100, help="events per batch")
    parser.add_argument(
        "--cards-mode",
        type=lambda text: text.split(","),
        default=list(MODES),
        help="comma list of shared (each event a random card of all) and own (each terminal "
        "its own cards); default shared,own",
    )
    args = parser.parse_args()
    for mode in args.cards_mode:
        if mode not in MODES:
            parser.error(f"unknown cards mode {mode!r} (shared, own)")
    rows: list[Row] = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-scaleout-") as directory,
        PostgresCluster() as cluster,
    ):
        home = Path(directory)
        for mode in args.cards_mode:
            for processes in args.processes:
                rows.append(measure(mode, processes, cluster, home, args))
    report(rows, args)


if __name__ == "__main__":
    main()
