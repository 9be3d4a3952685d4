"""Screenshots of every kiosk screen, at 1024x600 and 1920x1080, under Xvfb.

    python docs/screenshots/take_screenshots.py [--out DIR] [--size 1024x600 ...] [--offscreen]

A kiosk is built against the reference server with the demo shop (as ``stamp-terminal demo``
sets it up) and driven through its screens the way a cashier and a manager would: scans arrive
through the device bridge, buttons are clicked. Every screen in the window's stack is found by
its object name; ``REACH`` says how to bring one up (a screen missing from it is opened
directly), so a new screen needs one entry at most. The PNGs go to ``<out>/<W>x<H>/<name>.png``.
Without ``--offscreen`` (Qt's own headless platform) the script starts ``Xvfb`` and renders on
it through the ``xcb`` platform, as the kiosk does on a shop's display.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QWidget  # noqa: E402

from app.config import Config  # noqa: E402
from app.demo_frames import Shown, counter, with_phone  # noqa: E402
from app.demo_kiosk import DEMO_MANAGER_PIN, NOT_A_CARD, demo_config  # noqa: E402
from app.demo_server import (  # noqa: E402
    DemoCard,
    DemoServer,
    DemoShop,
    dying_with_parent,
    open_demo_shop,
)
from app.domain.scan import Scan, ScanKind  # noqa: E402
from app.ui.app import Kiosk, build_kiosk, load_style  # noqa: E402
from hardware.camera.decoders import as_gray, make_decoder  # noqa: E402
from hardware.camera.frames import Frame  # noqa: E402
from hardware.camera.pipeline import PreviewFrame  # noqa: E402
from hardware.device import DeviceState, DeviceStatus  # noqa: E402

log = logging.getLogger("screenshots")

HERE = Path(__file__).resolve().parent
SIZES = ((1024, 600), (1920, 1080))
WAIT_SECONDS = 20.0
HOLD_MS = 600_000  # outcome and card screens stay until the script moves on
CAMERA_URI, NFC_URI = "camera:0", "usb"


class StepClock:
    """The kiosk's device clock, 20 s further on every scan so that no scan is a repeat."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC) - timedelta(minutes=5)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 20.0) -> None:
        self.now += timedelta(seconds=seconds)


class Session:
    """A kiosk on the demo shop, and what it takes to drive it like a person at the counter."""

    def __init__(self, kiosk: Kiosk, shop: DemoShop, clock: StepClock) -> None:
        self.kiosk = kiosk
        self.window = kiosk.window
        self.shop = shop
        self.clock = clock
        self.preview: PreviewFrame | None = None

    def card(self, holder: str) -> DemoCard:
        return next(card for card in self.shop.cards if card.holder == holder)

    def pump(self, ms: int = 150) -> None:
        """Let Qt run for ``ms`` milliseconds (queued signals, layouts, repaints)."""
        deadline = time.monotonic() + ms / 1000
        while time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.01)

    def wait_until(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{what} did not happen within {WAIT_SECONDS:g} s")
            self.pump(50)

    def on(self, name: str) -> bool:
        current = self.window.current
        return current is not None and current.objectName() == name

    def deliver(self, scan: Scan) -> None:
        """A scan from a device's own thread, as the camera or the NFC reader delivers it."""
        self.clock.advance()
        reader = threading.Thread(target=self.kiosk.bridge.on_scan, args=(scan,))
        reader.start()
        reader.join()

    def show_code(self, payload: str) -> None:
        self.deliver(Scan(ScanKind.QR, payload, source=CAMERA_URI))

    def open_card(self, holder: str) -> None:
        card = self.card(holder)
        self.show_code(card.url)
        self.wait_until(
            lambda: self.on("card") and self.window.card.card_id == card.card_instance_id,
            f"the card screen for {holder}",
        )

    def button(self, name: str, text: str | None = None) -> QPushButton:
        """The enabled, visible button with this object name (and text) in the window."""
        for button in self.window.findChildren(QPushButton, name):
            if button.isVisible() and button.isEnabled() and text in (None, button.text()):
                return button
        raise LookupError(f"no enabled button {name!r} {text or ''} on screen")

    def click(self, name: str, text: str | None = None) -> None:
        self.wait_until(lambda: self._has_button(name, text), f"the button {name!r}")
        self.button(name, text).click()
        self.pump()

    def _has_button(self, name: str, text: str | None) -> bool:
        try:
            self.button(name, text)
        except LookupError:
            return False
        return True

    def enter_pin_if_asked(self) -> None:
        if not self.on("pinPad"):
            return
        for digit in DEMO_MANAGER_PIN:
            self.click("pinDigit", digit)
        self.click("pinOk")
        self.wait_until(lambda: not self.on("pinPad"), "the manager PIN check")

    def show_preview(self, shown: Shown | None) -> None:
        """A camera picture on the Ready screen, with the code it holds outlined."""
        image = counter() if shown is None else with_phone(counter(), shown)
        codes = tuple(make_decoder("zxing").decode(as_gray(image)))
        self.preview = PreviewFrame(Frame(image, 0, 0, time.monotonic()), codes)
        self.kiosk.bridge.on_preview(self.preview)

    def resize(self, size: tuple[int, int]) -> None:
        self.window.resize(*size)
        self.pump(250)
        if self.preview is not None and self.on("ready"):
            self.kiosk.bridge.on_preview(self.preview)  # scaled to the new size
        self.pump(250)


def reach_ready(s: Session) -> None:
    s.window.show_ready()
    s.kiosk.bridge.on_device_state(DeviceState(CAMERA_URI, DeviceStatus.READY))
    s.kiosk.bridge.on_device_state(DeviceState(NFC_URI, DeviceStatus.READY))
    s.wait_until(lambda: s.window.badge.text() == "Online", "the first sync")
    s.show_preview(Shown(s.card("Alex").url, "Alex - stamp card"))


def reach_card(s: Session) -> None:
    s.open_card("Alex")


def reach_success(s: Session) -> None:
    if not s.on("card"):
        s.open_card("Alex")
    s.click("confirmButton")
    s.wait_until(lambda: s.on("success"), "the success screen")


def reach_celebration(s: Session) -> None:
    s.open_card("Sam")  # nine stamps: this purchase's one is the tenth
    s.click("confirmButton")
    s.wait_until(lambda: s.on("celebration"), "the reward-earned screen")


def reach_redeem_confirm(s: Session) -> None:
    sam = s.card("Sam").card_instance_id
    s.wait_until(
        lambda: bool(s.kiosk.writer.call(lambda o: o.rewards(sam, "ACTIVE"))),
        "Sam's reward coming back from the server",
    )
    s.open_card("Sam")
    s.click("redeemButton")
    s.wait_until(lambda: s.on("redeemConfirm"), "the redeem confirmation")


def reach_refused(s: Session) -> None:
    s.show_code(NOT_A_CARD.payload)
    s.wait_until(lambda: s.on("refused"), "the refused screen")


def reach_pin_pad(s: Session) -> None:
    gate = s.window.pin_gate
    if gate is None:
        raise LookupError("the window has no PIN gate")
    s.window.show_ready()
    gate.ask("Enter the manager PIN to leave kiosk mode.", lambda: None)
    s.click("pinDigit", DEMO_MANAGER_PIN[0])
    s.click("pinDigit", DEMO_MANAGER_PIN[1])


def through_nav(button: str) -> Callable[[Session], None]:
    """Reach a screen through its top-bar button, with the manager PIN when it asks."""

    def reach(s: Session) -> None:
        s.window.show_ready()
        s.pump()
        s.click(button)
        s.enter_pin_if_asked()

    return reach


def reach_corrections(s: Session) -> None:
    s.open_card("Alex")
    s.click("correctButton")
    s.enter_pin_if_asked()


Reach = Callable[[Session], None]

# How to bring each screen up, by object name, in the order they are taken.
REACH: dict[str, Reach] = {
    "ready": reach_ready,
    "card": reach_card,
    "success": reach_success,
    "celebration": reach_celebration,
    "redeemConfirm": reach_redeem_confirm,
    "refused": reach_refused,
    "pinPad": reach_pin_pad,
    "findCustomer": through_nav("findCustomerButton"),
    "events": through_nav("eventsButton"),
    "corrections": reach_corrections,
    "enrol": through_nav("enrolNavButton"),
    "settings": through_nav("settingsButton"),
}


def open_directly(s: Session) -> None:
    """For a screen without an entry in ``REACH``: nothing to do, it is opened as it is."""


def _current(s: Session) -> str:
    current = s.window.current
    return "nothing" if current is None else current.objectName() or type(current).__name__


def stack_screens(kiosk: Kiosk) -> list[QWidget]:
    """Every screen in the window's stack, in stack order."""
    stack = kiosk.window.stack
    return [w for w in (stack.widget(i) for i in range(stack.count())) if w is not None]


def _capture(s: Session, name: str, out: Path, sizes: Sequence[tuple[int, int]]) -> list[Path]:
    s.pump(300)
    taken = []
    for width, height in sizes:
        s.resize((width, height))
        folder = out / f"{width}x{height}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        if not s.window.grab().save(str(path), "PNG"):
            raise OSError(f"{path} could not be written")
        taken.append(path)
    return taken


def take_all(s: Session, out: Path, sizes: Sequence[tuple[int, int]]) -> list[Path]:
    """Bring up each screen of the stack in turn and save it at every size."""
    screens = {w.objectName(): w for w in stack_screens(s.kiosk)}
    unnamed = [w for name, w in screens.items() if not name]
    if unnamed:
        log.warning("%d screen(s) without an object name are left out", len(unnamed))
    ordered = [name for name in REACH if name in screens]
    ordered += sorted(name for name in screens if name and name not in REACH)
    taken: list[Path] = []
    for name in ordered:
        reach = REACH.get(name, open_directly)
        try:
            reach(s)
        except (LookupError, TimeoutError) as exc:
            log.warning("%s: opened directly (%s)", name, exc)
        if not s.on(name):
            if name in REACH:
                log.warning("%s: not reached (%s shows); opened directly", name, _current(s))
            s.window.open_screen(screens[name], HOLD_MS)
        taken += _capture(s, name, out, sizes)
    return taken


@contextmanager
def demo_kiosk(work: Path) -> Iterator[Session]:
    """A kiosk against a running demo shop; everything is stopped afterwards."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    load_style(app)
    server = DemoServer(work / "server")
    with ExitStack() as stack:
        stack.callback(server.stop)
        shop = open_demo_shop(server)
        clock = StepClock()
        config = demo_config(Config(), shop, CAMERA_URI, NFC_URI)
        kiosk = build_kiosk(
            config,
            work / "terminal",
            devices=(),
            outcome_ms=HOLD_MS,
            card_idle_ms=HOLD_MS,
            clock=clock,
        )
        stack.callback(kiosk.close)
        kiosk.window.resize(*SIZES[0])
        kiosk.window.show()
        kiosk.start()
        yield Session(kiosk, shop, clock)


def capture_screens(out: Path = HERE, sizes: Sequence[tuple[int, int]] = SIZES) -> list[Path]:
    """Screenshots of every screen at every size under ``out``; a QApplication is made if none
    exists (its platform is whatever Qt was started with)."""
    with (
        tempfile.TemporaryDirectory(prefix="stamp-screenshots-") as work,
        demo_kiosk(Path(work)) as session,
    ):
        return take_all(session, out, sizes)


@contextmanager
def xvfb(size: tuple[int, int]) -> Iterator[str]:
    """An X server in memory for the run; its display name (``:N``)."""
    read, write = os.pipe()
    screen = f"{size[0]}x{size[1]}x24"
    executable = shutil.which("Xvfb")
    if executable is None:
        raise SystemExit("Xvfb is not installed: apt-get install xvfb (or use --offscreen)")
    try:
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            dying_with_parent(
                executable, "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"
            ),
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError as exc:
        raise SystemExit(f"Xvfb could not be started: {exc}") from None
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the PNGs")
    parser.add_argument("--size", type=_size, action="append", help="WxH (repeatable)")
    parser.add_argument("--offscreen", action="store_true", help="Qt's offscreen platform")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    sizes = args.size or list(SIZES)
    with ExitStack() as stack:
        if args.offscreen:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            biggest = (max(w for w, _ in sizes), max(h for _, h in sizes))
            os.environ["DISPLAY"] = stack.enter_context(xvfb(biggest))
            os.environ["QT_QPA_PLATFORM"] = "xcb"
        app = QApplication(sys.argv[:1])
        for path in capture_screens(args.out, sizes):
            print(path.relative_to(args.out) if path.is_relative_to(args.out) else path)
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
