"""The kiosk's screens: Ready, Customer card, Success, Reward earned and Refused."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.policy.ledger import CardView
from app.terminal import Identified
from app.ui.card_details import CardDetails
from app.ui.preview import CameraPreview
from app.ui.reward_panels import CardExtras
from hardware.device import DeviceState, DeviceStatus

READY_TEXT = "Scan your QR code or tap your card"
GRID_COLUMNS = 5


def _label(text: str, name: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def _restyle(widget: QWidget, name: str, value: str) -> None:
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ReadyScreen(QWidget):
    """Waiting for a customer: the instruction and the state of every device."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ready")
        self.instruction = _label(READY_TEXT, "instruction")
        self.preview = CameraPreview()
        self._devices: dict[str, QLabel] = {}
        self._device_box = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.instruction)
        layout.addStretch(1)
        layout.addLayout(self._device_box)

    def show_device(self, state: DeviceState) -> None:
        label = self._devices.get(state.uri)
        if label is None:
            label = _label("", "deviceState", self)
            self._devices[state.uri] = label
            self._device_box.addWidget(label)
        text = f"{state.uri}: {state.status.value}"
        if state.message and state.status is not DeviceStatus.READY:
            text += f" — {state.message}"
        label.setText(text)
        _restyle(label, "tone", "ok" if state.status is DeviceStatus.READY else "warn")

    def device_text(self, uri: str) -> str:
        label = self._devices.get(uri)
        return "" if label is None else label.text()


def card_title(found: Identified) -> str:
    """The card's short name and, when known, the date it expires."""
    title = f"Card …{found.card_instance_id[-4:]}"
    expiration = None if found.card is None else found.card.expiration
    if expiration is None:
        return title
    return f"{title} · valid until {expiration.astimezone():%d %b %Y}"


class CardScreen(QWidget):
    """A customer's card: the stamp grid and the stamps for this purchase, then Confirm."""

    confirm = Signal(str, int)
    cancel = Signal()
    redeem = Signal(object)
    correct = Signal(str)

    def __init__(self, max_stamps: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._max = max(1, max_stamps)
        self._card_id = ""
        self._count = 1
        self.title = _label("", "cardTitle")
        self.stamps = _label("", "stampCount")
        self._grid = QGridLayout()
        self._grid.setSpacing(8)
        self.extras = CardExtras()
        self.extras.rewards.redeem.connect(self.redeem.emit)
        self.minus = QPushButton("\N{MINUS SIGN}")
        self.minus.setObjectName("stepButton")
        self.plus = QPushButton("+")
        self.plus.setObjectName("stepButton")
        self.count_label = _label("", "purchaseCount")
        self.confirm_button = QPushButton("Confirm")
        self.confirm_button.setObjectName("confirmButton")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelButton")
        self.correct_button = QPushButton("Correct…")
        self.correct_button.setObjectName("correctButton")
        self.correct_button.clicked.connect(lambda: self.correct.emit(self._card_id))
        self.minus.clicked.connect(lambda: self.set_count(self._count - 1))
        self.plus.clicked.connect(lambda: self.set_count(self._count + 1))
        self.confirm_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self.cancel.emit)
        stepper = QHBoxLayout()
        stepper.addWidget(self.minus)
        stepper.addWidget(self.count_label, 1)
        stepper.addWidget(self.plus)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.correct_button)
        actions.addWidget(self.confirm_button, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.stamps)
        layout.addLayout(self._grid)
        layout.addWidget(self.extras)
        layout.addStretch(1)
        layout.addLayout(stepper)
        layout.addLayout(actions)

    @property
    def card_id(self) -> str:
        return self._card_id

    @property
    def count(self) -> int:
        return self._count

    def show_card(self, found: Identified) -> None:
        self._card_id = found.card_instance_id
        self.title.setText(card_title(found))
        self._show_stamps(found.card)
        self.set_count(1)
        self.set_busy(False)

    def show_details(self, details: CardDetails) -> None:
        """The card's rewards and last visits, read alongside the scan."""
        self.extras.show_details(details)

    def filled_stamps(self) -> int:
        """How many stamps the grid shows filled in."""
        dots = (self._grid.itemAt(i) for i in range(self._grid.count()))
        widgets = (item.widget() for item in dots if item is not None)
        return sum(1 for w in widgets if w is not None and w.property("filled") == "yes")

    def set_max_stamps(self, max_stamps: int) -> None:
        """A new per-visit limit (the settings changed): the stepper follows at once."""
        self._max = max(1, max_stamps)
        self.set_count(self._count)

    def set_count(self, count: int) -> None:
        self._count = min(max(1, count), self._max)
        noun = "stamp" if self._count == 1 else "stamps"
        self.count_label.setText(f"{self._count} {noun} for this purchase")
        self.minus.setEnabled(self._count > 1)
        self.plus.setEnabled(self._count < self._max)

    def set_busy(self, busy: bool) -> None:
        """While the stamps are being saved, nothing can be pressed twice."""
        self.confirm_button.setEnabled(not busy)
        self.confirm_button.setText("Saving…" if busy else "Confirm")
        self.cancel_button.setEnabled(not busy)
        self.correct_button.setEnabled(not busy)

    def _confirm(self) -> None:
        self.set_busy(True)
        self.confirm.emit(self._card_id, self._count)

    def _show_stamps(self, card: CardView | None) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if card is None:
            self.stamps.setText("New on this terminal — its stamps show after the next sync")
            return
        if card.total_stamps is None:
            self.stamps.setText(f"{card.stamps} stamps")
            return
        self.stamps.setText(f"{card.stamps} of {card.total_stamps} stamps")
        for index in range(card.total_stamps):
            filled = index < card.stamps
            dot = _label("●" if filled else "○", "stampDot")
            _restyle(dot, "filled", "yes" if filled else "no")
            self._grid.addWidget(dot, index // GRID_COLUMNS, index % GRID_COLUMNS)


class OutcomeScreen(QWidget):
    """A large icon and sentence: success (``ok``), held for review (``warn``) or refused."""

    def __init__(self, name: str, icon: str, tone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.icon = _label(icon, "outcomeIcon")
        self.headline = _label("", "outcomeHeadline")
        self.detail = _label("", "outcomeDetail")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.icon)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.set_tone(tone)

    def set_tone(self, tone: str) -> None:
        for widget in (self, self.icon, self.headline):
            _restyle(widget, "tone", tone)

    def show_outcome(self, headline: str, detail: str = "") -> None:
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))


def success_screen() -> OutcomeScreen:
    return OutcomeScreen("success", "✓", "ok")


def refused_screen() -> OutcomeScreen:
    return OutcomeScreen("refused", "✕", "bad")


def celebration_screen() -> OutcomeScreen:
    return OutcomeScreen("celebration", "★", "ok")
