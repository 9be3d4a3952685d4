"""What the manager PIN and corrections tests share: a PIN, typing it, opening a card."""

from __future__ import annotations

from kiosk_kit import scan_from_device
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.domain.events import EventState
from app.manager_pin import hash_pin
from app.ui.app import Kiosk
from app.ui.pin import PinGate

WAIT = 15000
PIN = "2468"
STORED_PIN = hash_pin(PIN)


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def gate_of(kiosk: Kiosk) -> PinGate:
    gate = kiosk.window.pin_gate
    assert gate is not None
    return gate


def type_pin(qtbot: QtBot, kiosk: Kiosk, pin: str) -> None:
    """Press the digits of ``pin`` and OK on the pad."""
    pad = gate_of(kiosk).pad
    for digit in pin:
        click(qtbot, pad.digit_buttons[digit])
    click(qtbot, pad.ok_button)


def wrong_pin(qtbot: QtBot, kiosk: Kiosk, pin: str = "1111") -> str:
    """Type a wrong PIN and wait for the pad's answer; the message it shows."""
    pad = gate_of(kiosk).pad
    type_pin(qtbot, kiosk, pin)
    qtbot.waitUntil(pad.cancel_button.isEnabled, timeout=WAIT)
    assert kiosk.window.current is pad
    return pad.message.text()


def open_card(qtbot: QtBot, kiosk: Kiosk, payload: str) -> None:
    window = kiosk.window
    with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT):
        scan_from_device(kiosk, payload)
    assert window.current is window.card


def counts(kiosk: Kiosk) -> dict[EventState, int]:
    return kiosk.writer.call(lambda o: o.counts())
