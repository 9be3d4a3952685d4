"""Writes the kiosk's two feedback sounds: a rising two-tone chime and a low double buzz.

Run it from anywhere: ``python resources/sounds/make_sounds.py``; the WAV files land next to it.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
VOLUME = 0.5


def tone(frequency: float, seconds: float, *, square: bool = False) -> list[float]:
    """One tone with a short fade in and out, so it does not click."""
    count = int(RATE * seconds)
    fade = max(1, int(RATE * 0.01))
    samples = []
    for i in range(count):
        value = math.sin(2 * math.pi * frequency * i / RATE)
        if square:
            value = 0.6 if value >= 0 else -0.6
        envelope = min(1.0, i / fade, (count - i) / fade)
        samples.append(value * envelope)
    return samples


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def write(path: Path, samples: list[float]) -> None:
    frames = b"".join(struct.pack("<h", int(s * VOLUME * 32767)) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main() -> None:
    here = Path(__file__).resolve().parent
    write(here / "success.wav", tone(880, 0.09) + tone(1320, 0.14))
    error = tone(220, 0.12, square=True) + silence(0.05) + tone(220, 0.12, square=True)
    write(here / "error.wav", error)


if __name__ == "__main__":
    main()
