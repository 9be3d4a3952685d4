"""Drain 10,000 queued events to the reference server over loopback, at several batch sizes.

Usage: ``python bench/sync.py [--events 10000] [--sizes 1,20,100,500]``. The server is the real
one (``stamp-server serve`` in a subprocess, SQLite file); each batch size gets a fresh terminal
database holding the same number of pending STAMP events, drained by the real sync worker. Prints
events/s and the ratio to batch size 1 measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from live_server import LiveServer

from app.config import Config
from app.domain.events import EventDraft, EventState, EventType
from app.store.writer import StoreWriter
from app.sync.factory import api_client
from app.sync.worker import SyncWorker


def fill(writer: StoreWriter, card: str, stamp_value: str, events: int) -> None:
    draft = EventDraft(card, EventType.STAMP, stamp_value=stamp_value, source="bench")
    for start in range(0, events, 500):
        chunk = [draft] * min(500, events - start)
        writer.call(lambda o, c=chunk: o.append(c))


def drain(config: Config, path: Path, card: str, events: int, batch_size: int) -> float:
    with StoreWriter.open(path) as writer:
        fill(writer, card, config.stamp_value, events)
        with httpx.Client(base_url=config.server_url, timeout=30.0) as http:
            worker = SyncWorker(writer, api_client(http, config), batch_size=batch_size)
            started = time.perf_counter()
            while writer.call(lambda o: o.counts()[EventState.PENDING]):
                report = worker.sync_once()
                if report.error:
                    raise RuntimeError(report.error)
            elapsed = time.perf_counter() - started
        sent = writer.call(lambda o: o.counts()[EventState.SENT])
        if sent != events:
            raise RuntimeError(f"{sent} of {events} events sent")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--sizes", default="1,20,100,500")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        server = LiveServer(root / "server-home")
        demo = server.prepare()
        server.start()
        try:
            config = Config(
                server_url=server.url,
                api_key=demo["apiKey"],
                terminal_token=demo["terminalToken"],
                stamp_value=demo["stampValue"],
            )
            times = {
                size: drain(
                    config,
                    root / f"terminal-{size}.sqlite3",
                    demo["cardInstanceId"],
                    args.events,
                    size,
                )
                for size in sizes
            }
        finally:
            server.stop()
    print(f"drain {args.events} queued events to the reference server (SQLite) over loopback")
    print(f"{'batch size':>10} {'seconds':>9} {'events/s':>10} {'vs batch 1':>11}")
    base = args.events / times[sizes[0]]
    for size in sizes:
        rate = args.events / times[size]
        print(f"{size:>10} {times[size]:>9.2f} {rate:>10.0f} {rate / base:>10.1f}x")
    if 100 in times:
        verdict = "holds" if times[100] < 5 else "does NOT hold"
        print(f"goal: {args.events} events in under 5 s at batch size 100 -> {verdict}")


if __name__ == "__main__":
    main()
