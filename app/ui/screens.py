"""The kiosk's screens: Ready, Customer card, Success, Reward earned and Refused.

Each screen keeps what it shows (a device's state, the card, the outcome) rather than the
sentence it made of it, so a change of language shows the same thing again in the new language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Signal
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
from app.ui.widgets import centred_label as _label
from app.ui.widgets import restyle as _restyle
from hardware.device import DeviceState, DeviceStatus

GRID_COLUMNS = 5

OutcomeText = Callable[[], tuple[str, str]]
"""Makes an outcome's headline and detail in the current language."""


def ready_text() -> str:
    """The Ready screen's instruction to the customer."""
    return QCoreApplication.translate("ReadyScreen", "Scan your QR code or tap your card")


def device_status_text(status: DeviceStatus) -> str:
    """A device's state in a word or two."""
    if status is DeviceStatus.READY:
        return QCoreApplication.translate("ReadyScreen", "ready")
    if status is DeviceStatus.MISSING:
        return QCoreApplication.translate("ReadyScreen", "missing")
    if status is DeviceStatus.ERROR:
        return QCoreApplication.translate("ReadyScreen", "error")
    return QCoreApplication.translate("ReadyScreen", "stopped")


def device_text(state: DeviceState) -> str:
    """One line of the Ready screen: the device, its state and, unless ready, what to do."""
    text = QCoreApplication.translate("ReadyScreen", "{device}: {status}").format(
        device=state.uri, status=device_status_text(state.status)
    )
    if state.message and state.status is not DeviceStatus.READY:
        text += f" — {state.message}"
    return text


class ReadyScreen(QWidget):
    """Waiting for a customer: the instruction and the state of every device."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ready")
        self.instruction = _label("", "instruction")
        self.preview = CameraPreview()
        self._devices: dict[str, QLabel] = {}
        self._states: dict[str, DeviceState] = {}
        self._device_box = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.instruction)
        layout.addStretch(1)
        layout.addLayout(self._device_box)
        self.retranslate()

    def retranslate(self) -> None:
        self.instruction.setText(ready_text())
        for uri, state in self._states.items():
            self._devices[uri].setText(device_text(state))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_device(self, state: DeviceState) -> None:
        label = self._devices.get(state.uri)
        if label is None:
            label = _label("", "deviceState", self)
            self._devices[state.uri] = label
            self._device_box.addWidget(label)
        self._states[state.uri] = state
        label.setText(device_text(state))
        _restyle(label, "tone", "ok" if state.status is DeviceStatus.READY else "warn")

    def device_text(self, uri: str) -> str:
        label = self._devices.get(uri)
        return "" if label is None else label.text()


def card_title(found: Identified) -> str:
    """The card's short name and, when known, the date it expires."""
    title = short_card_name(found.card_instance_id)
    expiration = None if found.card is None else found.card.expiration
    if expiration is None:
        return title
    return QCoreApplication.translate("CardScreen", "{card} · valid until {date}").format(
        card=title, date=f"{expiration.astimezone():%d %b %Y}"
    )


def short_card_name(card_instance_id: str) -> str:
    """A card named by the last four characters of its id."""
    return QCoreApplication.translate("CardScreen", "Card …{end}").format(end=card_instance_id[-4:])


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
        self._found: Identified | None = None
        self._busy = False
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
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmButton")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelButton")
        self.correct_button = QPushButton()
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
        self.retranslate()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.correct_button.setText(self.tr("Correct…"))
        self.confirm_button.setText(self.tr("Saving…") if self._busy else self.tr("Confirm"))
        self.count_label.setText(self._count_text())
        if self._found is not None:
            self.title.setText(card_title(self._found))
            self.stamps.setText(self._stamps_text(self._found.card))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def card_id(self) -> str:
        return self._card_id

    @property
    def count(self) -> int:
        return self._count

    def show_card(self, found: Identified) -> None:
        self._card_id = found.card_instance_id
        self._found = found
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
        self.count_label.setText(self._count_text())
        self.minus.setEnabled(self._count > 1)
        self.plus.setEnabled(self._count < self._max)

    def _count_text(self) -> str:
        if self._count == 1:
            return self.tr("1 stamp for this purchase")
        return self.tr("{count} stamps for this purchase").format(count=self._count)

    def set_busy(self, busy: bool) -> None:
        """While the stamps are being saved, nothing can be pressed twice."""
        self._busy = busy
        self.confirm_button.setEnabled(not busy)
        self.confirm_button.setText(self.tr("Saving…") if busy else self.tr("Confirm"))
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
        self.stamps.setText(self._stamps_text(card))
        if card is None or card.total_stamps is None:
            return
        for index in range(card.total_stamps):
            filled = index < card.stamps
            dot = _label("●" if filled else "○", "stampDot")
            _restyle(dot, "filled", "yes" if filled else "no")
            self._grid.addWidget(dot, index // GRID_COLUMNS, index % GRID_COLUMNS)

    def _stamps_text(self, card: CardView | None) -> str:
        if card is None:
            return self.tr("New on this terminal — its stamps show after the next sync")
        if card.total_stamps is None:
            return self.tr("{stamps} stamps").format(stamps=card.stamps)
        return self.tr("{stamps} of {total} stamps").format(
            stamps=card.stamps, total=card.total_stamps
        )


class OutcomeScreen(QWidget):
    """A large icon and sentence: success (``ok``), held for review (``warn``) or refused.

    The screen keeps how its texts are made (:meth:`show_rendered`), so a change of language
    shows the same outcome in the new language.
    """

    def __init__(self, name: str, icon: str, tone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.icon = _label(icon, "outcomeIcon")
        self.headline = _label("", "outcomeHeadline")
        self.detail = _label("", "outcomeDetail")
        self._render: OutcomeText = lambda: ("", "")
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
        """Texts made already (they stay as they are when the language changes)."""
        self.show_rendered(lambda: (headline, detail))

    def show_rendered(self, render: OutcomeText) -> None:
        """The headline and detail ``render`` makes, now and after each change of language."""
        self._render = render
        self.retranslate()

    def retranslate(self) -> None:
        headline, detail = self._render()
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def success_screen() -> OutcomeScreen:
    return OutcomeScreen("success", "✓", "ok")


def refused_screen() -> OutcomeScreen:
    return OutcomeScreen("refused", "✕", "bad")


def celebration_screen() -> OutcomeScreen:
    return OutcomeScreen("celebration", "★", "ok")
