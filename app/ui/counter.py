"""Runs the terminal's blocking work (SQLite, network lookups) off the GUI thread.

The controller owns one worker thread. :meth:`CounterController.scan` and
:meth:`CounterController.stamp` return at once; the outcome arrives later as a signal on the GUI
thread: ``details(CardDetails)`` then ``identified(Identified)``; ``recorded(Recorded)`` after
COMMIT, preceded by ``earned(EarnedReward)`` when a purchase reaches the card's threshold;
``refused(Refusal | Verdict)`` when nothing was counted, ``failed()`` for an unexpected error (the
window says what happened, in the display language, where it shows it).
:meth:`CounterController.correct` answers ``corrected(Recorded)`` after COMMIT, or ``refused``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from app.domain.scan import Scan
from app.policy.corrections import Correction
from app.policy.payload import Refusal
from app.terminal import Recorded, Terminal
from app.ui.card_details import earned_reward, load_details, reaches_threshold

log = logging.getLogger(__name__)


class CounterController(QObject):
    """The counter's actions, each run on the worker thread and answered by a signal."""

    details = Signal(object)
    identified = Signal(object)
    earned = Signal(object)
    recorded = Signal(object)
    corrected = Signal(object)
    refused = Signal(object)
    failed = Signal()
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

    def redeem(self, card_instance_id: str, reward_instance_id: str, source: str = "kiosk") -> None:
        """Redeem one reward instance; ``recorded`` or ``refused`` with the policy's reason."""
        self._submit(lambda: self._redeem(card_instance_id, reward_instance_id, source))

    def correct(self, correction: Correction, source: str = "kiosk") -> None:
        """Record a manager's correction; ``corrected`` or ``refused`` with the reason."""
        self._submit(lambda: self._correct(correction, source))

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
            self.failed.emit()
        self._done.emit()

    def _identify(self, scan: Scan) -> None:
        outcome = self._terminal.identify(scan)
        if isinstance(outcome, Refusal):
            self.refused.emit(outcome)
            return
        card_id = outcome.card_instance_id
        self.details.emit(self._terminal.writer.call(lambda o: load_details(o, card_id)))
        self.identified.emit(outcome)

    def _stamp(self, card_instance_id: str, count: int, source: str) -> None:
        recorded: Recorded = self._terminal.stamp(card_instance_id, count, source)
        if recorded.refused:
            self.refused.emit(recorded.verdict)
            return
        card = recorded.card
        earned = recorded.verdict.action == "record" and reaches_threshold(
            card, len(recorded.events)
        )
        if card is not None and earned:
            self.earned.emit(self._terminal.writer.call(lambda o: earned_reward(o, card)))
        self._done_recording(recorded)

    def _redeem(self, card_instance_id: str, reward_instance_id: str, source: str) -> None:
        recorded = self._terminal.redeem(card_instance_id, reward_instance_id, source)
        if recorded.refused:
            self.refused.emit(recorded.verdict)
            return
        self._done_recording(recorded)

    def _correct(self, correction: Correction, source: str) -> None:
        recorded = self._terminal.correct(correction, source)
        if recorded.refused:
            self.refused.emit(recorded.verdict)
            return
        if self._on_recorded is not None:
            self._on_recorded()
        self.corrected.emit(recorded)

    def _done_recording(self, recorded: Recorded) -> None:
        if self._on_recorded is not None:
            self._on_recorded()
        self.recorded.emit(recorded)

    def _count_down(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
