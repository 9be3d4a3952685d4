"""The always visible sync badge: online, offline with N pending, or needs attention."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.events import EventState
from app.sync.worker import SyncState, SyncStatus


def badge_text(status: SyncStatus) -> tuple[str, str]:
    """The badge's short text and its tone (``ok``, ``warn`` or ``bad``) for a status."""
    text, tone, _ = badge_parts(status)
    return text, tone


def badge_parts(status: SyncStatus) -> tuple[str, str, str]:
    """Short text (it shares the top bar with the buttons at 1024 px), tone, and the whole
    sentence (the badge's tooltip and accessible description)."""
    pending = status.queue.get(EventState.PENDING.value, 0)
    held = sum(status.queue.get(s.value, 0) for s in (EventState.REJECTED, EventState.REVIEW))
    waiting = f"{pending} scan(s) waiting to be sent"
    if status.state is SyncState.CREDENTIALS:
        return (
            "Needs attention: credentials",
            "bad",
            "The server refuses this terminal's credentials: nothing is sent until a manager "
            f"corrects them in Settings. {waiting}.",
        )
    if held:
        return (
            f"Needs attention: {held} to review",
            "bad",
            f"{held} event(s) were refused or held for review: see Events. {waiting}.",
        )
    if status.state is SyncState.ONLINE:
        text = "Online" if pending == 0 else f"Online · sending {pending}"
        return text, "ok", f"Connected to the server. {waiting}."
    if status.state is SyncState.NOT_CONFIGURED:
        return (
            f"No server · {pending} pending",
            "warn",
            f"No server is set up: scans are kept on this terminal. {waiting}.",
        )
    return (
        f"Offline · {pending} pending",
        "warn",
        f"The server cannot be reached: scans are kept and sent when it is back. {waiting}.",
    )


class SyncBadge(QLabel):
    """A label that shows the latest :class:`SyncStatus`; its ``tone`` property drives the style."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBadge")
        self.show_status(SyncStatus(SyncState.NOT_CONFIGURED))

    def show_status(self, status: SyncStatus) -> None:
        text, tone, sentence = badge_parts(status)
        self.setText(text)
        self.setToolTip(sentence)
        self.setAccessibleDescription(sentence)
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
