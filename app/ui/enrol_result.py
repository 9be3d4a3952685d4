"""What the cashier sees after an enrolment: the new card's QR code, large, and what to do next.

The customer photographs or saves the code (it is their stamp card); "Give stamps now" opens the
card screen for it; "Write to NFC card", shown when an NFC reader is attached, writes the card's
URL onto a blank NFC card through the reader's own thread (:class:`CardWriter`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.enrol_worker import Enrolled
from app.ui.i18n import Words, as_is
from app.ui.qr_pixmap import qr_pixmap
from app.ui.widgets import label as _label
from app.ui.widgets import restyle as _restyle

if TYPE_CHECKING:
    from hardware.nfc.write_request import WriteRequest, WriteResult

QR_MAX_PX = 420
WRITE_TIMEOUT_S = 30.0


def write_label() -> str:
    """The write button while no card is awaited."""
    return QCoreApplication.translate("EnrolResultPanel", "Write to NFC card")


def stop_label() -> str:
    """The write button while a card is awaited."""
    return QCoreApplication.translate("EnrolResultPanel", "Stop waiting")


def hold_card_text() -> str:
    return QCoreApplication.translate(
        "EnrolResultPanel",
        "Hold a blank NFC card on the reader and keep it there until this says it is written "
        "(up to {seconds} s).",
    ).format(seconds=f"{WRITE_TIMEOUT_S:g}")


def written_text() -> str:
    return QCoreApplication.translate(
        "EnrolResultPanel",
        "The NFC card is written and checked: it now opens this customer's stamp card. Give it "
        "to the customer.",
    )


class TagWriter(Protocol):
    """An NFC reader that can write a URL onto the next tag (``NfcReader.write_next``)."""

    def write_next(
        self,
        url: str,
        on_done: Callable[[WriteResult], None],
        *,
        timeout: float = ...,
        overwrite: bool = ...,
    ) -> WriteRequest: ...


def tag_writer_of(devices: Iterable[object]) -> TagWriter | None:
    """The first of ``devices`` that can write tags (an NFC reader), if any."""
    for device in devices:
        if callable(getattr(device, "write_next", None)):
            return cast("TagWriter", device)
    return None


class CardWriter(QObject):
    """Asks the reader to write a URL onto the next tag; ``done(WriteResult)`` on the GUI thread."""

    done = Signal(object)

    def __init__(self, writer: TagWriter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = writer
        self._request: WriteRequest | None = None

    @property
    def waiting(self) -> bool:
        return self._request is not None and self._request.pending

    def write(self, url: str) -> None:
        """Write ``url`` onto the next card presented (the reader's thread does it)."""
        self._request = self._writer.write_next(url, self.done.emit, timeout=WRITE_TIMEOUT_S)

    def cancel(self) -> None:
        """Stop waiting for a card; a write under way finishes and reports."""
        if self._request is not None:
            self._request.cancel()


class EnrolResultPanel(QWidget):
    """The QR code of the new card with the member number and the next steps."""

    give_stamps = Signal(object)
    done = Signal()
    activity = Signal()
    written = Signal(object)  # a write request for the card shown ended (WriteResult)

    def __init__(self, card_writer: CardWriter | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrolResult")
        self._card_writer = card_writer
        self._enrolled: Enrolled | None = None
        self._status: Words = as_is("")
        self._waiting = False
        self.qr = QLabel()
        self.qr.setObjectName("enrolQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = _label("", "enrolWelcome")
        self.member = _label("", "enrolMember")
        self.member.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card_name = _label("", "enrolCardName")
        self.hint = _label("", "enrolHint")
        self.nfc_status = _label("", "enrolNfcStatus")
        self.stamps_button = self._button("enrolGiveStamps")
        self.stamps_button.clicked.connect(self._give_stamps)
        self.write_button = self._button("enrolWriteNfc")
        self.write_button.clicked.connect(self._write_or_stop)
        self.write_button.setVisible(card_writer is not None)
        self.done_button = self._button("enrolDone")
        self.done_button.clicked.connect(self._done)
        if card_writer is not None:
            card_writer.done.connect(self._written)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.member)
        right.addWidget(self.card_name)
        right.addWidget(self.hint)
        right.addStretch(1)
        right.addWidget(self.nfc_status)
        right.addWidget(self.stamps_button)
        right.addWidget(self.write_button)
        right.addWidget(self.done_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.qr)
        layout.addLayout(right, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the result in the language shown, from the card shown now."""
        self.hint.setText(
            self.tr(
                "Let the customer photograph this code or save it: it is their stamp card. They "
                "show it at every visit to collect stamps."
            )
        )
        self.stamps_button.setText(self.tr("Give stamps now"))
        self.write_button.setText(stop_label() if self._waiting else write_label())
        self.done_button.setText(self.tr("Done"))
        self.nfc_status.setText(self._status())
        enrolled = self._enrolled
        if enrolled is None:
            return
        name = enrolled.applicant.name
        if name:
            self.heading.setText(self.tr("Welcome, {name}!").format(name=name))
        else:
            self.heading.setText(self.tr("Welcome!"))
        self.member.setText(
            self.tr("Member number {number}").format(number=enrolled.enrolment.member_number)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _button(name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    @property
    def enrolled(self) -> Enrolled | None:
        return self._enrolled

    def show_enrolled(self, enrolled: Enrolled) -> None:
        """Show the new card's code, crisp and as large as fits, and the member number."""
        self.stop_writing()
        self._enrolled = enrolled
        self.qr.setPixmap(qr_pixmap(enrolled.card_code, QR_MAX_PX))
        self.card_name.setText(enrolled.stamp_card_name)
        self.card_name.setVisible(bool(enrolled.stamp_card_name))
        self._say(as_is(""), "info")
        self._set_waiting(False)
        self.retranslate()

    def stop_writing(self) -> None:
        """Stop waiting for an NFC card (leaving the result, a new enrolment)."""
        if self._card_writer is not None and self._card_writer.waiting:
            self._card_writer.cancel()

    def _say(self, words: Words, tone: str) -> None:
        """Show how the NFC card stands (rendered again when the language changes)."""
        self._status = words
        text = words()
        self.nfc_status.setText(text)
        self.nfc_status.setVisible(bool(text))
        _restyle(self.nfc_status, "tone", tone)

    def _set_waiting(self, waiting: bool) -> None:
        self._waiting = waiting
        self.write_button.setText(stop_label() if waiting else write_label())

    def _give_stamps(self) -> None:
        if self._enrolled is not None:
            self.stop_writing()
            self.give_stamps.emit(self._enrolled)

    def _done(self) -> None:
        self.stop_writing()
        self.done.emit()

    def _write_or_stop(self) -> None:
        writer, enrolled = self._card_writer, self._enrolled
        if writer is None or enrolled is None:
            return
        self.activity.emit()
        if writer.waiting:
            writer.cancel()
            return
        self._say(hold_card_text, "info")
        self._set_waiting(True)
        writer.write(enrolled.card_code)

    def _written(self, result: WriteResult) -> None:
        if self._enrolled is None or result.url != self._enrolled.card_code:
            return  # a write for an earlier customer
        self._set_waiting(False)
        self.activity.emit()
        if result.ok:
            self._say(written_text, "ok")
        elif result.reason == "cancelled":
            self._say(as_is(""), "info")
        else:
            self._say(as_is(result.message), "bad")
        self.written.emit(result)
