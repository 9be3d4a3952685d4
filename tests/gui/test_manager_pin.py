"""The manager PIN pad through the real widgets: wrong PINs, the lockout, no PIN set, the exit."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from kiosk_kit import KioskFactory
from pin_kit import (
    PIN,
    STORED_PIN,
    WAIT,
    click,
    counts,
    gate_of,
    open_card,
    type_pin,
    wrong_pin,
)
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config import Config
from app.manager_pin import PinChecker
from app.ui.app import Kiosk
from app.ui.long_press import HOLD_MS
from app.ui.main_window import exit_reason


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def card_on_screen(qtbot: QtBot, kiosk: Kiosk, stamps: int = 3) -> str:
    card = str(uuid.uuid4())
    expires = datetime.now(UTC) + timedelta(days=90)
    kiosk.writer.call(lambda o: o.upsert_card_from_server(card, "s", stamps, 10, "ACTIVE", expires))
    open_card(qtbot, kiosk, card)
    return card


def test_a_wrong_pin_is_refused_and_nothing_is_recorded(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config(manager_pin=STORED_PIN))
    window = kiosk.window
    gate = gate_of(kiosk)
    card = card_on_screen(qtbot, kiosk)

    click(qtbot, window.card.correct_button)
    assert window.current is gate.pad
    assert gate.pad.reason.text() == f"Enter the manager PIN to correct card …{card[-4:]}."
    assert gate.pad.dots.text() == "Enter the manager PIN"
    assert not gate.pad.ok_button.isEnabled()
    for digit in "135":
        click(qtbot, gate.pad.digit_buttons[digit])
    assert gate.pad.dots.text() == "● ● ●"
    click(qtbot, gate.pad.clear_button)
    assert gate.pad.entered == 0

    message = wrong_pin(qtbot, kiosk, "1357")
    assert message == "Wrong PIN — nothing was changed. 4 more wrong tries lock the pad for 60 s."
    assert gate.pad.entered == 0
    assert sum(counts(kiosk).values()) == 0
    assert window.current is gate.pad

    click(qtbot, gate.pad.cancel_button)
    assert window.current is window.card
    assert window.card.card_id == card
    assert sum(counts(kiosk).values()) == 0


def test_five_wrong_pins_lock_the_pad_for_a_minute(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(Config(manager_pin=STORED_PIN))
    window = kiosk.window
    gate = gate_of(kiosk)
    clock = FakeClock()
    gate.checker = PinChecker(STORED_PIN, clock=clock)
    card_on_screen(qtbot, kiosk)
    click(qtbot, window.card.correct_button)

    for _ in range(4):
        wrong_pin(qtbot, kiosk)
    message = wrong_pin(qtbot, kiosk)
    assert message.startswith("5 wrong PINs in a row — the PIN pad is locked for 60 s.")
    assert all(not b.isEnabled() for b in gate.pad.digit_buttons.values())
    assert not gate.pad.ok_button.isEnabled()

    click(qtbot, gate.pad.cancel_button)
    assert window.current is window.card
    clock.now += 15
    click(qtbot, window.card.correct_button)
    assert gate.pad.message.text().startswith(
        "Too many wrong PINs — the PIN pad is locked for 45 s"
    )
    assert not gate.pad.digit_buttons["2"].isEnabled()

    clock.now += 45
    qtbot.waitUntil(gate.pad.digit_buttons["2"].isEnabled, timeout=WAIT)
    assert gate.pad.message.text() == ""
    type_pin(qtbot, kiosk, PIN)
    qtbot.waitUntil(lambda: window.current is not gate.pad, timeout=WAIT)
    assert window.current.objectName() == "corrections"
    assert sum(counts(kiosk).values()) == 0


def test_without_a_pin_manager_actions_say_how_to_set_one(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config())
    window = kiosk.window
    gate = gate_of(kiosk)
    card_on_screen(qtbot, kiosk)

    click(qtbot, window.card.correct_button)
    assert window.current is gate.pad
    message = gate.pad.message.text()
    assert message.startswith("No manager PIN is set on this terminal")
    assert "Set one with: stamp-terminal config set manager_pin <4 to 8 digits>" in message
    assert not any(b.isEnabled() for b in gate.pad.digit_buttons.values())
    assert not gate.pad.ok_button.isEnabled()
    click(qtbot, gate.pad.cancel_button)
    assert window.current is window.card
    assert sum(counts(kiosk).values()) == 0


def test_digits_in_the_configuration_are_not_a_pin(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(Config(manager_pin=PIN))
    gate = gate_of(kiosk)
    card_on_screen(qtbot, kiosk)
    click(qtbot, kiosk.window.card.correct_button)
    assert "not a stored PIN" in gate.pad.message.text()
    assert not gate.pad.digit_buttons[PIN[0]].isEnabled()


def test_leaving_full_screen_needs_the_pin(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(Config(manager_pin=STORED_PIN))
    window = kiosk.window
    gate = gate_of(kiosk)
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT)

    assert not window.close()  # Alt+F4 / the window manager's close
    assert window.isVisible()
    assert window.current is gate.pad
    assert gate.pad.reason.text() == exit_reason()
    click(qtbot, gate.pad.cancel_button)
    assert window.current is window.ready

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(
        window,
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.current is gate.pad
    assert gate.pad.reason.text() == exit_reason()
    click(qtbot, gate.pad.cancel_button)
    assert window.current is window.ready

    qtbot.mousePress(window.title, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current is gate.pad, timeout=HOLD_MS + WAIT)
    qtbot.mouseRelease(window.title, Qt.MouseButton.LeftButton)
    assert gate.pad.reason.text() == exit_reason()

    assert wrong_pin(qtbot, kiosk).startswith("Wrong PIN")
    assert window.isVisible()
    type_pin(qtbot, kiosk, PIN)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)


def test_a_short_press_on_the_title_does_nothing(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(Config(manager_pin=STORED_PIN))
    window = kiosk.window
    window.showFullScreen()
    qtbot.mousePress(window.title, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    qtbot.mouseRelease(window.title, Qt.MouseButton.LeftButton)
    qtbot.wait(HOLD_MS)
    assert window.current is window.ready


def test_the_program_closes_a_full_screen_kiosk_without_the_pin(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config(manager_pin=STORED_PIN))
    window = kiosk.window
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT)
    window.shutdown()
    assert not window.isVisible()
    assert window.current is window.ready


def test_a_window_that_is_not_full_screen_closes_without_the_pin(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config(manager_pin=STORED_PIN))
    window = kiosk.window
    assert not window.isFullScreen()
    assert window.close()
    assert not window.isVisible()
