"""The engine and its transactions, the same code on SQLite and PostgreSQL.

Statement parameters are kept out of error messages (and so out of logs). SQLite only
differs here: WAL, ``synchronous=FULL``, foreign keys on, a busy timeout, and
explicit transactions, where a write transaction starts with ``BEGIN IMMEDIATE`` so that two
writers never deadlock on a lock upgrade. PostgreSQL runs at READ COMMITTED; writers lock the
rows they change with ``SELECT ... FOR UPDATE``.

SQLite writes one transaction at a time. Within a process, writers queue on a mutex before
``BEGIN IMMEDIATE``: SQLite's own busy handler makes a blocked writer sleep 1, 2, 5 ... up to
100 ms between tries, so under load the write lock sat idle between transactions and an unlucky
writer could wait seconds. Writers of other processes on the same file still meet at
``BEGIN IMMEDIATE`` and its busy timeout (as does a writer that waited the whole busy timeout
for the mutex).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

WRITE_OPTION = "stamp_server_write"
SQLITE_BUSY_TIMEOUT_SECONDS = 30.0


def create_db_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's directory is created when missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}, hide_parameters=True
    )
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


class Database:
    """The engine plus read and write transactions as ORM sessions."""

    def __init__(self, url: str) -> None:
        self.engine = create_db_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = threading.Lock() if self.engine.dialect.name == "sqlite" else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it is rolled back at the end."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, committed at the end unless an exception leaves the block."""
        queued = self._writer is not None and self._writer.acquire(
            timeout=SQLITE_BUSY_TIMEOUT_SECONDS
        )
        try:
            with self._sessions() as session, session.begin():
                session.connection(execution_options={WRITE_OPTION: True})
                yield session
        finally:
            if queued:
                assert self._writer is not None
                self._writer.release()

    def dispose(self) -> None:
        self.engine.dispose()
