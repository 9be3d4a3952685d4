"""Durable enqueue latency: a bare SQLite insert against the full outbox path of one scan.

Run: ``python bench/outbox.py [--n 2000] [--warmup 200] [--dir DIR]``.

(a) bare: ``BEGIN IMMEDIATE`` + one ``INSERT`` + ``COMMIT`` into a table like ``events``, same
    pragmas (WAL, synchronous=FULL), on the calling thread.
(b) outbox: ``StoreWriter.call(lambda o: o.append([draft]))``: the hop to the writer thread, the
    transaction, the event row and the card projection update, and the hop back.
(c) outbox + guard: (b) with a guard asking the ledger two questions, as a cooldown and a daily
    limit would, over 100 cards in turn so each card has a counter-sized history.

Both databases live in the same temporary directory; the runs are interleaved, one operation
of each in turn, so disk conditions affect them alike. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.events import EventDraft, EventType
from app.policy.ledger import RECORD, LedgerView, Verdict
from app.store.writer import StoreWriter

BARE_SCHEMA = """CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    terminal_id TEXT NOT NULL,
    card_instance_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    device_time TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL
)"""

CARD = "card-bench"


def open_bare(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    conn.execute(BARE_SCHEMA)
    return conn


def bare_insert(conn: sqlite3.Connection) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO events (event_id, terminal_id, card_instance_id, event_type, device_time, "
        "state, created_at) VALUES (?, 'bench', ?, 'STAMP', ?, 'pending', ?)",
        (str(uuid.uuid4()), CARD, now, now),
    )
    conn.execute("COMMIT")


GUARD_CARDS = 100


def guarded_append(writer: StoreWriter, number: int) -> None:
    """Append one STAMP for the next of GUARD_CARDS cards, behind a two-question guard."""
    card = f"card-{number % GUARD_CARDS:03d}"

    def guard(view: LedgerView) -> Verdict:
        view.last_stamp_time(card)
        view.stamps_since(card, datetime.now(UTC) - timedelta(days=1))
        return RECORD

    draft = EventDraft(card, EventType.STAMP, source="bench")
    writer.call(lambda o: o.append([draft], guard))


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000.0


def summary(samples: list[float]) -> tuple[float, float, float, float]:
    """p50, p99, mean in ms and throughput in operations per second."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    mean = statistics.fmean(ordered)
    return statistics.median(ordered), p99, mean, 1000.0 / mean


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="measured operations per variant")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured operations first")
    parser.add_argument("--dir", type=Path, default=None, help="where the temporary files go")
    args = parser.parse_args()

    draft = EventDraft(CARD, EventType.STAMP, source="bench")
    counter = itertools.count()
    with tempfile.TemporaryDirectory(prefix="outbox-bench-", dir=args.dir) as folder:
        bare = open_bare(Path(folder) / "bare.sqlite3")
        plain = StoreWriter.open(Path(folder) / "outbox.sqlite3")
        guarded = StoreWriter.open(Path(folder) / "outbox-guard.sqlite3", name="store-writer-2")
        variants: dict[str, Callable[[], object]] = {
            "bare insert+commit": lambda: bare_insert(bare),
            "outbox append via writer": lambda: plain.call(lambda o: o.append([draft])),
            "outbox append + guard": lambda: guarded_append(guarded, next(counter)),
        }
        samples: dict[str, list[float]] = {name: [] for name in variants}
        try:
            for _ in range(args.warmup):
                for fn in variants.values():
                    fn()
            for _ in range(args.n):
                for name, fn in variants.items():
                    samples[name].append(timed(fn))
        finally:
            plain.close()
            guarded.close()
            bare.close()

    print(f"durable enqueue, n={args.n} each (warm-up {args.warmup}), WAL + synchronous=FULL")
    print(f"{'variant':<28}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}{'ops/s':>9}")
    results = {name: summary(values) for name, values in samples.items()}
    for name, (p50, p99, mean, rate) in results.items():
        print(f"{name:<28}{p50:>9.3f}{p99:>9.3f}{mean:>9.3f}{rate:>9.0f}")
    base = results["bare insert+commit"]
    for name in list(results)[1:]:
        p50_ratio = results[name][0] / base[0]
        p99_ratio = results[name][1] / base[1]
        verdict = "holds" if p99_ratio <= 2.0 else "does NOT hold"
        print(
            f"{name}: outbox/bare p50 x{p50_ratio:.2f}, p99 x{p99_ratio:.2f} "
            f"-> goal 'p99 within 2x of the bare insert' {verdict}"
        )


if __name__ == "__main__":
    main()
