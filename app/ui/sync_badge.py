"""The always visible sync badge: online, offline with N pending, or needs attention."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.events import EventState
from app.sync.worker import SyncState, SyncStatus


def badge_text(status: SyncStatus) -> tuple[str, str]:
    """The badge's sentence and its tone (``ok``, ``warn`` or ``bad``) for a status."""
    pending = status.queue.get(EventState.PENDING.value, 0)
    held = sum(status.queue.get(s.value, 0) for s in (EventState.REJECTED, EventState.REVIEW))
    if status.state is SyncState.CREDENTIALS:
        return "Needs attention: the server refuses this terminal's credentials", "bad"
    if held:
        return f"Needs attention: {held} event(s) to review · {pending} pending", "bad"
    if status.state is SyncState.ONLINE:
        text = "Online" if pending == 0 else f"Online · sending {pending}"
        return text, "ok"
    if status.state is SyncState.NOT_CONFIGURED:
        return f"Offline (no server set up) · {pending} pending", "warn"
    return f"Offline · {pending} pending", "warn"


class SyncBadge(QLabel):
    """A label that shows the latest :class:`SyncStatus`; its ``tone`` property drives the style."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBadge")
        self.show_status(SyncStatus(SyncState.NOT_CONFIGURED))

    def show_status(self, status: SyncStatus) -> None:
        text, tone = badge_text(status)
        self.setText(text)
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
