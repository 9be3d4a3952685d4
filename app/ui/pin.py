"""The manager PIN pad and :class:`PinGate`, which puts manager actions behind the PIN.

A screen that needs the manager calls ``window.pin_gate.ask(reason, on_granted)``: the pad
shows the reason, the PIN is checked off the GUI thread (scrypt takes a fraction of a second),
``on_granted`` runs after a correct PIN, and Cancel goes back to the screen the pad replaced.
Wrong PINs and the lockout are counted by :class:`~app.manager_pin.PinChecker`.

A reason or message given as a function (``lambda: self.tr("...")``) is made again when the
display language changes; a string is shown as it is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.manager_pin import MAX_DIGITS, PinChecker
from app.ui.widgets import centred_label as _label
from app.ui.widgets import restyle as _restyle

if TYPE_CHECKING:
    from app.ui.main_window import KioskWindow

log = logging.getLogger(__name__)

DOT = "●"
LOCK_TICK_MS = 1000
KEY_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("clear", "0", "ok"))

PadText = str | Callable[[], str]
"""A text on the pad: as it is, or made in the current language (again on each change)."""


def _text(text: PadText) -> str:
    return text if isinstance(text, str) else text()


class PinPad(QWidget):
    """A touch PIN pad: digits 0-9, Clear, Cancel and OK; the entry shows as dots only."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self._entry = ""
        self._enabled = True
        self._checking = False
        self._reason: PadText = ""
        self._message: PadText = ""
        self.reason = _label("", "pinReason")
        self.dots = _label("", "pinDots")
        self.message = _label("", "pinMessage")
        self.digit_buttons: dict[str, QPushButton] = {}
        keys = QGridLayout()
        keys.setSpacing(10)
        for row, names in enumerate(KEY_ROWS):
            for column, name in enumerate(names):
                keys.addWidget(self._key(name), row, column)
                keys.setColumnStretch(column, 1)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancelled.emit)
        info = QVBoxLayout()
        info.addStretch(1)
        info.addWidget(self.reason)
        info.addWidget(self.dots)
        info.addWidget(self.message)
        info.addStretch(1)
        info.addWidget(self.cancel_button)
        layout = QHBoxLayout(self)
        layout.addLayout(info, 3)
        layout.addLayout(keys, 2)
        self.prompt("")
        self.retranslate()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.clear_button.setText(self.tr("Clear"))
        self.ok_button.setText(self.tr("Checking…") if self._checking else self.tr("OK"))
        self.reason.setText(_text(self._reason))
        self.message.setText(_text(self._message))
        self._show_entry()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def __repr__(self) -> str:
        return f"PinPad(digits={len(self._entry)})"

    def _key(self, name: str) -> QPushButton:
        if name == "clear":
            self.clear_button = QPushButton()
            self.clear_button.setObjectName("pinClear")
            self.clear_button.clicked.connect(self.clear)
            return self.clear_button
        if name == "ok":
            self.ok_button = QPushButton()
            self.ok_button.setObjectName("pinOk")
            self.ok_button.clicked.connect(self._submit)
            return self.ok_button
        button = QPushButton(name)
        button.setObjectName("pinDigit")
        button.clicked.connect(lambda _=False, digit=name: self.press(digit))
        self.digit_buttons[name] = button
        return button

    @property
    def entered(self) -> int:
        """How many digits are entered (the digits themselves are never shown)."""
        return len(self._entry)

    def prompt(self, reason: PadText) -> None:
        """A fresh entry for ``reason``; the pad is ready for digits."""
        self._reason = reason
        self.reason.setText(_text(reason))
        self.show_message("")
        self.clear()
        self.set_enabled(True)

    def press(self, digit: str) -> None:
        if len(self._entry) < MAX_DIGITS and digit.isdigit():
            self._entry += digit
            self._show_entry()

    def clear(self) -> None:
        self._entry = ""
        self._show_entry()

    def show_message(self, text: PadText, tone: str = "bad") -> None:
        self._message = text
        shown = _text(text)
        self.message.setText(shown)
        self.message.setVisible(bool(shown))
        _restyle(self.message, "tone", tone)

    def set_enabled(self, enabled: bool) -> None:
        """Digits, Clear and OK on or off (Cancel always works)."""
        for button in (*self.digit_buttons.values(), self.clear_button):
            button.setEnabled(enabled)
        self._enabled = enabled
        self._show_entry()

    def set_checking(self, checking: bool) -> None:
        self._checking = checking
        self.set_enabled(not checking)
        self.cancel_button.setEnabled(not checking)
        self.ok_button.setText(self.tr("Checking…") if checking else self.tr("OK"))

    def _show_entry(self) -> None:
        self.dots.setText(" ".join(DOT * len(self._entry)) or self.tr("Enter the manager PIN"))
        _restyle(self.dots, "empty", "no" if self._entry else "yes")
        self.ok_button.setEnabled(self._enabled and bool(self._entry))

    def _submit(self) -> None:
        if self._entry:
            pin, self._entry = self._entry, ""
            self._show_entry()
            self.submitted.emit(pin)


class PinGate(QObject):
    """Manager actions behind the PIN: :meth:`ask` shows the pad, a correct PIN runs the action."""

    _checked = Signal(int, bool)

    def __init__(self, window: KioskWindow, checker: PinChecker) -> None:
        super().__init__(window)
        self._window = window
        self.checker = checker
        self.pad = PinPad()
        window.add_screen(self.pad)
        self._previous: QWidget | None = None
        self._on_granted: Callable[[], None] | None = None
        self._asked = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pin-check")
        self._closed = False
        self._refusing = False
        self._lock_tick = QTimer(self)
        self._lock_tick.setInterval(LOCK_TICK_MS)
        self._lock_tick.timeout.connect(self._show_refusal)
        self._checked.connect(self._on_checked)
        self.pad.submitted.connect(self._check)
        self.pad.cancelled.connect(self._cancel)

    def ask(self, reason: PadText, on_granted: Callable[[], None]) -> None:
        """Show the pad with ``reason``; ``on_granted`` runs after a correct PIN."""
        current = self._window.current
        if current is not self.pad:
            self._previous = current
        self._on_granted = on_granted
        self._asked += 1
        self.pad.prompt(reason)
        self._show_refusal()
        self._window.open_screen(self.pad)

    def close(self) -> None:
        """Let a running check finish and end the worker thread."""
        self._closed = True
        self._lock_tick.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _show_refusal(self, message: str = "") -> bool:
        """Show why no PIN can be entered now (none set, locked); True when that is the case.

        ``message`` replaces the checker's own sentence (the first one after the lockout).
        """
        refusal = self.checker.refusal()
        if refusal is None:
            self._lock_tick.stop()
            if self._refusing:
                self._refusing = False
                self.pad.show_message("")
                self.pad.set_enabled(True)
            return False
        self._refusing = True
        self.pad.clear()
        self.pad.set_enabled(False)
        self.pad.show_message(message or refusal)
        if self.checker.locked_seconds():
            self._lock_tick.start()
        return True

    def _check(self, pin: str) -> None:
        if self._closed or self._show_refusal():
            return
        self.pad.set_checking(True)
        self.pad.show_message(self._checking_text, "info")
        asked = self._asked
        future = self._pool.submit(self.checker.matches, pin)
        future.add_done_callback(lambda done: self._answer(asked, done))

    def _checking_text(self) -> str:
        return self.tr("Checking the PIN…")

    def _answer(self, asked: int, future: Future[bool]) -> None:
        """On the worker thread: hand the result to the GUI thread."""
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            log.error("checking the manager PIN failed", exc_info=error)
        self._checked.emit(asked, error is None and bool(future.result()))

    def _on_checked(self, asked: int, matched: bool) -> None:
        """Count the result; it grants only the request it was typed for."""
        self.pad.set_checking(False)
        result = self.checker.register(matched)
        if asked != self._asked:
            self._show_refusal()
            return
        if not result.granted:
            if not self._show_refusal(result.message):
                self.pad.show_message(result.message)
            return
        on_granted, self._on_granted = self._on_granted, None
        self._previous = None
        self.pad.prompt("")
        if on_granted is not None and self._window.current is self.pad:
            on_granted()

    def _cancel(self) -> None:
        self._on_granted = None
        self._lock_tick.stop()
        previous, self._previous = self._previous, None
        if previous is None or previous is self._window.ready:
            self._window.show_ready()
        else:
            self._window.open_screen(previous)


def install_pin_gate(window: KioskWindow, stored_pin: str) -> PinGate:
    """The window's PIN gate for the configured PIN hash, reachable as ``window.pin_gate``."""
    gate = PinGate(window, PinChecker(stored_pin))
    window.pin_gate = gate
    return gate
