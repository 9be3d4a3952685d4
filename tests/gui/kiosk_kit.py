"""What the kiosk tests share: scans delivered as a device would, thread tracing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.domain.scan import Scan, ScanKind
from app.ui.app import Kiosk

KioskFactory = Callable[..., Kiosk]


def scan_from_device(kiosk: Kiosk, payload: str, kind: ScanKind = ScanKind.QR) -> None:
    """Deliver a scan from a thread of its own, as a camera or NFC reader does."""
    thread = threading.Thread(target=kiosk.bridge.on_scan, args=(Scan(kind, payload, source="t"),))
    thread.start()
    thread.join()


def record_threads(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """Wrap the terminal's blocking calls to note the thread each ran on."""
    seen: set[int] = set()
    terminal = kiosk.terminal
    for name in ("identify", "stamp", "redeem"):
        original = getattr(terminal, name)

        def traced(*args: Any, _original: Any = original, **kw: Any) -> Any:
            seen.add(threading.get_ident())
            return _original(*args, **kw)

        monkeypatch.setattr(terminal, name, traced)
    return seen


class StepClock:
    """A device clock that moves forward by hand, so visits are minutes apart."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC) - timedelta(days=1)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
