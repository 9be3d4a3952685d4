"""Kiosks built through the real composition root, closed at teardown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kiosk_kit import KioskFactory
from marking_kit import language  # noqa: F401 - the fixture of the retranslation tests
from pytestqt.qtbot import QtBot

from app.config import Config
from app.ui.app import Kiosk, build_kiosk


@pytest.fixture
def make_kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskFactory]:
    built: list[Kiosk] = []

    def make(config: Config | None = None, **kwargs: Any) -> Kiosk:
        kwargs.setdefault("devices", ())
        kwargs.setdefault("outcome_ms", 60000)
        kiosk = build_kiosk(config or Config(), tmp_path / f"kiosk-{len(built)}", **kwargs)
        built.append(kiosk)
        kiosk.window.resize(1024, 600)
        kiosk.window.show()
        kiosk.start()
        return kiosk

    yield make
    for kiosk in built:
        kiosk.close()
        kiosk.window.deleteLater()
