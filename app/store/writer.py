"""The one thread that owns the SQLite connection and the :class:`Outbox`.

Other threads (devices, the GUI, the sync worker) hand it functions of the outbox and get a
:class:`~concurrent.futures.Future` back. The connection is opened, used and closed in that
thread only. Shutdown is quit-then-wait: :meth:`StoreWriter.close` stops accepting work, lets
the queued work finish, closes the connection and joins the thread.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from app.store.database import open_database
from app.store.outbox import Clock, Outbox, utc_now

T = TypeVar("T")

THREAD_NAME = "store-writer"

_Job = tuple[Callable[[Outbox], Any], "Future[Any]"]


class StoreWriter:
    """Runs functions of the :class:`Outbox` one at a time on its own thread."""

    def __init__(self, path: Path, clock: Clock = utc_now, *, name: str = THREAD_NAME) -> None:
        """Start the thread; use :meth:`open` to also wait until the database is open."""
        self._path = Path(path)
        self._clock = clock
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._opened: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @classmethod
    def open(cls, path: Path, clock: Clock = utc_now, *, name: str = THREAD_NAME) -> StoreWriter:
        """Start a writer and wait until its thread opened the database.

        Re-raises the opening error (StoreCorrupt, StoreTooNew, StoreUnavailable) here.
        """
        writer = cls(path, clock, name=name)
        try:
            writer._opened.result()
        except BaseException:
            writer.close()
            raise
        return writer

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    @property
    def closed(self) -> bool:
        return self._closed

    def submit(self, fn: Callable[[Outbox], T]) -> Future[T]:
        """Queue ``fn(outbox)`` to run on the writer thread; RuntimeError after close()."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the store writer is closed")
            self._jobs.put((fn, future))
        return future

    def call(self, fn: Callable[[Outbox], T], timeout: float | None = None) -> T:
        """Run ``fn(outbox)`` on the writer thread and wait for its result (or exception)."""
        return self.submit(fn).result(timeout)

    def close(self, timeout: float | None = None) -> None:
        """Stop accepting work, finish the queued work, close the connection, join."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._jobs.put(None)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            conn = open_database(self._path)
            outbox = Outbox(conn, self._clock)
        except BaseException as exc:  # noqa: BLE001 - re-raised by open()
            if conn is not None:
                conn.close()
            self._opened.set_exception(exc)
            self._fail_queued(exc)
            return
        self._opened.set_result(None)
        try:
            while (job := self._jobs.get()) is not None:
                fn, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    result = fn(outbox)
                except BaseException as exc:  # noqa: BLE001 - raised again by result()
                    future.set_exception(exc)
                else:
                    future.set_result(result)
        finally:
            conn.close()

    def _fail_queued(self, error: BaseException) -> None:
        """After a failed open, fail every job submitted before close() with the same error."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._jobs.put(None)
        while True:
            job = self._jobs.get()
            if job is None:
                return
            job[1].set_exception(error)
