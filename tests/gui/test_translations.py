"""German, Korean and Chinese: every text of the code translated, compiled, and switched at run
time through the real .qm files."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from kiosk_kit import KioskFactory
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.config import Config
from app.ui.i18n import install_language

UPDATE = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "update.py"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
READY = ("ReadyScreen", "Scan your QR code or tap your card")


def load_update() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_update", UPDATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update = load_update()


@pytest.mark.parametrize("code", update.LANGUAGES)
def test_every_text_is_translated_and_compiled(code: str) -> None:
    assert update.problems(code) == []


@pytest.mark.parametrize("code", update.LANGUAGES)
def test_translations_keep_the_placeholders(code: str) -> None:
    for (context, source), translation in update.messages(update.ts_file(code)).items():
        assert translation, (context, source)
        wanted = sorted(PLACEHOLDER.findall(source))
        assert sorted(PLACEHOLDER.findall(translation)) == wanted, (context, source, translation)


def test_the_language_switches_at_run_time(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    kiosk = make_kiosk(Config())
    instruction = kiosk.window.ready.instruction
    assert instruction.text() == READY[1]
    try:
        for code in update.LANGUAGES:
            expected = update.messages(update.ts_file(code))[READY]
            assert install_language(app, code)
            qtbot.waitUntil(lambda expected=expected: instruction.text() == expected)
            assert expected != READY[1]
    finally:
        assert install_language(app, "en")
    qtbot.waitUntil(lambda: instruction.text() == READY[1])
