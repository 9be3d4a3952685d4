"""The demonstration's devices: the real camera and NFC reader when present, simulated otherwise.

The simulated camera plays the picture folder of :mod:`app.demo_frames` (an ``images:``
source); the simulated NFC reader is nfcpy's ``udp`` driver reading an emulated NTAG213
(:mod:`hardware.nfc.emulator`). Customers come one at a time: each simulated device shows its
next customer only when :class:`CustomerTurns` gives it the turn, which the kiosk offers while
its Ready screen shows. Nothing here imports Qt.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import numpy as np

from app.config import Config
from app.demo_frames import FramePlan
from hardware.camera.files import ImageFolderSource
from hardware.camera.frames import Frame, FrameSource, Pacer, SourceInfo
from hardware.device import Device, DeviceState, DeviceStatus
from hardware.factory import open_device
from hardware.nfc.emulator import Ntag213Emulator, ntag213_image

log = logging.getLogger(__name__)

CAMERA, NFC = "camera", "nfc"
PROBE_SECONDS = 3.0
TAG_HOLD_SECONDS = 1.2


class CustomerTurns:
    """Whose turn it is to show a card: customers come one at a time, in a fixed order.

    ``offer`` opens the counter (the kiosk calls it while its Ready screen shows) and ``close``
    closes it (another screen shows). A device shows its next customer only when ``claim``
    gives it the turn; the counter then stays closed until it is offered again. A claim whose
    scan never reached the screen is given up after ``claim_timeout`` seconds. The turn of a
    real device (``real``: a person may show a card there) passes on after the counter has been
    open for ``real_turn_seconds``.
    """

    def __init__(
        self,
        order: Sequence[str],
        *,
        real: Collection[str] = (),
        real_turn_seconds: float = 12.0,
        claim_timeout: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.order = tuple(order)
        self._real = frozenset(real)
        self._real_turn = real_turn_seconds
        self._claim_timeout = claim_timeout
        self._clock = clock
        self._lock = threading.Lock()
        self._open = False
        self._opened_at = 0.0
        self._turn = 0
        self._claimed_at: float | None = None
        self.claims = 0

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._open

    @property
    def whose(self) -> str | None:
        """Who has the turn now (None: nobody ever does)."""
        with self._lock:
            return self.order[self._turn % len(self.order)] if self.order else None

    def offer(self) -> None:
        with self._lock:
            claimed = self._claimed_at
            if self._open:
                return
            if claimed is None or self._clock() - claimed >= self._claim_timeout:
                self._open = True
                self._opened_at = self._clock()
                self._claimed_at = None

    def close(self) -> None:
        with self._lock:
            self._open = False
            self._claimed_at = None

    def claim(self, who: str) -> bool:
        """True when the counter is open and it is ``who``'s turn; the turn is then used up."""
        with self._lock:
            if not self._open or not self.order:
                return False
            now = self._clock()
            if self._whose() in self._real and now - self._opened_at >= self._real_turn:
                self._turn += 1
                self._opened_at = now
            if self._whose() != who:
                return False
            self._open = False
            self._claimed_at = now
            self._turn += 1
            self.claims += 1
            return True

    def _whose(self) -> str:
        return self.order[self._turn % len(self.order)]


class TurnTakingFrames:
    """An unpaced picture folder played at ``plan.fps`` that waits for its turn before a code.

    When the next picture begins a code (``plan.starts``) and the camera does not get the turn,
    the empty counter before it stays in view; once a code begins, all its frames are shown.
    """

    def __init__(self, plan: FramePlan, turns: CustomerTurns, who: str = CAMERA) -> None:
        self.uri = plan.uri
        self._plan = plan
        self._turns = turns
        self._who = who
        self._inner = ImageFolderSource(plan.folder, fps=plan.fps, pace=False, uri=plan.uri)
        self._pacer = Pacer(plan.fps)
        self._held: Frame | None = None
        self._previous: np.ndarray | None = None
        self._seq = 0

    def open(self) -> None:
        self._inner.open()
        self._pacer.reset()
        self._held = None

    def read(self) -> Frame | None:
        self._pacer.wait()
        frame = self._held
        if frame is None:
            frame = self._inner.read()
            if frame is None:
                return None
            if frame.index in self._plan.starts and not self._turns.claim(self._who):
                self._held = frame
        elif self._turns.claim(self._who):
            self._held = None
        if self._held is not None:
            shown = self._previous if self._previous is not None else np.zeros_like(frame.image)
        else:
            shown = frame.image
            self._previous = shown
        out = Frame(shown, self._seq, frame.index, time.monotonic())
        self._seq += 1
        return out

    def close(self) -> None:
        self._inner.close()

    def describe(self) -> SourceInfo:
        info = self._inner.describe()
        return SourceInfo(info.uri, info.width, info.height, self._plan.fps, detail=info.detail)


class TagTapper:
    """Lays the emulated tag on the simulated reader on the NFC reader's turn, then lifts it."""

    def __init__(
        self, tag: Ntag213Emulator, turns: CustomerTurns, hold: float = TAG_HOLD_SECONDS
    ) -> None:
        self.tag = tag
        self._turns = turns
        self._hold = hold
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.taps = 0

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="demo-tag-tapper", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5.0)
        self.tag.remove()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            if not self._turns.claim(NFC):
                continue
            self.tag.present()
            self.taps += 1
            self._stop.wait(self._hold)
            self.tag.remove()


@dataclass
class DemoDevices:
    """The kiosk's devices for the demo, and the simulation behind the simulated ones."""

    devices: list[Device]
    turns: CustomerTurns
    camera: str
    nfc_device: str
    notes: list[str] = field(default_factory=list)
    tapper: TagTapper | None = None

    def start(self) -> None:
        """Start the simulation; the kiosk starts the devices themselves."""
        if self.tapper is not None:
            self.tapper.start()

    def close(self) -> None:
        """Stop the simulation (after the kiosk stopped its devices)."""
        if self.tapper is not None:
            self.tapper.stop()
            self.tapper.tag.close()


def probe(uris: Sequence[str], decoder: str, wait: float = PROBE_SECONDS) -> dict[str, DeviceState]:
    """Open each device for at most ``wait`` seconds: ready, or the state that says why not."""
    devices = {uri: open_device(uri, decoder=decoder) for uri in uris}
    changed = threading.Event()
    for device in devices.values():
        device.start(lambda scan: None, lambda state: changed.set())
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if all(d.state.status is not DeviceStatus.STOPPED for d in devices.values()):
            break
        changed.wait(0.05)
        changed.clear()
    states = {uri: device.state for uri, device in devices.items()}
    for device in devices.values():
        device.stop()
    return states


def real_devices(config: Config, wait: float = PROBE_SECONDS) -> dict[str, str]:
    """The configured camera and NFC reader that answer now, by role (``camera``, ``nfc``)."""
    wanted = {role: uri for role, uri in ((CAMERA, config.camera), (NFC, config.nfc_device)) if uri}
    states = probe(list(wanted.values()), config.decoder, wait) if wanted else {}
    return {role: uri for role, uri in wanted.items() if states[uri].status is DeviceStatus.READY}


def demo_devices(
    config: Config,
    plan: FramePlan,
    tag_uid: str,
    *,
    simulate: bool,
    probe_seconds: float = PROBE_SECONDS,
) -> DemoDevices:
    """Real devices that are configured and present; a simulated camera and reader otherwise.

    ``tag_uid`` (hex) is the UID of the emulated tag; ``simulate`` skips looking for real ones.
    """
    real = {} if simulate else real_devices(config, probe_seconds)
    # The simulated camera has two customers and a sign, the simulated reader one customer.
    order = [CAMERA, NFC] if CAMERA in real else [CAMERA, NFC, CAMERA, CAMERA]
    turns = CustomerTurns(order if len(real) < 2 else (), real=real)
    devices: list[Device] = []
    notes: list[str] = []
    camera = real.get(CAMERA, plan.uri)
    if CAMERA in real:
        devices.append(open_device(camera, decoder=config.decoder))
        notes.append(f"camera: {camera} (hold a card code up to it)")
    else:
        from hardware.camera import QrReader  # noqa: PLC0415 - OpenCV only when used

        source: FrameSource = TurnTakingFrames(plan, turns)
        devices.append(QrReader(plan.uri, decoder=config.decoder, source=source))
        notes.append(f"camera: simulated, pictures in {plan.folder}")
    tapper = None
    if NFC in real:
        nfc_device = real[NFC]
        devices.append(open_device(nfc_device, decoder=config.decoder))
        notes.append(f"NFC reader: {nfc_device}")
    else:
        from hardware.nfc import NfcReader  # noqa: PLC0415 - nfcpy only when used

        tag = Ntag213Emulator(blank_ntag213_with_uid(tag_uid), present=False)
        tag.start()
        tapper = TagTapper(tag, turns)
        nfc_device = tag.uri
        devices.append(NfcReader(nfc_device, targets=("106A",)))
        notes.append(f"NFC reader: simulated ({nfc_device}), a tag with UID {tag_uid}")
    if config.wedge_device:
        devices.append(open_device(config.wedge_device))
    return DemoDevices(devices, turns, camera, nfc_device, notes, tapper)


def blank_ntag213_with_uid(tag_uid: str) -> bytearray:
    """A formatted, empty NTAG213 whose 7-byte UID is ``tag_uid`` (hex)."""
    uid = bytes.fromhex(tag_uid)
    if len(uid) != 7:
        raise ValueError(f"an NTAG213 has a 7-byte UID, not {tag_uid!r}")
    return ntag213_image(b"", uid=uid)
