"""The Qt fallback for keyboard-wedge scanners, with real key events through pytest-qt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.keyboard_wedge import KeyboardWedgeFilter
from app.wedge_burst import BurstDetector

CARD = "0131cef8-56e1-461a-b82b-7e220b925481"


def test_a_scanner_burst_becomes_one_scan(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    wedge = KeyboardWedgeFilter(widget)
    widget.installEventFilter(wedge)
    with qtbot.waitSignal(wedge.scanned, timeout=2000) as signal:
        QTest.keyClicks(widget, CARD)
        QTest.keyClick(widget, Qt.Key.Key_Return)
    assert signal.args == [CARD]


def test_slow_typing_is_not_a_scan(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    wedge = KeyboardWedgeFilter(widget)
    widget.installEventFilter(wedge)
    seen: list[str] = []
    wedge.scanned.connect(seen.append)
    for ch in "12345":
        QTest.keyClick(widget, ch, delay=120)
    QTest.keyClick(widget, Qt.Key.Key_Return, delay=120)
    assert seen == []


def test_burst_detector_rules() -> None:
    bursts = BurstDetector(max_gap=0.05, min_length=4)
    for i, ch in enumerate("abcd"):
        bursts.key(ch, 1.0 + i * 0.01)
    assert bursts.enter(1.04) == "abcd"
    bursts.key("x", 2.0)
    bursts.key("y", 3.0)  # a pause: the burst starts again
    assert bursts.enter(3.01) is None  # too short
