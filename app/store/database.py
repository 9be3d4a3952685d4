"""Opening the terminal's SQLite file: checks first, then durable settings, then migrations.

A file that is damaged, foreign or written by a newer release is refused with a message saying
what to do; it is never deleted, replaced or written to. The checks run on a read-only
connection before anything can write to the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from app.errors import StoreCorrupt, StoreTooNew, StoreUnavailable
from app.store import migrations

SQLITE_HEADER = b"SQLite format 3\x00"
SYNCHRONOUS_FULL = 2
DEFAULT_BUSY_TIMEOUT_MS = 5000


def open_database(
    path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """Open (or create) the terminal database at ``path``, migrated to the latest schema.

    The connection is in autocommit mode (``isolation_level=None``): every write transaction
    is an explicit ``BEGIN IMMEDIATE`` ... ``COMMIT``. Raises :class:`StoreCorrupt`,
    :class:`StoreTooNew` or :class:`StoreUnavailable`.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailable(
            f"Cannot create the folder for the terminal database {path}: {exc.strerror or exc}."
        ) from exc
    if path.exists():
        _check_existing(path)
    try:
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=busy_timeout_ms / 1000, check_same_thread=True
        )
    except sqlite3.Error as exc:
        raise _unavailable(path, exc) from exc
    try:
        _configure(conn, path, busy_timeout_ms)
        migrations.migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError):
            raise _unavailable(path, exc) from exc
        raise _corrupt(path, str(exc)) from exc
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``; ``ROLLBACK`` and re-raise on any exception.

    The body may end the transaction itself with ``ROLLBACK``; nothing is committed then. Inside
    a transaction already open it adds nothing: the work becomes part of the outer transaction,
    which commits or rolls back all of it.
    """
    if conn.in_transaction:
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
        if conn.in_transaction:
            conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            raise StoreUnavailable(
                f"Writing to the terminal database {_file_of(conn)} failed ({exc}); "
                "nothing was recorded. Check the free disk space and the file's permissions."
            ) from exc
        raise


def _file_of(conn: sqlite3.Connection) -> str:
    """The file behind a connection's main database, for messages."""
    with suppress(sqlite3.Error):
        return str(conn.execute("PRAGMA database_list").fetchone()[2])
    return "(unknown file)"


def _check_existing(path: Path) -> None:
    """Refuse a file that is not a healthy terminal database of a version this code knows."""
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreUnavailable(
            f"Cannot read the terminal database {path}: {exc.strerror or exc}."
        ) from exc
    if header and header != SQLITE_HEADER:
        raise _corrupt(path, "it is not an SQLite database")
    if not header:
        return
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _unavailable(path, exc) from exc
    try:
        found = [str(row[0]) for row in probe.execute("PRAGMA quick_check").fetchall()]
        version = migrations.user_version(probe)
        tables = probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise _unavailable(path, exc) from exc
    except sqlite3.DatabaseError as exc:
        raise _corrupt(path, str(exc)) from exc
    finally:
        probe.close()
    if found != ["ok"]:
        raise _corrupt(path, "; ".join(found[:3]))
    if version > migrations.LATEST:
        raise StoreTooNew(
            f"The terminal database {path} has schema version {version}, written by a newer "
            f"terminal release; this release knows versions up to {migrations.LATEST}. "
            "Install the newer terminal version to use it. Nothing was changed."
        )
    if version == 0 and tables:
        raise StoreCorrupt(
            f"{path} is an SQLite file but not a stamp terminal database. Nothing was changed. "
            "Point the terminal at its own database file, or move this file aside."
        )


def _configure(conn: sqlite3.Connection, path: Path, busy_timeout_ms: int) -> None:
    """Set and read back the durability pragmas; raise StoreUnavailable if one did not take."""
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    journal = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    synchronous = int(conn.execute("PRAGMA synchronous").fetchone()[0])
    if journal != "wal" or synchronous != SYNCHRONOUS_FULL:
        raise StoreUnavailable(
            f"The terminal database {path} cannot be made durable (journal_mode={journal}, "
            f"synchronous={synchronous}; expected wal and 2). Put it on a local disk that "
            "supports write-ahead logging."
        )


def _corrupt(path: Path, detail: str) -> StoreCorrupt:
    return StoreCorrupt(
        f"The terminal database {path} is damaged ({detail}). Nothing was changed. Move it "
        "aside and restore the latest backup; its pending events are not synced until then."
    )


def _unavailable(path: Path, exc: sqlite3.Error) -> StoreUnavailable:
    return StoreUnavailable(
        f"Cannot open or write the terminal database {path} ({exc}). Check that the folder "
        "exists, the disk is not full and the terminal's user may write there."
    )
