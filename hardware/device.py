"""What every device has in common: a state a person can read, and scan callbacks."""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.domain.scan import Scan

log = logging.getLogger(__name__)


class DeviceStatus(enum.StrEnum):
    """``ready`` works; ``missing``: not plugged in or not found; ``error``: found but failing."""

    READY = "ready"
    MISSING = "missing"
    ERROR = "error"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class DeviceState:
    """A device's state with a sentence for the installer or cashier (what to do about it)."""

    uri: str
    status: DeviceStatus
    message: str = ""


ScanCallback = Callable[[Scan], None]
StateCallback = Callable[[DeviceState], None]


class Device(Protocol):
    """A source of scans running on its own thread; a missing device is a state, not a crash."""

    @property
    def state(self) -> DeviceState: ...

    def start(self, on_scan: ScanCallback, on_state: StateCallback | None = None) -> None:
        """Begin reading on the device's own thread; never raises for a missing device."""
        ...

    def stop(self, timeout: float | None = 5.0) -> None:
        """Ask the thread to end and wait for it (quit-then-wait)."""
        ...


class DeviceThread:
    """Base of a device read by one thread it owns: start, quit-then-wait stop, state changes.

    A subclass sets ``uri`` and ``thread_name`` and implements :meth:`_run`, which loops until
    ``self._stop`` is set, reports scans through ``self._on_scan`` and states through
    :meth:`_set`.
    """

    thread_name = "device"

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self._state = DeviceState(uri, DeviceStatus.STOPPED)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_scan: ScanCallback | None = None
        self._on_state: StateCallback | None = None

    @property
    def state(self) -> DeviceState:
        return self._state

    def start(self, on_scan: ScanCallback, on_state: StateCallback | None = None) -> None:
        self._on_scan, self._on_state = on_scan, on_state
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("the %s thread did not end within %s s", self.thread_name, timeout)
        self._set(DeviceStatus.STOPPED, "")

    def _set(self, status: DeviceStatus, message: str) -> None:
        """Change the state and tell the listener; a stopped device stays stopped."""
        if self._stop.is_set() and status is not DeviceStatus.STOPPED:
            return  # a thread that outlived stop()'s timeout must not undo STOPPED
        if (status, message) != (self._state.status, self._state.message):
            self._state = DeviceState(self.uri, status, message)
            if self._on_state is not None:
                try:
                    self._on_state(self._state)
                except Exception:
                    log.exception("the state callback of %s failed", self.uri)

    def _run(self) -> None:
        raise NotImplementedError
