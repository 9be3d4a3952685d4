"""What every device has in common: a state a person can read, and scan callbacks."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.domain.scan import Scan


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
