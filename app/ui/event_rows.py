"""The Events screen's parts: one row per event, and the question asked before a decline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import EventState, OutboxEvent
from app.ui.events_overview import event_detail, event_line, event_title
from app.ui.widgets import label, restyle


class EventRow(QFrame):
    """One event: its line, the reason under it, and Release / Decline when it is held."""

    def __init__(self, event: OutboxEvent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventRow")
        self.outbox_event = event
        self.line = label("", "eventLine")
        self.detail = label("", "eventDetail")
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
            self.release_button = QPushButton()
            self.release_button.setObjectName("releaseButton")
            self.decline_button = QPushButton()
            self.decline_button.setObjectName("declineButton")
            layout.addWidget(self.release_button)
            layout.addWidget(self.decline_button)
        restyle(self, "state", event.state.value)
        self.retranslate()

    @property
    def event_id(self) -> str:
        return self.outbox_event.event_id

    def retranslate(self) -> None:
        """The event's line and reason, and the buttons, in the language shown."""
        self.line.setText(event_line(self.outbox_event))
        self.detail.setText(event_detail(self.outbox_event))
        self.detail.setVisible(bool(self.detail.text()))
        if self.release_button is not None:
            self.release_button.setText(self.tr("Release"))
        if self.decline_button is not None:
            self.decline_button.setText(self.tr("Decline"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DeclinePanel(QWidget):
    """Asks why a held event is declined; the reason is kept with the event."""

    confirmed = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("declinePanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._event: OutboxEvent | None = None
        self.question = label("", "declineQuestion")
        self.reason = QLineEdit()
        self.reason.setObjectName("declineReason")
        self.reason.setMaxLength(200)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("declineConfirm")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelButton")
        self.reason.textChanged.connect(self._enable)
        self.reason.returnPressed.connect(self._confirm)
        self.confirm_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        line = QHBoxLayout()
        line.addWidget(self.reason, 1)
        self.presets = [QPushButton(), QPushButton()]
        for preset in self.presets:
            preset.setObjectName("declinePreset")
            preset.clicked.connect(lambda _=False, p=preset: self.reason.setText(p.text()))
            line.addWidget(preset)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(line)
        layout.addLayout(actions)
        self._enable()
        self.retranslate()

    @property
    def event_id(self) -> str:
        return "" if self._event is None else self._event.event_id

    def retranslate(self) -> None:
        """The question for the event asked about, the presets and the buttons."""
        self.reason.setPlaceholderText(self.tr("Why is it declined?"))
        self.presets[0].setText(self.tr("Over the shop's limit"))
        self.presets[1].setText(self.tr("Scanned by mistake"))
        self.confirm_button.setText(self.tr("Decline it"))
        self.cancel_button.setText(self.tr("Keep it held"))
        if self._event is not None:
            self.question.setText(
                self.tr("Decline {event}? Say why — the reason is kept.").format(
                    event=event_title(self._event)
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(self, event: OutboxEvent) -> None:
        self._event = event
        self.retranslate()
        self.reason.clear()
        self.show()
        self.reason.setFocus()

    def _enable(self) -> None:
        self.confirm_button.setEnabled(bool(self.reason.text().strip()))

    def _confirm(self) -> None:
        reason = self.reason.text().strip()
        if reason and self._event is not None:
            self.confirmed.emit(self._event.event_id, reason)
