"""Frame sources: what a camera, a video file or a folder of images has in common.

A source is opened, read one frame at a time by one thread, and closed. Opening and reading
raise ``SourceMissing`` (not plugged in, no such file) or ``SourceFailed`` (there but not
working), each with a sentence for the person at the counter or the installer; ``read``
returns None when a finite source has ended.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from hardware.camera.decoders import Image
from hardware.device import DeviceStatus


class FrameSourceError(Exception):
    """A source cannot deliver frames; ``status`` is the device state it puts the reader in."""

    status = DeviceStatus.ERROR


class SourceMissing(FrameSourceError):
    """The device or file is not there (unplugged, wrong path)."""

    status = DeviceStatus.MISSING


class SourceFailed(FrameSourceError):
    """The device or file is there but does not work (busy, no permission, not a video)."""

    status = DeviceStatus.ERROR


@dataclass(frozen=True, slots=True)
class Frame:
    """One image from a source.

    ``seq`` counts frames since the source was opened, across loops; ``index`` is the frame's
    position in its file or folder (equal to ``seq`` for a camera); ``captured`` is the
    ``time.monotonic()`` at which the source handed it over.
    """

    image: Image
    seq: int
    index: int
    captured: float


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What a source really delivers, read back after opening (a camera may ignore requests)."""

    uri: str
    width: int
    height: int
    fps: float
    fourcc: str = ""
    detail: str = ""

    def __str__(self) -> str:
        codec = f" {self.fourcc}" if self.fourcc else ""
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.uri}: {self.width}x{self.height}{codec} at {self.fps:g} fps{extra}"


class FrameSource(Protocol):
    """Frames from one device or file, read by a single thread."""

    uri: str

    def open(self) -> None:
        """Open the device or file; raises ``SourceMissing`` or ``SourceFailed``."""
        ...

    def read(self) -> Frame | None:
        """Block until the next frame; None when a finite source has ended."""
        ...

    def close(self) -> None:
        """Release the device or file; safe to call twice, and ``open`` may follow."""
        ...

    def describe(self) -> SourceInfo:
        """Real resolution, frame rate and format, once open."""
        ...


class Pacer:
    """Hands out frames at a fixed rate, the way a camera does; never bursts to catch up."""

    def __init__(self, fps: float) -> None:
        self.period = 1.0 / fps
        self._due: float | None = None

    def wait(self) -> None:
        now = time.monotonic()
        if self._due is None:
            self._due = now
        elif self._due > now:
            time.sleep(self._due - now)
            now = self._due
        self._due = max(self._due, now) + self.period

    def reset(self) -> None:
        self._due = None
