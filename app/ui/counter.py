"""Runs the terminal's blocking work (SQLite, network lookups) off the GUI thread.

The controller owns one worker thread. :meth:`CounterController.scan` and
:meth:`CounterController.stamp` return at once; the outcome arrives later as a signal on the GUI
thread: ``identified(Identified)``, ``recorded(Recorded)`` after COMMIT, ``refused(Refusal |
Verdict)`` when nothing was counted, ``failed(str)`` for an unexpected error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from app.domain.scan import Scan
from app.policy.payload import Refusal
from app.terminal import Recorded, Terminal

log = logging.getLogger(__name__)

FAILED_MESSAGE = (
    "Something went wrong and nothing was counted — scan the card again; if it keeps "
    "happening, restart the terminal."
)


class CounterController(QObject):
    """The counter's actions, each run on the worker thread and answered by a signal."""

    identified = Signal(object)
    recorded = Signal(object)
    refused = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)
    _done = Signal()

    def __init__(
        self,
        terminal: Terminal,
        *,
        on_recorded: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._terminal = terminal
        self._on_recorded = on_recorded
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="counter")
        self._pending = 0
        self._closed = False
        self._done.connect(self._count_down)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def scan(self, scan: Scan) -> None:
        """Identify the card a scan names."""
        self._submit(lambda: self._identify(scan))

    def stamp(self, card_instance_id: str, count: int, source: str = "kiosk") -> None:
        """Record ``count`` stamps for a card; ``recorded`` follows only after COMMIT."""
        self._submit(lambda: self._stamp(card_instance_id, count, source))

    def close(self) -> None:
        """Refuse new work, let the running work finish, end the thread (quit-then-wait)."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, job: Callable[[], None]) -> None:
        if self._closed:
            return
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        future = self._pool.submit(job)
        future.add_done_callback(self._finished)

    def _finished(self, future: Future[None]) -> None:
        if not future.cancelled() and future.exception() is not None:
            log.error("counter work failed", exc_info=future.exception())
            self.failed.emit(FAILED_MESSAGE)
        self._done.emit()

    def _identify(self, scan: Scan) -> None:
        outcome = self._terminal.identify(scan)
        if isinstance(outcome, Refusal):
            self.refused.emit(outcome)
        else:
            self.identified.emit(outcome)

    def _stamp(self, card_instance_id: str, count: int, source: str) -> None:
        recorded: Recorded = self._terminal.stamp(card_instance_id, count, source)
        if recorded.refused:
            self.refused.emit(recorded.verdict)
            return
        if self._on_recorded is not None:
            self._on_recorded()
        self.recorded.emit(recorded)

    def _count_down(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
