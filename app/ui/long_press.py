"""A long press on any widget: held down for a while, it fires a callback (hidden controls)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

HOLD_MS = 3000


class LongPress(QObject):
    """Calls ``on_hold`` when ``widget`` is pressed and held for ``hold_ms`` milliseconds."""

    def __init__(
        self, widget: QWidget, on_hold: Callable[[], None], hold_ms: int = HOLD_MS
    ) -> None:
        super().__init__(widget)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(on_hold)
        widget.installEventFilter(self)

    @property
    def holding(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._timer.start()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.Leave):
            self._timer.stop()
        return False
