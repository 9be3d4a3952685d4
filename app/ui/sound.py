"""Success and error sounds through QSoundEffect, optional when QtMultimedia is not installed."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl

from app.resources import resource_path

log = logging.getLogger(__name__)

SOUNDS_DIR = resource_path("sounds")
SUCCESS_WAV = "success.wav"
ERROR_WAV = "error.wav"


class Sounds(QObject):
    """Plays the two feedback sounds; silent (with one log line) when sound is unavailable."""

    def __init__(self, directory: Path = SOUNDS_DIR, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effects: dict[str, Any] = {}
        self.played: list[str] = []
        try:
            multimedia = importlib.import_module("PySide6.QtMultimedia")
        except ImportError as exc:
            log.info("Sound is off: QtMultimedia cannot be loaded (%s).", exc)
            return
        for name in (SUCCESS_WAV, ERROR_WAV):
            path = directory / name
            if not path.is_file():
                log.info("Sound is off for %s: the file is missing.", path)
                continue
            effect = multimedia.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[name] = effect

    @property
    def available(self) -> bool:
        return bool(self._effects)

    def success(self) -> None:
        self._play(SUCCESS_WAV)

    def error(self) -> None:
        self._play(ERROR_WAV)

    def _play(self, name: str) -> None:
        self.played.append(name)
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()
