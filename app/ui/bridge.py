"""The one adapter from device and sync callbacks (any thread) to Qt signals.

The bridge lives in the GUI thread. Its ``emit`` methods may be called from any thread: Qt
delivers a signal emitted on another thread to the GUI thread's slots through the event loop
(a queued connection), so widgets only ever run on the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.scan import Scan
from app.sync.worker import SyncStatus
from hardware.device import Device, DeviceState


class DeviceBridge(QObject):
    """Signals for scans, device states, sync status and camera preview frames."""

    scanned = Signal(object)
    device_state = Signal(object)
    sync_status = Signal(object)
    preview = Signal(object)

    def on_scan(self, scan: Scan) -> None:
        self.scanned.emit(scan)

    def on_device_state(self, state: DeviceState) -> None:
        self.device_state.emit(state)

    def on_sync_status(self, status: SyncStatus) -> None:
        self.sync_status.emit(status)

    def on_preview(self, frame: Any) -> None:
        self.preview.emit(frame)

    def attach(self, device: Device) -> None:
        """Start ``device`` with this bridge's callbacks, and its preview when it offers one."""
        set_preview = getattr(device, "set_preview", None)
        if callable(set_preview):
            set_preview(self.on_preview, 10.0)
        self.device_state.emit(device.state)
        device.start(self.on_scan, self.on_device_state)
