"""The parts between capture and scans: the newest-frame hand-over and the repeat filter."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from hardware.camera.decoders import DecodedCode
from hardware.camera.frames import Frame


class NewestFrameSlot:
    """Holds one frame: ``put`` replaces an untaken frame (counted as dropped) and never waits."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._frame: Frame | None = None
        self._closed = False
        self.captured = 0
        self.dropped = 0

    def put(self, frame: Frame) -> None:
        with self._cond:
            if self._frame is not None:
                self.dropped += 1
            self._frame = frame
            self.captured += 1
            self._cond.notify()

    def take(self, timeout: float | None = None) -> Frame | None:
        """The newest frame not taken yet; None after ``timeout`` or once closed and empty."""
        with self._cond:
            self._cond.wait_for(lambda: self._frame is not None or self._closed, timeout)
            frame, self._frame = self._frame, None
            return frame

    def close(self) -> None:
        """No more frames will come; a frame still held can be taken."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def finished(self) -> bool:
        """Closed and empty: a consumer can stop."""
        with self._cond:
            return self._closed and self._frame is None


class RepeatFilter:
    """Tells codes coming into view from codes staying in view.

    A code leaves view once it was missing from ``gone_frames`` decoded frames in a row spanning
    at least ``gone_seconds``, so a frame or two lost to motion blur does not scan it again.
    """

    def __init__(self, *, gone_seconds: float = 0.5, gone_frames: int = 3) -> None:
        self.gone_seconds = gone_seconds
        self.gone_frames = gone_frames
        self._frame_no = 0
        self._seen: dict[str | bytes, tuple[float, int]] = {}

    def update(self, payloads: Iterable[str | bytes], now: float) -> list[str | bytes]:
        """Record one decoded frame's payloads; return those that just came into view."""
        self._frame_no += 1
        new = []
        for payload in dict.fromkeys(payloads):
            if payload not in self._seen:
                new.append(payload)
            self._seen[payload] = (now, self._frame_no)
        for payload, (seen_at, frame_no) in list(self._seen.items()):
            absent_frames = self._frame_no - frame_no
            if absent_frames >= self.gone_frames and now - seen_at >= self.gone_seconds:
                del self._seen[payload]
        return new

    def in_view(self) -> list[str | bytes]:
        return list(self._seen)


@dataclass(frozen=True, slots=True)
class PreviewFrame:
    """A frame for a live preview with the codes read in it (corners in its pixels)."""

    frame: Frame
    codes: tuple[DecodedCode, ...]


class PreviewThrottle:
    """Lets at most ``fps`` frames a second through (0 or less: none)."""

    def __init__(self, fps: float) -> None:
        self.period = 1.0 / fps if fps > 0 else None
        self._last: float | None = None

    def admit(self, now: float) -> bool:
        if self.period is None:
            return False
        if self._last is not None and now - self._last < self.period:
            return False
        self._last = now
        return True
