"""``stamp-terminal sync``: one pass, or a worker until interrupted."""

from __future__ import annotations

import json
import signal
import sys
import threading
from types import FrameType

from app.config import Config
from app.errors import ConfigError
from app.store.writer import StoreWriter
from app.sync.factory import http_client, sync_worker
from app.sync.worker import SyncReport, SyncState, SyncStatus, SyncWorker

EXIT_FOR_STATE = {
    SyncState.ONLINE: 0,
    SyncState.BACKING_OFF: 5,
    SyncState.OFFLINE: 5,
    SyncState.CREDENTIALS: 6,
}


def run_sync(config: Config, writer: StoreWriter, *, once: bool, json_output: bool) -> int:
    """Sync with the configured server; the exit code says how it ended."""
    if not config.server_url:
        raise ConfigError(
            "configuration key 'server_url' is not set; the terminal has no server to sync with"
        )
    with http_client(config) as http:
        worker = sync_worker(config, writer, http)
        if once:
            report = worker.sync_once()
            _print_report(report, json_output)
            return EXIT_FOR_STATE.get(report.state, 5)
        return _run_until_stopped(worker, json_output)


def _print_report(report: SyncReport, json_output: bool) -> None:
    if json_output:
        print(
            json.dumps(
                {
                    "state": report.state.value,
                    "sent": report.sent,
                    "rejected": report.rejected,
                    "leftPending": report.left_pending,
                    "error": report.error,
                }
            )
        )
        return
    print(f"{report.state.value}: {report.sent} sent, {report.rejected} rejected")
    if report.error:
        print(f"stamp-terminal: sync: {report.error}", file=sys.stderr)


def _run_until_stopped(worker: SyncWorker, json_output: bool) -> int:
    stopped = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    def show(status: SyncStatus) -> None:
        if json_output:
            print(json.dumps({"state": status.state.value, "queue": status.queue}), flush=True)
        else:
            pending = status.queue.get("pending", 0)
            print(f"{status.state.value}: {pending} pending", flush=True)

    worker.add_listener(show)
    worker.start()
    stopped.wait()
    worker.stop()
    return 0
