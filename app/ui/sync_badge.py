"""The always visible sync badge: online, offline with N pending, or needs attention."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.events import EventState
from app.sync.worker import SyncState, SyncStatus


def badge_text(status: SyncStatus) -> tuple[str, str]:
    """The badge's short text and its tone (``ok``, ``warn`` or ``bad``) for a status."""
    text, tone, _ = badge_parts(status)
    return text, tone


def badge_parts(status: SyncStatus) -> tuple[str, str, str]:
    """Short text (it shares the top bar with the buttons at 1024 px), tone, and the whole
    sentence (the badge's tooltip and accessible description), in the current language."""
    pending = status.queue.get(EventState.PENDING.value, 0)
    held = sum(status.queue.get(s.value, 0) for s in (EventState.REJECTED, EventState.REVIEW))
    waiting = QCoreApplication.translate("SyncBadge", "{count} scan(s) waiting to be sent.")
    waiting = waiting.format(count=pending)
    if status.state is SyncState.CREDENTIALS:
        return (
            QCoreApplication.translate("SyncBadge", "Needs attention: credentials"),
            "bad",
            QCoreApplication.translate(
                "SyncBadge",
                "The server refuses this terminal's credentials: nothing is sent until a "
                "manager corrects them in Settings.",
            )
            + " "
            + waiting,
        )
    if held:
        return (
            QCoreApplication.translate("SyncBadge", "Needs attention: {count} to review").format(
                count=held
            ),
            "bad",
            QCoreApplication.translate(
                "SyncBadge", "{count} event(s) were refused or held for review: see Events."
            ).format(count=held)
            + " "
            + waiting,
        )
    if status.state is SyncState.ONLINE:
        text = (
            QCoreApplication.translate("SyncBadge", "Online")
            if pending == 0
            else QCoreApplication.translate("SyncBadge", "Online · sending {count}").format(
                count=pending
            )
        )
        return (
            text,
            "ok",
            QCoreApplication.translate("SyncBadge", "Connected to the server.") + " " + waiting,
        )
    if status.state is SyncState.NOT_CONFIGURED:
        return (
            QCoreApplication.translate("SyncBadge", "No server · {count} pending").format(
                count=pending
            ),
            "warn",
            QCoreApplication.translate(
                "SyncBadge", "No server is set up: scans are kept on this terminal."
            )
            + " "
            + waiting,
        )
    return (
        QCoreApplication.translate("SyncBadge", "Offline · {count} pending").format(count=pending),
        "warn",
        QCoreApplication.translate(
            "SyncBadge", "The server cannot be reached: scans are kept and sent when it is back."
        )
        + " "
        + waiting,
    )


class SyncBadge(QLabel):
    """A label that shows the latest :class:`SyncStatus`; its ``tone`` property drives the style.

    It keeps that status, so a change of language shows it again in the new language.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBadge")
        self._status = SyncStatus(SyncState.NOT_CONFIGURED)
        self.show_status(self._status)

    @property
    def status(self) -> SyncStatus:
        """The status shown."""
        return self._status

    def show_status(self, status: SyncStatus) -> None:
        self._status = status
        self.retranslate()

    def retranslate(self) -> None:
        text, tone, sentence = badge_parts(self._status)
        self.setText(text)
        self.setToolTip(sentence)
        self.setAccessibleDescription(sentence)
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
