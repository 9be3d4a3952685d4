"""The Events screen's parts: one row per event, and the question asked before a decline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import EventState, OutboxEvent
from app.ui.events_overview import event_detail, event_line, event_title

DECLINE_PRESETS = ("Over the shop's limit", "Scanned by mistake")


def label(text: str, name: str) -> QLabel:
    """A word-wrapped label named for the style sheet."""
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setWordWrap(True)
    return widget


def restyle(widget: QWidget, name: str, value: str) -> None:
    """Set a style property and apply the style sheet's rules for it again."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class EventRow(QFrame):
    """One event: its line, the reason under it, and Release / Decline when it is held."""

    def __init__(self, event: OutboxEvent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventRow")
        self.outbox_event = event
        self.line = label(event_line(event), "eventLine")
        self.detail = label(event_detail(event), "eventDetail")
        self.detail.setVisible(bool(self.detail.text()))
        self.release_button: QPushButton | None = None
        self.decline_button: QPushButton | None = None
        texts = QVBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.addWidget(self.line)
        texts.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(texts, 1)
        if event.state is EventState.REVIEW:
            self.release_button = QPushButton("Release")
            self.release_button.setObjectName("releaseButton")
            self.decline_button = QPushButton("Decline")
            self.decline_button.setObjectName("declineButton")
            layout.addWidget(self.release_button)
            layout.addWidget(self.decline_button)
        restyle(self, "state", event.state.value)

    @property
    def event_id(self) -> str:
        return self.outbox_event.event_id


class DeclinePanel(QWidget):
    """Asks why a held event is declined; the reason is kept with the event."""

    confirmed = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("declinePanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._event_id = ""
        self.question = label("", "declineQuestion")
        self.reason = QLineEdit()
        self.reason.setObjectName("declineReason")
        self.reason.setPlaceholderText("Why is it declined?")
        self.reason.setMaxLength(200)
        self.confirm_button = QPushButton("Decline it")
        self.confirm_button.setObjectName("declineConfirm")
        self.cancel_button = QPushButton("Keep it held")
        self.cancel_button.setObjectName("cancelButton")
        self.reason.textChanged.connect(self._enable)
        self.reason.returnPressed.connect(self._confirm)
        self.confirm_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        line = QHBoxLayout()
        line.addWidget(self.reason, 1)
        for text in DECLINE_PRESETS:
            preset = QPushButton(text)
            preset.setObjectName("declinePreset")
            preset.clicked.connect(lambda _=False, t=text: self.reason.setText(t))
            line.addWidget(preset)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(line)
        layout.addLayout(actions)
        self._enable()

    @property
    def event_id(self) -> str:
        return self._event_id

    def ask(self, event: OutboxEvent) -> None:
        self._event_id = event.event_id
        self.question.setText(f"Decline {event_title(event)}? Say why — the reason is kept.")
        self.reason.clear()
        self.show()
        self.reason.setFocus()

    def _enable(self) -> None:
        self.confirm_button.setEnabled(bool(self.reason.text().strip()))

    def _confirm(self) -> None:
        reason = self.reason.text().strip()
        if reason and self._event_id:
            self.confirmed.emit(self._event_id, reason)
