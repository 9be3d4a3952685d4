"""``stamp-terminal demo``: the kiosk on a fresh machine, with a demo shop and simulated devices.

The reference server runs with a demo shop on loopback (:mod:`app.demo_server`), a demo terminal
is configured against it in its own directory (``<data dir>/demo/kiosk``, made afresh on every
start; the terminal's own database and settings are never used), the devices are the configured
camera and NFC reader when they answer and simulated ones otherwise (:mod:`app.demo_devices`),
and the kiosk opens. Customers come one at a time while the Ready screen shows. On exit the
kiosk, the simulation and the server are stopped, in that order.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.config import Config
from app.demo_devices import DemoDevices, demo_devices
from app.demo_frames import FramePlan, Shown, write_camera_frames
from app.demo_server import DemoError, DemoServer, DemoShop, open_demo_shop
from app.manager_pin import hash_pin
from app.sync.worker import SyncStatus
from app.terminal import Identified, Recorded
from app.ui.app import Kiosk, build_kiosk, load_style

DEMO_MANAGER_PIN = "1234"
NOT_A_CARD = Shown("WIFI:S:Demo Coffee;T:WPA;P:espresso;;", "Free Wi-Fi", on_phone=False)
OFFER_EVERY_MS = 2500  # the Ready screen shows this long before the next customer comes
CONFIRM_AFTER_MS = 2000
SYNC_WAIT_MS = 60000
WINDOWED_SIZE = (1024, 600)
EXIT_DEMO_FAILED = 5  # as for a server that could not be reached or failed
EXIT_INTERRUPTED = 130
EXIT_NO_DISPLAY = 7  # as for a device that is missing
OPEN_MESSAGE = "The kiosk is open. Leave with Ctrl+Shift+Q and the manager PIN, or Ctrl+C here."


@dataclass(frozen=True, slots=True)
class DemoOptions:
    """How the demo runs: full screen, real devices when present, a person at the counter."""

    full_screen: bool = True
    simulate: bool = False  # simulated camera and NFC reader even when real ones answer
    autoplay: bool = False  # the demo confirms every card by itself
    exit_after_scans: int = 0  # >0: confirm by itself, end once this many are recorded and synced


def demo_directory(data_dir: Path) -> Path:
    return data_dir / "demo" / "kiosk"


@contextmanager
def only_demo(directory: Path) -> Iterator[None]:
    """One kiosk demo at a time per data directory; its directory is made afresh."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    with (directory.parent / "kiosk.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DemoError(
                "another kiosk demo is running on this data directory; close it first"
            ) from None
        if directory.exists():
            shutil.rmtree(directory)
        directory.mkdir()
        yield


def demo_config(config: Config, shop: DemoShop, camera: str = "", nfc_device: str = "") -> Config:
    """The demo terminal's settings: the demo shop's server and keys, the user's device choices.

    The manager PIN is :data:`DEMO_MANAGER_PIN`, stored as its hash like any terminal's.
    """
    return Config(
        server_url=shop.server_url,
        api_key=shop.api_key,
        terminal_token=shop.terminal_token,
        stamp_value=shop.stamp_value,
        card_public_key=shop.public_key,
        require_signed_codes=True,
        camera=camera,
        nfc_device=nfc_device,
        wedge_device=config.wedge_device,
        decoder=config.decoder,
        language=config.language,
        manager_pin=hash_pin(DEMO_MANAGER_PIN),
    )


def camera_shows(shop: DemoShop) -> list[Shown]:
    """What the simulated camera shows, in turn: each camera customer's card, then a Wi-Fi sign."""
    cards = [Shown(card.url, f"{card.holder} - stamp card") for card in shop.shown_by("camera")]
    return [*cards, NOT_A_CARD]


class DemoDirector(QObject):
    """The demo's side of the kiosk: lets customers come, confirms for them, ends the demo."""

    def __init__(self, kiosk: Kiosk, devices: DemoDevices, options: DemoOptions) -> None:
        super().__init__(kiosk.window)
        self._kiosk = kiosk
        self._turns = devices.turns
        self._options = options
        self._autoplay = options.autoplay or options.exit_after_scans > 0
        self.exit_code = 0
        self.scans = 0
        self._events = 0
        self._finishing = False
        self._last_status: SyncStatus | None = None
        self._offer = QTimer(self)
        self._offer.setInterval(OFFER_EVERY_MS)
        self._offer.timeout.connect(self._turns.offer)
        self._give_up = QTimer(self)
        self._give_up.setSingleShot(True)
        self._give_up.timeout.connect(lambda: self.end(EXIT_DEMO_FAILED))
        window = kiosk.window
        window.stack.currentChanged.connect(self._screen_changed)
        kiosk.controller.identified.connect(self._identified)
        kiosk.controller.recorded.connect(self._recorded)
        kiosk.bridge.sync_status.connect(self._sync_status)
        self._screen_changed()

    def end(self, code: int = 0) -> None:
        """Close the kiosk window (without the PIN); the event loop then ends."""
        self.exit_code = code
        self._offer.stop()
        self._give_up.stop()
        self._kiosk.window.shutdown()
        QCoreApplication.quit()

    def _screen_changed(self, _index: int = -1) -> None:
        window = self._kiosk.window
        if window.current is window.ready and not self._finishing:
            self._offer.start()
        else:
            self._offer.stop()
            self._turns.close()

    def _identified(self, found: Identified) -> None:
        if self._autoplay:
            card_id = found.card_instance_id
            QTimer.singleShot(CONFIRM_AFTER_MS, lambda: self._confirm(card_id))

    def _confirm(self, card_id: str) -> None:
        card = self._kiosk.window.card
        on_card = self._kiosk.window.current is card and card.card_id == card_id
        if on_card and card.confirm_button.isEnabled():
            card.confirm_button.click()

    def _recorded(self, recorded: Recorded) -> None:
        self.scans += 1
        self._events += len(recorded.events)
        wanted = self._options.exit_after_scans
        if wanted and self.scans >= wanted and not self._finishing:
            self._finishing = True
            self._give_up.start(SYNC_WAIT_MS)
            if self._last_status is not None:
                self._sync_status(self._last_status)

    def _sync_status(self, status: SyncStatus) -> None:
        self._last_status = status
        queue = status.queue
        synced = queue.get("pending", 1) == 0 and queue.get("sent", 0) >= self._events
        if self._finishing and synced:
            self.end(0)


@contextmanager
def ended_by_signals(end: Callable[[], None]) -> Iterator[QTimer]:
    """Ctrl+C or SIGTERM end the demo cleanly; a timer lets Python see them while Qt runs."""
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handler(_signum: int, _frame: FrameType | None) -> None:
        QTimer.singleShot(0, end)  # from the event loop, which may not be running yet

    for sig in previous:
        signal.signal(sig, handler)
    tick = QTimer()
    tick.start(200)
    tick.timeout.connect(lambda: None)
    try:
        yield tick
    finally:
        tick.stop()
        for sig, old in previous.items():
            signal.signal(sig, old)


def _describe(directory: Path, server: DemoServer, shop: DemoShop, devices: DemoDevices) -> None:
    """Print what runs where, and write it (without secrets) to ``demo.json``."""
    say = print
    say("Stamp terminal demo: a demo shop on this computer", flush=True)
    say(f"  server       {shop.server_url} (data in {server.home})")
    say(f"  terminal     {directory / 'terminal'}")
    for note in devices.notes:
        say(f"  {note}")
    for card in shop.cards:
        how = "NFC tag" if card.shown_by == "nfc" else "phone to the camera"
        say(f"  customer     {card.holder}: {card.stamps} stamps, {card.phone}, {how}")
        say(f"               card page {card.url}")
    say(f"  manager PIN  {DEMO_MANAGER_PIN} (events, corrections, leaving full screen)")
    if shop.dashboard_email:
        say(f"  dashboard    {shop.server_url}/dashboard/ (demo login, this computer only)")
        say(f"               e-mail {shop.dashboard_email}, password {shop.dashboard_password}")
    sys.stdout.flush()
    summary: dict[str, Any] = {
        "serverUrl": shop.server_url,
        "serverPid": server.pid,
        "serverHome": str(server.home),
        "terminalHome": str(directory / "terminal"),
        "cards": [
            {"holder": c.holder, "cardInstanceId": c.card_instance_id, "shownBy": c.shown_by}
            for c in shop.cards
        ],
    }
    (directory / "demo.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")


def display_problem(environ: Mapping[str, str]) -> str | None:
    """Why the kiosk cannot open a window here (no display to show it on), or None."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb", "wayland"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "there is no display to open the kiosk on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
        "run it on the kiosk's screen, or `stamp-terminal demo --headless` for the demonstration "
        "without a window"
    )


def _run_kiosk(
    app: QApplication, config: Config, directory: Path, devices: DemoDevices, options: DemoOptions
) -> int:
    load_style(app)
    kiosk = build_kiosk(config, directory / "terminal", devices=devices.devices)
    director = DemoDirector(kiosk, devices, options)
    try:
        with ended_by_signals(director.end):
            kiosk.start()
            devices.start()
            if options.full_screen:
                kiosk.window.showFullScreen()
            else:
                kiosk.window.resize(*WINDOWED_SIZE)
                kiosk.window.show()
            print(OPEN_MESSAGE, flush=True)
            app.exec()
    finally:
        kiosk.close()
    return director.exit_code


def run_demo_kiosk(config: Config, data_dir: Path, options: DemoOptions) -> int:
    """The kiosk demonstration; the exit code for ``stamp-terminal demo``."""
    problem = display_problem(os.environ)
    if problem is not None:
        print(f"stamp-terminal: demo: {problem}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    # The window system first: if Qt cannot start, nothing else has been started yet.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    directory = demo_directory(data_dir)
    try:
        with only_demo(directory):
            server = DemoServer(directory / "server")
            devices: DemoDevices | None = None
            try:
                shop = open_demo_shop(server)
                plan: FramePlan = write_camera_frames(directory / "camera", camera_shows(shop))
                tag_uids = [card.tag_uid for card in shop.shown_by("nfc")]
                devices = demo_devices(config, plan, tag_uids[0], simulate=options.simulate)
                _describe(directory, server, shop, devices)
                terminal = demo_config(config, shop, devices.camera, devices.nfc_device)
                return _run_kiosk(app, terminal, directory, devices, options)
            finally:
                if devices is not None:
                    devices.close()
                server.stop()
    except (DemoError, OSError) as exc:
        print(f"stamp-terminal: demo: {exc}", file=sys.stderr)
        return EXIT_DEMO_FAILED
    except KeyboardInterrupt:
        print("stamp-terminal: demo: stopped before the kiosk opened", file=sys.stderr)
        return EXIT_INTERRUPTED
