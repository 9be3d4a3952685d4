"""Keyboard-wedge barcode scanners read through Linux evdev, grabbed from the desktop.

A handheld scanner is a USB keyboard that types the code and Enter. Reading its event device
directly (``/dev/input/eventN`` or a stable ``/dev/input/by-id/...-event-kbd`` link) and grabbing
it (``EVIOCGRAB``) keeps its keystrokes out of whatever window has the focus, and tells scanner
input from a cashier's typing without guessing from timing. Events are the kernel's
``struct input_event``; only key presses (``EV_KEY``, value 1) and shift state matter.
"""

from __future__ import annotations

import errno
import fcntl
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.scan import Scan, ScanKind
from hardware.device import DeviceStatus, DeviceThread
from hardware.keymap import KEY_ENTER, KEY_KPENTER, KEY_LEFTSHIFT, KEY_RIGHTSHIFT, KEYS

EVENT = struct.Struct("llHHi")  # struct input_event: timeval, type, code, value
EV_KEY = 0x01
PRESS, RELEASE = 1, 0
EVIOCGRAB = 0x40044590
MAX_LINE = 2048


@dataclass
class KeystrokeDecoder:
    """Turns key events into lines of text; a line ends at Enter."""

    shift: bool = False
    buffer: list[str] = field(default_factory=list)
    overflowed: bool = False

    def feed(self, code: int, value: int) -> str | None:
        """One key event; returns the finished line at Enter, else None."""
        if code in (KEY_LEFTSHIFT, KEY_RIGHTSHIFT):
            self.shift = value != RELEASE
            return None
        if value != PRESS:
            return None
        if code in (KEY_ENTER, KEY_KPENTER):
            line, overflowed = "".join(self.buffer), self.overflowed
            self.buffer.clear()
            self.overflowed = False
            return None if overflowed or not line else line
        chars = KEYS.get(code)
        if chars is not None:
            if len(self.buffer) >= MAX_LINE:
                self.overflowed = True
            else:
                self.buffer.append(chars[1] if self.shift else chars[0])
        return None


class EvdevWedgeReader(DeviceThread):
    """Reads one scanner's event device on its own thread and reports each line as a scan."""

    thread_name = "wedge-reader"

    def __init__(self, path: str, *, retry_seconds: float = 2.0) -> None:
        super().__init__(f"wedge:{path}")
        self._path = Path(path)
        self._retry = retry_seconds

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self._path, os.O_RDONLY | os.O_NONBLOCK)
            except FileNotFoundError:
                self._set(
                    DeviceStatus.MISSING,
                    f"The barcode scanner {self._path} is not plugged in; plug it in or check "
                    "the device path in the settings.",
                )
                self._stop.wait(self._retry)
                continue
            except PermissionError:
                self._set(
                    DeviceStatus.ERROR,
                    f"No permission to read {self._path}; add the kiosk user to the 'input' "
                    "group (see packaging/README.md).",
                )
                self._stop.wait(self._retry)
                continue
            try:
                self._grab(fd)
                self._set(DeviceStatus.READY, "")
                self._read(fd)
            finally:
                os.close(fd)

    @staticmethod
    def _grab(fd: int) -> None:
        try:
            fcntl.ioctl(fd, EVIOCGRAB, 1)
        except OSError as exc:
            if exc.errno not in (errno.ENOTTY, errno.EINVAL):  # not an event device: a test pipe
                raise

    def _read(self, fd: int) -> None:
        decoder = KeystrokeDecoder()
        pending = b""
        while not self._stop.is_set():
            try:
                chunk = os.read(fd, EVENT.size * 64)
            except BlockingIOError:
                self._stop.wait(0.005)
                continue
            except OSError as exc:
                self._set(DeviceStatus.MISSING, f"The barcode scanner was unplugged ({exc}).")
                return
            if not chunk:
                self._stop.wait(0.005)
                continue
            pending += chunk
            whole = len(pending) - len(pending) % EVENT.size
            for _sec, _usec, kind, code, value in EVENT.iter_unpack(pending[:whole]):
                if kind != EV_KEY:
                    continue
                line = decoder.feed(code, value)
                if line is not None and self._on_scan is not None:
                    self._on_scan(Scan(ScanKind.WEDGE, line, source=self.uri))
            pending = pending[whole:]
