"""The Qt-side fallback for keyboard-wedge scanners that are not read through evdev."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from app.wedge_burst import BurstDetector


class KeyboardWedgeFilter(QObject):
    """An event filter that turns fast key bursts ending in Enter into ``scanned(text)``.

    Install it on a screen that has no text field (the ready screen): there every key belongs to
    the scanner, so the keys are consumed; a burst that was too slow is dropped.
    """

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bursts = BurstDetector()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        now = time.monotonic()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self._bursts.enter(now)
            if text is not None:
                self.scanned.emit(text)
            return True
        if event.text() and event.text().isprintable():
            self._bursts.key(event.text(), now)
            return True
        return False
