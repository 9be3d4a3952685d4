"""The screenshot script: every screen of a kiosk on the demo shop, saved at the asked size."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from kiosk_kit import KioskFactory
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "take_screenshots.py"
COUNTER_SCREENS = ("ready", "card", "success", "celebration", "redeemConfirm", "refused")


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("take_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def app_style(qapp: QApplication) -> Iterator[None]:
    """The script styles the application as the kiosk does; later tests get it back unstyled."""
    before = qapp.styleSheet()
    yield
    qapp.setStyleSheet(before)


def test_every_screen_is_captured_at_the_asked_size(
    qtbot: QtBot, tmp_path: Path, app_style: None
) -> None:
    script = load_script()
    taken = script.capture_screens(tmp_path, [(1024, 600)])

    names = [path.stem for path in taken]
    assert len(names) == len(set(names))
    assert set(COUNTER_SCREENS) <= set(names)
    assert names[: len(COUNTER_SCREENS)] == list(COUNTER_SCREENS)
    assert "pinPad" in names
    for path in taken:
        assert path.parent == tmp_path / "1024x600"
        assert path.stat().st_size > 1000
        image = QImage(str(path))
        assert not image.isNull(), path
        assert (image.width(), image.height()) == (1024, 600)
    contents = {path.read_bytes() for path in taken}
    assert len(contents) == len(taken)  # each screen looks different


def test_the_table_names_only_screens_the_kiosk_has(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    script = load_script()
    kiosk = make_kiosk()
    names = {screen.objectName() for screen in script.stack_screens(kiosk)}
    assert all(names), "every screen in the stack has an object name"
    assert set(script.REACH) <= names
