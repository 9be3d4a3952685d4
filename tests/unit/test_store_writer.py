"""The writer thread: one thread owns the connection; quit-then-wait on close."""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.events import EventDraft, EventType
from app.errors import StoreCorrupt, StoreTooNew
from app.store import migrations
from app.store.database import open_database
from app.store.outbox import AppendResult, Outbox
from app.store.writer import THREAD_NAME, StoreWriter

CARD = "card-0001"


def append_stamp(outbox: Outbox) -> AppendResult:
    return outbox.append([EventDraft(CARD, EventType.STAMP)])


def test_all_database_work_runs_on_one_named_thread(tmp_path: Path) -> None:
    writer = StoreWriter.open(tmp_path / "outbox.sqlite3")
    try:
        idents = [writer.call(lambda outbox: threading.get_ident()) for _ in range(3)]
        names = {writer.call(lambda outbox: threading.current_thread().name)}
        callers: list[int] = []

        def from_other_thread() -> None:
            callers.append(threading.get_ident())
            idents.append(writer.call(lambda outbox: threading.get_ident()))

        other = threading.Thread(target=from_other_thread)
        other.start()
        other.join()
        assert set(idents) == {writer.thread.ident}
        assert threading.get_ident() not in idents
        assert callers[0] not in idents
        assert names == {THREAD_NAME}
        result = writer.call(append_stamp)
        assert result.card is not None
        assert result.card.stamps == 1
    finally:
        writer.close()
    assert not writer.thread.is_alive()


def test_close_finishes_queued_work_then_closes(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    writer = StoreWriter.open(path)
    gate = threading.Event()
    blocked = writer.submit(lambda outbox: gate.wait(5))
    queued = [writer.submit(append_stamp) for _ in range(20)]
    threading.Timer(0.1, gate.set).start()
    started = time.monotonic()
    writer.close()
    assert time.monotonic() - started >= 0.05
    assert blocked.result(0) is True
    assert all(future.done() for future in queued)
    assert [future.result().events[0].seq for future in queued] == list(range(1, 21))
    assert not writer.thread.is_alive()
    with pytest.raises(RuntimeError, match="closed"):
        writer.submit(append_stamp)
    writer.close()
    conn = open_database(path)
    try:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 20
    finally:
        conn.close()


def test_errors_of_a_job_reach_the_caller(tmp_path: Path) -> None:
    with StoreWriter.open(tmp_path / "outbox.sqlite3") as writer:
        with pytest.raises(ValueError, match="at least one"):
            writer.call(lambda outbox: outbox.append([]))
        assert writer.call(append_stamp).events[0].seq == 1


def test_open_error_surfaces_to_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    before = {thread.ident for thread in threading.enumerate()}
    with pytest.raises(StoreCorrupt, match=re.escape(str(path))):
        StoreWriter.open(path)
    leftover = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert leftover == []


def test_too_new_database_surfaces_to_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    conn = open_database(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 5}")
    conn.close()
    with pytest.raises(StoreTooNew):
        StoreWriter.open(path)


def test_clock_is_used_for_device_time(tmp_path: Path) -> None:
    moment = datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=UTC)
    with StoreWriter.open(tmp_path / "outbox.sqlite3", clock=lambda: moment) as writer:
        assert writer.call(append_stamp).events[0].device_time == moment
