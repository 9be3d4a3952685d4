"""Enrol a new customer at the counter: a member and a card, issued by the server.

The form takes an optional name, phone number and e-mail address (an on-screen keyboard beside
it; a physical keyboard works too). "Enrol" checks the entries, then, only while the terminal is
online, registers the member and issues the card on a worker thread (:class:`Enroller`); the new
card is stored locally so that it works at once. The result shows the card's QR code large, to
photograph or save; "Give stamps now" opens the card screen through the counter controller as a
scan of that code would, and "Write to NFC card" writes it onto a blank NFC card. Offline the
screen says that new customers can only be enrolled online and sends nothing.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import Config
from app.domain.scan import Scan, ScanKind
from app.sync.enrolment import new_member_number
from app.sync.factory import api_client
from app.ui.enrol_result import CardWriter, EnrolResultPanel, tag_writer_of
from app.ui.enrol_worker import Applicant, EnrolFailure, Enrolled, Enroller
from app.ui.find_customer import SearchMode, check_entry
from app.ui.i18n import Words, as_is
from app.ui.touch_keyboard import TouchKeyboard
from app.ui.widgets import restyle as _restyle

if TYPE_CHECKING:
    from app.ui.app import Kiosk
    from hardware.nfc.write_request import WriteResult

SOURCE = "enrol"
KEEP_SECONDS = 300.0
"""A result (or a card still to issue) left by a scan or the idle time-out comes back when the
cashier opens the screen again within this time; later the screen starts afresh."""
MAX_NAME, MAX_PHONE, MAX_EMAIL = 80, 32, 254
EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def hint_text() -> str:
    """What the form says before anything is tried."""
    return QCoreApplication.translate(
        "EnrolScreen", "Every field is optional. Press Enrol to issue the customer's stamp card."
    )


def bad_email_text() -> str:
    return QCoreApplication.translate(
        "EnrolScreen",
        "This is not an e-mail address — it needs a name, @ and a domain, such as "
        "name@example.com. Correct it or leave the field empty.",
    )


def failure_words(failure: EnrolFailure) -> Words:
    """The failure's message, rendered when it is shown."""
    return lambda: failure.message


def read_applicant(name: str, phone: str, email: str) -> Applicant | Words:
    """The entries as an applicant, or what is wrong with them (a message for the cashier)."""
    phone, email = phone.strip(), email.strip()
    if phone:
        problem = check_entry(SearchMode.PHONE, phone)  # 7 to 15 digits, as Find customer asks
        if problem is not None:
            return as_is(problem.message)
    if email and (len(email) > MAX_EMAIL or EMAIL.fullmatch(email) is None):
        return bad_email_text
    return Applicant(" ".join(name.split()), phone, email)


class EnrolScreen(QWidget):
    """The form, then the result; ``enrolled`` and ``refused`` are for the window's sounds."""

    enrolled = Signal(object)
    refused = Signal(str)
    give_stamps = Signal(object)
    done = Signal()
    activity = Signal()

    def __init__(
        self, enroller: Enroller, card_writer: CardWriter | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enrol")
        self._enroller = enroller
        self._ticket = 0
        self._attempt: tuple[Applicant, str] | None = None
        self._partial: tuple[Applicant, str] | None = None
        self._kept_since: float | None = None
        self._message: Words = hint_text
        self.heading = QLabel()
        self.heading.setObjectName("enrolHeading")
        self.name_entry = self._entry(MAX_NAME)
        self.phone_entry = self._entry(MAX_PHONE)
        self.email_entry = self._entry(MAX_EMAIL)
        self.labels = [QLabel() for _entry in self.entries]
        self.message = QLabel("")
        self.message.setObjectName("enrolMessage")
        self.message.setWordWrap(True)
        self.back_button = self._button("enrolBack")
        self.back_button.clicked.connect(self.done.emit)
        self.enrol_button = self._button("enrolSubmit")
        self.enrol_button.clicked.connect(self.submit)
        self.retry_button = self._button("enrolRetry")
        self.retry_button.clicked.connect(self.retry)
        self.keyboard = TouchKeyboard()
        self.keyboard.attach([self.name_entry, self.phone_entry, self.email_entry])
        self.keyboard.typed.connect(self.activity.emit)
        self.result = EnrolResultPanel(card_writer)
        self.result.give_stamps.connect(self.give_stamps.emit)
        self.result.done.connect(self.done.emit)
        self.result.activity.connect(self.activity.emit)
        self.form = QWidget()
        self.form.setObjectName("enrolForm")
        self.form.setLayout(self._form_layout())
        self.pages = QStackedWidget()
        self.pages.addWidget(self.form)
        self.pages.addWidget(self.result)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        # Queued: an enrolment that ends at once answers only after its ticket is known here.
        queued = Qt.ConnectionType.QueuedConnection
        enroller.enrolled.connect(self._on_enrolled, queued)
        enroller.failed.connect(self._on_failed, queued)
        self.start()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the form in the language shown, the message shown now included."""
        self.heading.setText(self.tr("New customer"))
        placeholders = (self.tr("Name"), self.tr("Phone number"), self.tr("E-mail"))
        for entry, placeholder in zip(self.entries, placeholders, strict=True):
            entry.setPlaceholderText(placeholder)
        titles = (self.tr("Name"), self.tr("Phone"), self.tr("E-mail"))
        for label, title in zip(self.labels, titles, strict=True):
            label.setText(title)
        self.back_button.setText(self.tr("Back"))
        self.enrol_button.setText(self.tr("Enrol"))
        self.retry_button.setText(self.tr("Try again"))
        self.message.setText(self._message())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _entry(self, limit: int) -> QLineEdit:
        entry = QLineEdit()
        entry.setObjectName("enrolEntry")
        entry.setMaxLength(limit)
        entry.textEdited.connect(lambda _text: self.activity.emit())
        entry.returnPressed.connect(self.submit)
        return entry

    @staticmethod
    def _button(name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _form_layout(self) -> QHBoxLayout:
        fields = QFormLayout()
        for label, entry in zip(self.labels, self.entries, strict=True):
            label.setObjectName("enrolLabel")
            fields.addRow(label, entry)
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addWidget(self.enrol_button, 2)
        actions.addWidget(self.retry_button, 2)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addLayout(fields)
        left.addWidget(self.message, 1)
        left.addLayout(actions)
        layout = QHBoxLayout()
        layout.addLayout(left, 1)
        layout.addWidget(self.keyboard)
        return layout

    @property
    def enroller(self) -> Enroller:
        return self._enroller

    @property
    def busy(self) -> bool:
        return self._ticket != 0

    @property
    def showing_result(self) -> bool:
        return self.pages.currentWidget() is self.result

    @property
    def entries(self) -> tuple[QLineEdit, ...]:
        return (self.name_entry, self.phone_entry, self.email_entry)

    def start(self) -> None:
        """A fresh form: nothing entered, nothing pending."""
        self.result.stop_writing()
        self._ticket = 0
        self._attempt = self._partial = None
        self._kept_since = None
        for entry in self.entries:
            entry.clear()
            entry.setReadOnly(False)
        self._say(hint_text, "info")
        self._show_buttons()
        self.pages.setCurrentWidget(self.form)

    def reopen(self) -> None:
        """Opened from the top bar: afresh, unless an enrolment is under way or its outcome
        (a result, or a card still to issue) is recent."""
        kept = self._kept_since is not None and time.monotonic() - self._kept_since < KEEP_SECONDS
        if not self.busy and not kept:
            self.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.showing_result:
            self.name_entry.setFocus()

    def submit(self) -> None:
        """Check the entries; online, register the member and issue the card."""
        if self.busy or self._partial is not None:
            return
        applicant = read_applicant(*(entry.text() for entry in self.entries))
        if not isinstance(applicant, Applicant):
            self._refuse(applicant, "warn")
            return
        refusal = self._enroller.refusal()
        if refusal is not None:
            self._refuse(failure_words(refusal), "bad")
            return
        if self._attempt is None or self._attempt[0] != applicant:
            self._attempt = (applicant, new_member_number())
        self._run(self._enroller.enrol(*self._attempt))

    def retry(self) -> None:
        """Issue the card of the member registered by the last attempt."""
        if self.busy or self._partial is None:
            return
        refusal = self._enroller.refusal()
        if refusal is not None:
            self._refuse(failure_words(refusal), "bad")
            return
        self._run(self._enroller.issue(*self._partial))

    def _run(self, ticket: int) -> None:
        self._ticket = ticket
        self._say(lambda: self.tr("Enrolling… the server is issuing the card."), "info")
        self._show_buttons()

    def _refuse(self, words: Words, tone: str) -> None:
        self._say(words, tone)
        self.refused.emit(self.message.text())

    def _say(self, words: Words, tone: str) -> None:
        """Show a message (rendered again when the language changes)."""
        self._message = words
        self.message.setText(words())
        _restyle(self.message, "tone", tone)

    def _show_buttons(self) -> None:
        partial = self._partial is not None
        self.enrol_button.setVisible(not partial)
        self.retry_button.setVisible(partial)
        self.enrol_button.setEnabled(not self.busy)
        self.retry_button.setEnabled(not self.busy)
        self.back_button.setEnabled(not self.busy)  # the answer must be seen
        for entry in self.entries:
            entry.setReadOnly(self.busy or partial)

    def _on_enrolled(self, ticket: int, enrolled: Enrolled) -> None:
        if ticket != self._ticket:
            return
        self.start()
        self.result.show_enrolled(enrolled)
        self.pages.setCurrentWidget(self.result)
        self._kept_since = time.monotonic()
        self.enrolled.emit(enrolled)

    def _on_failed(self, ticket: int, failure: EnrolFailure) -> None:
        if ticket != self._ticket:
            return
        self._ticket = 0
        if failure.member_number is not None and self._attempt is not None:
            self._partial = (self._attempt[0], failure.member_number)
            self._kept_since = time.monotonic()
        self._show_buttons()
        self._refuse(failure_words(failure), "bad")


def install_enrol(kiosk: Kiosk, config: Config) -> EnrolScreen:
    """Add the New customer screen and its top-bar button to the kiosk's window."""
    window = kiosk.window
    client = None if kiosk.http is None else api_client(kiosk.http, config)
    enroller = Enroller(
        client,
        kiosk.writer,
        sync_state=lambda: kiosk.sync.status.state,
        stamp_value=config.stamp_value,
        set_up=bool(config.app_id and config.app_secret),
        parent=window,
    )
    window.installEventFilter(enroller)
    tag_writer = tag_writer_of(kiosk.devices)
    card_writer = None if tag_writer is None else CardWriter(tag_writer, window)
    screen = EnrolScreen(enroller, card_writer)
    window.add_screen(screen)

    def open_screen() -> None:
        if window.current is not screen:
            screen.reopen()
        window.open_screen(screen)

    def keep_open() -> None:
        if window.current is screen:
            window.open_screen(screen)

    def give_stamps(enrolled: Enrolled) -> None:
        kiosk.controller.scan(Scan(ScanKind.QR, enrolled.card_code, source=SOURCE))

    def leave() -> None:
        screen.start()
        window.show_ready()

    def show_result(_enrolled: Enrolled) -> None:
        window.sounds.success()
        if window.current in (screen, window.ready):
            window.open_screen(screen)  # the idle time-out may have gone back to Ready meanwhile

    def card_written(result: WriteResult) -> None:
        if result.ok:
            window.sounds.success()
        elif result.reason != "cancelled":
            window.sounds.error()

    screen.enrolled.connect(show_result)
    screen.result.written.connect(card_written)
    screen.refused.connect(lambda _message: window.sounds.error())
    screen.give_stamps.connect(give_stamps)
    screen.done.connect(leave)
    screen.activity.connect(keep_open)
    window.add_nav_button(
        lambda: QCoreApplication.translate("EnrolScreen", "New customer"),
        "enrolNavButton",
        open_screen,
    )
    return screen
