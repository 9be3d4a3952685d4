"""The feedback sounds: QtMultimedia loads, both WAV files are short PCM that QSoundEffect plays."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.ui.sound import ERROR_WAV, SOUNDS_DIR, SUCCESS_WAV, Sounds


@pytest.mark.parametrize("name", [SUCCESS_WAV, ERROR_WAV])
def test_the_sound_files_are_short_pcm(name: str) -> None:
    with wave.open(str(SOUNDS_DIR / name)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        assert sound.getsampwidth() == 2
        assert sound.getnchannels() in {1, 2}
        assert 0.05 < seconds < 0.6


def test_both_sounds_get_an_effect_and_each_play_is_noted(qtbot: QtBot) -> None:
    sounds = Sounds()
    assert sounds.available
    sounds.success()
    sounds.error()
    assert sounds.played == [SUCCESS_WAV, ERROR_WAV]


def test_a_missing_file_leaves_that_sound_silent(tmp_path: Path, qtbot: QtBot) -> None:
    sounds = Sounds(directory=tmp_path)
    assert not sounds.available
    sounds.success()
    assert sounds.played == [SUCCESS_WAV]
