"""The settings screen's blocking work on worker threads: connection tests and saving.

Each call returns a ticket at once; the answer comes back as a Qt signal carrying the ticket, on
the GUI thread. The threads start with the first job and end when the kiosk window closes. The
answers carry what happened, not sentences: the screen renders those in the language shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal

from app.config import Config
from app.ui.connection_check import ConnectionReport, Finding, check_connection
from app.ui.settings_values import save_changes

log = logging.getLogger(__name__)


class SettingsWorker(QObject):
    """Connection tests and saving on worker threads; each answer carries its ticket.

    ``tested`` carries a :class:`ConnectionReport`, ``saved`` the changes written, and
    ``save_failed`` the error that stopped the saving (for
    :func:`~app.ui.settings_values.save_problem`).
    """

    tested = Signal(int, object)
    saved = Signal(int, object)
    save_failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None
        self._tickets = 0

    def test(self, config: Config) -> int:
        """Test the server and credentials of ``config``; ``tested`` answers."""
        ticket = self._next()
        self._submit(lambda: check_connection(config), ticket, self._tested)
        return ticket

    def save(self, path: Path, changes: Mapping[str, object]) -> int:
        """Write ``changes`` into the file at ``path``; ``saved`` or ``save_failed`` answers."""
        ticket = self._next()
        self._submit(lambda: save_changes(path, changes), ticket, self._saved(path, changes))
        return ticket

    def stop(self) -> None:
        """Let running work finish and end the threads (quit-then-wait)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the kiosk window: the threads end when the window is closed (not minimized)."""
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.stop()
        return False

    def _next(self) -> int:
        self._tickets += 1
        return self._tickets

    def _submit(
        self, job: Callable[[], Any], ticket: int, answer: Callable[[int, Future[Any]], None]
    ) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="settings")
        future = self._pool.submit(job)
        future.add_done_callback(lambda done: answer(ticket, done))

    def _tested(self, ticket: int, future: Future[ConnectionReport]) -> None:
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            log.error("the connection test failed: %s", type(error).__name__)
            self.tested.emit(ticket, ConnectionReport(Finding.TEST_FAILED))
        else:
            self.tested.emit(ticket, future.result())

    def _saved(
        self, path: Path, changes: Mapping[str, object]
    ) -> Callable[[int, Future[None]], None]:
        def answer(ticket: int, future: Future[None]) -> None:
            if future.cancelled():
                return
            error = future.exception()
            if error is None:
                self.saved.emit(ticket, dict(changes))
                return
            log.warning("the settings were not saved to %s: %s", path, type(error).__name__)
            self.save_failed.emit(ticket, error)

        return answer
