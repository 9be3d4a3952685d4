"""Opening the terminal database: durable pragmas, refusing bad files, schema migrations."""

from __future__ import annotations

import os
import re
import runpy
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.events import EventDraft, EventState, EventType
from app.errors import StoreCorrupt, StoreError, StoreTooNew, StoreUnavailable
from app.store import migrations
from app.store.database import open_database
from app.store.outbox import Outbox

DATA = Path(__file__).resolve().parents[1] / "data"
V1_FILE = DATA / "outbox-v1.sqlite3"
V1_SCRIPT = DATA / "make_outbox_v1.py"
V1_TERMINAL_ID = "6f1c2d8e-4b7a-4f0e-9a51-3c2b1d0e9f87"
V1_CARD = "card-v1-0001"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "terminal" / "outbox.sqlite3"


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    connection = open_database(db_path)
    yield connection
    connection.close()


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection, independent of the code under test."""
    return sqlite3.connect(path, isolation_level=None)


def schema(connection: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()


def rows(path: Path, table: str) -> list[tuple[object, ...]]:
    connection = raw(path)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        connection.close()


def make_terminal_db(path: Path, events: int = 200) -> None:
    connection = open_database(path)
    try:
        outbox = Outbox(connection)
        for number in range(events):
            outbox.append([EventDraft(f"card-{number % 7}", EventType.STAMP, source="qr" * 20)])
    finally:
        connection.close()


def test_pragmas_are_wal_full_and_autocommit(conn: sqlite3.Connection, db_path: Path) -> None:
    assert conn.isolation_level is None
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert not conn.in_transaction
    other = raw(db_path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


def test_creates_parent_dirs_and_latest_schema(conn: sqlite3.Connection, db_path: Path) -> None:
    assert db_path.parent.is_dir()
    assert migrations.user_version(conn) == migrations.LATEST
    names = {name for _, name, _ in schema(conn)}
    assert {"meta", "events", "cards", "reward_instances", "tag_uids", "master_data"} <= names
    assert {"cards_member_phone", "events_card_type_time", "events_state_seq"} <= names


def test_reopen_keeps_version_and_data(db_path: Path) -> None:
    make_terminal_db(db_path, events=3)
    connection = open_database(db_path)
    try:
        assert migrations.user_version(connection) == migrations.LATEST
        assert connection.execute("SELECT count(*) FROM events").fetchone()[0] == 3
    finally:
        connection.close()


@pytest.mark.parametrize("size", [3000, 100_000])
def test_garbage_file_is_corrupt_and_untouched(tmp_path: Path, size: int) -> None:
    path = tmp_path / "outbox.sqlite3"
    content = os.urandom(size)
    path.write_bytes(content)
    with pytest.raises(StoreCorrupt) as caught:
        open_database(path)
    message = str(caught.value)
    assert str(path) in message
    assert "Nothing was changed" in message
    assert "restore the latest backup" in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outbox.sqlite3"]


@pytest.mark.parametrize("keep", [50, 4096, 0.5, -4096])
def test_truncated_database_is_corrupt_and_untouched(tmp_path: Path, keep: float) -> None:
    path = tmp_path / "outbox.sqlite3"
    make_terminal_db(path)
    full = path.read_bytes()
    cut = int(len(full) * keep) if isinstance(keep, float) else keep % len(full)
    path.write_bytes(full[:cut])
    with pytest.raises(StoreCorrupt, match="is damaged") as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == full[:cut]


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    other = raw(path)
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    other.close()
    content = path.read_bytes()
    with pytest.raises(StoreCorrupt, match="not a stamp terminal database"):
        open_database(path)
    assert path.read_bytes() == content


def test_newer_schema_is_too_new(db_path: Path) -> None:
    make_terminal_db(db_path, events=1)
    newer = migrations.LATEST + 1
    connection = raw(db_path)
    connection.execute(f"PRAGMA user_version = {newer}")
    connection.close()
    content = db_path.read_bytes()
    with pytest.raises(StoreTooNew) as caught:
        open_database(db_path)
    message = str(caught.value)
    assert str(db_path) in message
    assert f"version {newer}" in message
    assert f"up to {migrations.LATEST}" in message
    assert "Install the newer terminal version" in message
    assert db_path.read_bytes() == content


def test_parent_that_is_a_file_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    path = blocker / "outbox.sqlite3"
    with pytest.raises(StoreUnavailable) as caught:
        open_database(path)
    assert str(path.parent) in str(caught.value)


def test_directory_in_place_of_file_is_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    path.mkdir()
    with pytest.raises(StoreUnavailable, match=re.escape(str(path))):
        open_database(path)


def test_each_step_is_its_own_transaction(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = (*migrations.V2[:1], "CREATE TABLE broken (")
    monkeypatch.setattr(migrations, "STEPS", (migrations.V1, broken))
    with pytest.raises(StoreError):
        open_database(db_path)
    connection = raw(db_path)
    try:
        assert migrations.user_version(connection) == 1
        names = {name for _, name, _ in schema(connection)}
        assert "events" in names
        assert "reward_instances" not in names
    finally:
        connection.close()


def test_step_one_is_exactly_the_stored_v1_schema(tmp_path: Path) -> None:
    fresh = raw(tmp_path / "step1.sqlite3")
    stored = raw(shutil.copy(V1_FILE, tmp_path / "stored.sqlite3"))
    try:
        assert migrations.apply_step(fresh, 1)
        assert not migrations.apply_step(fresh, 1)
        assert migrations.user_version(stored) == 1
        assert schema(fresh) == schema(stored)
    finally:
        fresh.close()
        stored.close()


def test_stored_v1_file_matches_its_script(tmp_path: Path) -> None:
    build = runpy.run_path(str(V1_SCRIPT))["build"]
    rebuilt = tmp_path / "rebuilt.sqlite3"
    build(rebuilt)
    stored = shutil.copy(V1_FILE, tmp_path / "stored.sqlite3")
    left, right = raw(rebuilt), raw(stored)
    try:
        assert list(left.iterdump()) == list(right.iterdump())
    finally:
        left.close()
        right.close()


def test_v1_database_upgrades_with_events_and_cards_intact(tmp_path: Path) -> None:
    path = Path(shutil.copy(V1_FILE, tmp_path / "outbox.sqlite3"))
    before = {table: rows(path, table) for table in ("meta", "events", "cards")}
    assert len(before["events"]) == 4
    connection = open_database(path)
    try:
        assert migrations.user_version(connection) == migrations.LATEST
        fresh = open_database(tmp_path / "fresh.sqlite3")
        try:
            assert schema(connection) == schema(fresh)
        finally:
            fresh.close()
        outbox = Outbox(connection)
        assert outbox.terminal_id == V1_TERMINAL_ID
        assert outbox.clock_offset_ms == -1500
        old = outbox.events()
        assert [e.seq for e in old] == [1, 2, 3, 4]
        assert [e.state for e in old] == ["sent", "pending", "pending", "rejected"]
        assert old[3].result_code == 409
        card = outbox.card(V1_CARD)
        assert card is not None
        assert (card.stamps, card.total_stamps, card.status) == (7, 10, "ACTIVE")
        assert outbox.card_by_phone("+4915112345678") == V1_CARD
        result = outbox.append([EventDraft(V1_CARD, EventType.STAMP)])
        assert result.events[0].seq == 5
        assert result.card is not None
        assert result.card.stamps == 8
        assert len(outbox.events(state=EventState.PENDING)) == 3
    finally:
        connection.close()
    after = {table: rows(path, table) for table in ("meta", "events", "cards")}
    assert after["events"][:4] == before["events"]
    assert after["meta"] == before["meta"]
    card_before, card_after = before["cards"][0], after["cards"][0]
    assert card_after[:3] == card_before[:3]
    assert card_after[3] == card_before[3] + 1
