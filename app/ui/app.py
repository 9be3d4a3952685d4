"""The kiosk's composition root: everything is built here and handed down, nothing is global."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from PySide6.QtWidgets import QApplication

from app.config import Config
from app.paths import DATABASE_NAME, config_file
from app.resources import resource_path
from app.store.writer import StoreWriter
from app.sync.factory import api_client, http_client, sync_worker
from app.sync.lookup import RemoteLookup
from app.sync.worker import SyncWorker
from app.terminal import Terminal
from app.ui.bridge import DeviceBridge
from app.ui.corrections import install_corrections
from app.ui.counter import CounterController
from app.ui.enrol import install_enrol
from app.ui.events_screen import install_events_screen
from app.ui.find_customer import install_find_customer
from app.ui.i18n import install_language
from app.ui.main_window import CARD_IDLE_MS, OUTCOME_MS, KioskWindow
from app.ui.pin import install_pin_gate
from app.ui.settings_screen import install_settings
from app.ui.sound import Sounds
from hardware.device import Device
from hardware.factory import open_device

log = logging.getLogger(__name__)

STYLE_SHEET = resource_path("style", "kiosk.qss")


def configured_devices(config: Config) -> list[Device]:
    """The camera, the NFC reader and the wedge scanner named in the configuration."""
    uris = [config.camera, config.nfc_device, config.wedge_device]
    return [open_device(uri, decoder=config.decoder) for uri in uris if uri]


def load_style(app: QApplication, path: Path = STYLE_SHEET) -> bool:
    """Apply the kiosk's style sheet; a missing file leaves Qt's default look."""
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError as exc:
        log.warning("The style sheet %s cannot be read: %s", path, exc)
        return False
    return True


@dataclass
class Kiosk:
    """The running parts of one kiosk; :meth:`close` stops them in a safe order."""

    window: KioskWindow
    bridge: DeviceBridge
    controller: CounterController
    sync: SyncWorker
    writer: StoreWriter
    terminal: Terminal
    devices: list[Device] = field(default_factory=list)
    http: httpx.Client | None = None
    _started: bool = False

    def start(self) -> None:
        """Start the devices and the sync worker; their news arrives through the bridge."""
        if self._started:
            return
        self._started = True
        self.sync.add_listener(self.bridge.on_sync_status)
        self.sync.start()
        for device in self.devices:
            self.bridge.attach(device)

    def close(self) -> None:
        """Devices first (no new scans), then counter, sync and database (quit-then-wait)."""
        for device in self.devices:
            device.stop()
        self.controller.close()
        self.sync.stop()
        self.writer.close()
        if self.http is not None:
            self.http.close()
        self.window.shutdown()


def build_kiosk(
    config: Config,
    home: Path,
    *,
    devices: Sequence[Device] | None = None,
    transport: httpx.BaseTransport | None = None,
    sounds: Sounds | None = None,
    outcome_ms: int = OUTCOME_MS,
    card_idle_ms: int = CARD_IDLE_MS,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    config_path: Path | None = None,
) -> Kiosk:
    """Wire a kiosk for ``config`` with its database in ``home``; a QApplication must exist.

    ``devices=None`` opens the configured devices; tests pass their own (or none) and inject
    scans through the bridge as a device would. ``clock`` is the terminal's device clock.
    With a server, cards and tags unknown here are looked up online (off the GUI thread).
    ``config_path`` is the file the Settings screen saves to (default: ``config.toml`` in
    ``home``).
    """
    home.mkdir(parents=True, exist_ok=True)
    writer = StoreWriter.open(home / DATABASE_NAME, clock)
    http = http_client(config, transport) if config.server_url else None
    sync = sync_worker(config, writer, http)
    lookup = None if http is None else RemoteLookup(api_client(http, config), writer)
    terminal = Terminal(config, writer, clock=clock, is_online=lambda: sync.online, lookup=lookup)
    bridge = DeviceBridge()
    controller = CounterController(terminal, on_recorded=sync.trigger)
    window = KioskWindow(
        bridge,
        controller,
        max_stamps=config.max_stamps_per_visit,
        sounds=sounds,
        outcome_ms=outcome_ms,
        card_idle_ms=card_idle_ms,
    )
    found = configured_devices(config) if devices is None else list(devices)
    kiosk = Kiosk(window, bridge, controller, sync, writer, terminal, found, http)
    # Further screens: each installs itself into the window from its own module.
    pin_gate = install_pin_gate(window, config.manager_pin)  # first: others ask it for the PIN
    install_events_screen(kiosk, authorize=pin_gate.ask)
    install_find_customer(kiosk)
    install_enrol(kiosk, config)
    install_corrections(kiosk)
    install_settings(kiosk, config, config_path or home / "config.toml")
    return kiosk


def run_kiosk(
    config: Config, home: Path, *, full_screen: bool = True, config_path: Path | None = None
) -> int:
    """Run the kiosk until its window closes; the exit code for ``stamp-terminal run``.

    ``config_path`` is the configuration file the settings are saved to (default: the one
    :func:`app.paths.config_file` names).
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    load_style(app)
    install_language(app, config.language)
    kiosk = build_kiosk(config, home, config_path=config_path or config_file())
    try:
        kiosk.start()
        if full_screen:
            kiosk.window.showFullScreen()
        else:
            kiosk.window.show()
        return app.exec()
    finally:
        kiosk.close()
