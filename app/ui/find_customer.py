"""Find a customer who came without their card: by phone number or by the typed card code.

The screen has a large keypad (a physical keyboard works too) and a Phone / Card code toggle.
An entry is checked before anything is looked up; the search runs on a worker thread of its own:
a phone number through :meth:`Terminal.find_by_phone` (the cards known here, then the server
when online), a card code through :meth:`Terminal.identify` as a typed (``STAMP``) scan, so the
signature policy applies as it does to a scanned code. A card found goes out through the
counter controller's ``details`` and ``identified`` signals: the card screen opens exactly as
after a scan, and stamping and redeeming work unchanged.

The message under the entry is kept as what it says (a hint, a refusal, a failure), so a change of
language shows it again in the new language; refusals from the terminal's policy stay as worded
there.
"""

from __future__ import annotations

import enum
import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.scan import Scan, ScanKind
from app.policy.payload import Refusal, parse_scan, refusal
from app.terminal import Identified, Terminal
from app.ui.card_details import CardDetails, load_details
from app.ui.widgets import restyle as _restyle

if TYPE_CHECKING:
    from app.ui.app import Kiosk

log = logging.getLogger(__name__)

SOURCE = "find-customer"
MAX_ENTRY = 300
BACKSPACE = "\N{ERASE TO THE LEFT}"
DIGIT_ROWS = ("123", "456", "789", "+0" + BACKSPACE)
CODE_ROWS = ("AB", "CD", "EF", "-")
FAILED_CODE = "search_failed"


class SearchMode(enum.StrEnum):
    """What the cashier types: a phone number or a card code."""

    PHONE = "phone"
    CODE = "code"


def hint(mode: SearchMode) -> str:
    """What to type in ``mode``."""
    if mode is SearchMode.PHONE:
        return QCoreApplication.translate(
            "FindCustomer", "Type the customer's phone number, then press Search."
        )
    return QCoreApplication.translate(
        "FindCustomer", "Type the card code from the customer's card page, then press Search."
    )


def empty_entry(mode: SearchMode) -> Refusal:
    """Search pressed with nothing typed."""
    if mode is SearchMode.PHONE:
        return Refusal(
            "empty_entry",
            QCoreApplication.translate("FindCustomer", "Type the customer's phone number first."),
        )
    return Refusal(
        "empty_entry", QCoreApplication.translate("FindCustomer", "Type the card code first.")
    )


def not_a_code() -> Refusal:
    """The entry in Card code mode is not shaped like a card code."""
    return Refusal(
        "not_a_code",
        QCoreApplication.translate(
            "FindCustomer",
            "This is not a card code — a card code has 32 digits and letters A to F in groups "
            "of 8-4-4-4-12, as on the customer's card page. Check it and enter it again.",
        ),
    )


def code_is_phone() -> Refusal:
    """A phone number typed in Card code mode."""
    return Refusal(
        "code_is_phone",
        QCoreApplication.translate(
            "FindCustomer", "This looks like a phone number — choose Phone and search again."
        ),
    )


def failed_message() -> str:
    """What the cashier reads when a search failed unexpectedly."""
    return QCoreApplication.translate(
        "FindCustomer",
        "The search failed and nothing was changed — try again; if it keeps happening, restart "
        "the terminal.",
    )


def refusal_text(mode: SearchMode, reason: Refusal) -> str:
    """A refusal's sentence in the current language: this screen's own refusals are made again,
    those of the terminal's policy stay as they are worded there."""
    if reason.code == "empty_entry":
        return empty_entry(mode).message
    if reason.code == "not_a_code":
        return not_a_code().message
    if reason.code == "code_is_phone":
        return code_is_phone().message
    if reason.code == FAILED_CODE:
        return failed_message()
    return reason.message


def check_entry(mode: SearchMode, text: str) -> Refusal | None:
    """What is wrong with a typed entry before anything is looked up; None if it can be searched.

    Only the shape is checked here (no signature, no database): the search applies the policy.
    """
    if not text.strip():
        return empty_entry(mode)
    parsed = parse_scan(Scan(ScanKind.STAMP, text, source=SOURCE))
    if mode is SearchMode.PHONE:
        if isinstance(parsed, Refusal) or parsed.kind != "phone":
            return refusal("bad_phone")
        return None
    if isinstance(parsed, Refusal):
        return not_a_code()
    return code_is_phone() if parsed.kind == "phone" else None


@dataclass(frozen=True, slots=True)
class FoundCard:
    """A search's card, with what the card screen shows beside the stamps."""

    identified: Identified
    details: CardDetails


class CustomerSearch(QObject):
    """Runs searches on one worker thread; answers ``found``, ``refused`` or ``failed``
    (an unexpected error: the screen says what happened, in the display language).

    Each answer carries the ticket :meth:`search` returned, so a late answer can be told apart.
    The thread starts with the first search and ends when the kiosk window closes.
    """

    found = Signal(int, object)
    refused = Signal(int, object)
    failed = Signal(int)

    def __init__(self, terminal: Terminal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terminal = terminal
        self._pool: ThreadPoolExecutor | None = None
        self._tickets = itertools.count(1)

    @property
    def running(self) -> bool:
        """Whether the worker thread is there (from the first search until :meth:`stop`)."""
        return self._pool is not None

    def search(self, mode: SearchMode, text: str) -> int:
        """Start one search and return its ticket."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="find-customer")
        ticket = next(self._tickets)
        future = self._pool.submit(self._run, ticket, mode, text)
        future.add_done_callback(lambda done: self._finished(ticket, done))
        return ticket

    def stop(self) -> None:
        """Let a running search finish and end the thread (quit-then-wait)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Installed on the kiosk window: the thread ends when the window is closed (hidden).

        A close the window refuses (kiosk mode asks for the PIN first) hides nothing, and a
        minimized window is hidden by the window system (a spontaneous event): both keep it.
        """
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.stop()
        return False

    def _run(self, ticket: int, mode: SearchMode, text: str) -> None:
        terminal = self._terminal
        if mode is SearchMode.PHONE:
            outcome = terminal.find_by_phone(text)
        else:
            outcome = terminal.identify(Scan(ScanKind.STAMP, text, source=SOURCE))
        if isinstance(outcome, Refusal):
            self.refused.emit(ticket, outcome)
            return
        card_id = outcome.card_instance_id
        details = terminal.writer.call(lambda o: load_details(o, card_id))
        self.found.emit(ticket, FoundCard(outcome, details))

    def _finished(self, ticket: int, future: Future[None]) -> None:
        if future.cancelled() or future.exception() is None or self._terminal.writer.closed:
            return
        log.error("customer search failed", exc_info=future.exception())
        self.failed.emit(ticket)


def _key(text: str, name: str = "keypadKey") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class FindCustomerScreen(QWidget):
    """The entry with its keypad, the Phone / Card code toggle, Search and Back."""

    found = Signal(object)
    refused = Signal(object)
    back = Signal()
    activity = Signal()

    def __init__(self, search: CustomerSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findCustomer")
        self._search = search
        self._ticket = 0
        self._mode = SearchMode.PHONE
        self._message: Callable[[], str] = lambda: ""
        self.heading = QLabel()
        self.heading.setObjectName("findHeading")
        self.phone_button = self._mode_button("findPhoneMode", SearchMode.PHONE)
        self.code_button = self._mode_button("findCodeMode", SearchMode.CODE)
        self._modes = QButtonGroup(self)
        self._modes.setExclusive(True)
        self._modes.addButton(self.phone_button)
        self._modes.addButton(self.code_button)
        self.entry = QLineEdit()
        self.entry.setObjectName("findEntry")
        self.entry.setMaxLength(MAX_ENTRY)
        self.entry.returnPressed.connect(self.submit)
        self.entry.textEdited.connect(lambda _text: self.activity.emit())
        self.message = QLabel("")
        self.message.setObjectName("findMessage")
        self.message.setWordWrap(True)
        self.search_button = QPushButton()
        self.search_button.setObjectName("findSearch")
        self.search_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.search_button.clicked.connect(self.submit)
        self.back_button = QPushButton()
        self.back_button.setObjectName("findBack")
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.back.emit)
        self.keys: dict[str, QPushButton] = {}
        self.clear_button = _key("", "keypadClear")
        self.clear_button.clicked.connect(self._clear)
        self.setLayout(self._layout())
        search.found.connect(self._on_found)
        search.refused.connect(self._on_refused)
        search.failed.connect(self._on_failed)
        self.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Find a customer"))
        self.phone_button.setText(self.tr("Phone"))
        self.code_button.setText(self.tr("Card code"))
        self.search_button.setText(self.tr("Search"))
        self.back_button.setText(self.tr("Back"))
        self.clear_button.setText(self.tr("Clear"))
        if self._mode is SearchMode.PHONE:
            self.entry.setPlaceholderText(self.tr("Phone number"))
        else:
            self.entry.setPlaceholderText(self.tr("Card code"))
        self.message.setText(self._message())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def mode(self) -> SearchMode:
        return self._mode

    @property
    def search(self) -> CustomerSearch:
        return self._search

    @property
    def searching(self) -> bool:
        return self._ticket != 0

    def _mode_button(self, name: str, mode: SearchMode) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.set_mode(mode))
        return button

    def _layout(self) -> QHBoxLayout:
        toggle = QHBoxLayout()
        toggle.addWidget(self.phone_button)
        toggle.addWidget(self.code_button)
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addWidget(self.search_button, 2)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addLayout(toggle)
        left.addWidget(self.entry)
        left.addWidget(self.message)
        left.addStretch(1)
        left.addLayout(actions)
        keypad = QGridLayout()
        keypad.setSpacing(8)
        for row, keys in enumerate(DIGIT_ROWS):
            for column, text in enumerate(keys):
                keypad.addWidget(self._add_key(text), row, column)
        for row, keys in enumerate(CODE_ROWS):
            for column, text in enumerate(keys):
                keypad.addWidget(self._add_key(text), row, 3 + column)
        keypad.addWidget(self.clear_button, len(DIGIT_ROWS), 0, 1, 3)
        layout = QHBoxLayout()
        layout.addLayout(left, 1)
        layout.addLayout(keypad)
        return layout

    def _add_key(self, text: str) -> QPushButton:
        button = _key(text)
        button.clicked.connect(lambda: self.press(text))
        self.keys[text] = button
        return button

    def start(self) -> None:
        """A fresh search: Phone, nothing typed, no answer pending."""
        self._ticket = 0
        self.entry.clear()
        self.set_mode(SearchMode.PHONE)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.entry.setFocus()

    def set_mode(self, mode: SearchMode) -> None:
        """Phone or Card code: the keys that fit it, the hint; what was typed is cleared."""
        self._mode = mode
        self._ticket = 0
        self.phone_button.setChecked(mode is SearchMode.PHONE)
        self.code_button.setChecked(mode is SearchMode.CODE)
        code = mode is SearchMode.CODE
        for keys in CODE_ROWS:
            for text in keys:
                self.keys[text].setVisible(code)
        self.keys["+"].setEnabled(not code)
        self.entry.clear()
        _restyle(self.entry, "mode", mode.value)
        self._say(lambda: hint(mode), "info")
        self._set_busy(False)
        self.retranslate()

    def press(self, key: str) -> None:
        """One keypad key: a character at the cursor, or backspace."""
        if self.searching:
            return
        if key == BACKSPACE:
            self.entry.backspace()
        else:
            self.entry.insert(key)
        self.activity.emit()

    def submit(self) -> None:
        """Check the entry and, if it can be searched, start the search."""
        if self.searching:
            return
        text = self.entry.text()
        mode = self._mode
        problem = check_entry(mode, text)
        if problem is not None:
            self._say(lambda: refusal_text(mode, problem), "warn")
            return
        self._ticket = self._search.search(mode, text)
        self._say(self._searching_text, "info")
        self._set_busy(True)

    def _searching_text(self) -> str:
        return self.tr("Searching…")

    def _clear(self) -> None:
        if not self.searching:
            self.entry.clear()
            self._say_hint()
            self.activity.emit()

    def _say_hint(self) -> None:
        mode = self._mode
        self._say(lambda: hint(mode), "info")

    def _say(self, text: Callable[[], str], tone: str) -> None:
        """Show what ``text`` makes, now and again after each change of language."""
        self._message = text
        self.message.setText(text())
        _restyle(self.message, "tone", tone)

    def _set_busy(self, busy: bool) -> None:
        self.search_button.setEnabled(not busy)
        self.entry.setReadOnly(busy)

    def _on_found(self, ticket: int, found: FoundCard) -> None:
        if ticket != self._ticket:
            return
        self._ticket = 0
        self.entry.clear()
        self._say_hint()
        self._set_busy(False)
        self.found.emit(found)

    def _on_refused(self, ticket: int, reason: Refusal) -> None:
        if ticket == self._ticket:
            self._ticket = 0
            mode = self._mode
            self._say(lambda: refusal_text(mode, reason), "warn")
            self._set_busy(False)
            self.refused.emit(reason)

    def _on_failed(self, ticket: int) -> None:
        if ticket == self._ticket:
            self._ticket = 0
            self._say(failed_message, "bad")
            self._set_busy(False)
            self.refused.emit(Refusal(FAILED_CODE, failed_message()))


def install_find_customer(kiosk: Kiosk) -> FindCustomerScreen:
    """Add the Find customer screen and its top-bar button to the kiosk's window."""
    window = kiosk.window
    controller = kiosk.controller
    search = CustomerSearch(kiosk.terminal, window)
    window.installEventFilter(search)
    screen = FindCustomerScreen(search)
    window.add_screen(screen)

    def open_screen() -> None:
        if window.current is not screen:
            screen.start()
        window.open_screen(screen)

    def keep_open() -> None:
        if window.current is screen:
            window.open_screen(screen)

    def show_card(found: FoundCard) -> None:
        if window.current is not screen:
            return
        controller.details.emit(found.details)
        controller.identified.emit(found.identified)

    screen.found.connect(show_card)
    screen.refused.connect(lambda _reason: window.sounds.error())
    screen.back.connect(window.show_ready)
    screen.activity.connect(keep_open)
    window.add_nav_button(
        lambda: QCoreApplication.translate("FindCustomer", "Find customer"),
        "findCustomerButton",
        open_screen,
    )
    return screen
