"""A small typed layer over nfcpy's ``ContactlessFrontend``: open a reader by URI, poll for tags.

nfcpy reports a reader that is absent or failing as ``OSError`` when opening it, but inside
``connect()`` it logs the ``OSError`` and returns ``False``; ``poll`` turns that into
``PollOutcome.FAILED``. Its ``udp`` driver never fails to open, so an absent simulator peer is
found by a probe (``udp_peer_answers``).
"""

from __future__ import annotations

import enum
import errno
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import nfc
import nfc.clf

from hardware.device import DeviceStatus
from hardware.nfc.errors import NfcDeviceError
from hardware.nfc.tag import TagHandle

DEFAULT_TARGETS = ("106A", "212F")
KINDS = ("usb", "tty", "com", "udp")
UDP_DEFAULT_HOST, UDP_DEFAULT_PORT = "localhost", 54321
DRIVER_HINT = (
    "On Linux the kernel drivers pn533, pn533_usb and port100 must be blacklisted and the "
    "udev rule from packaging/ installed; unplug the reader and plug it back in after that."
)


class PollOutcome(enum.Enum):
    TAG = "tag"  # a tag was activated and handed to the callback
    ENDED = "ended"  # ``terminate`` returned true before a tag came
    FAILED = "failed"  # the reader stopped answering (nfcpy swallowed an OSError)


@dataclass(frozen=True, slots=True)
class ReaderAddress:
    """A reader URI taken apart: ``usb[:VID:PID]``, ``tty:USB0:pn532``, ``udp[:HOST[:PORT]]``."""

    uri: str
    kind: str
    host: str = ""
    port: int = 0

    @classmethod
    def parse(cls, uri: str) -> ReaderAddress:
        parts = uri.strip().split(":")
        if parts[0] not in KINDS:
            raise NfcDeviceError(
                DeviceStatus.ERROR,
                f"'{uri}' is not an NFC reader address; use usb, usb:VID:PID (usb:072f:2200 for "
                "an ACR122U), tty:USB0:pn532 or udp:HOST:PORT in the settings.",
            )
        if parts[0] != "udp":
            return cls(uri, parts[0])
        host = parts[1] if len(parts) > 1 and parts[1] else UDP_DEFAULT_HOST
        try:
            port = int(parts[2]) if len(parts) > 2 and parts[2] else UDP_DEFAULT_PORT
        except ValueError:
            port = -1
        if not 0 < port < 65536:
            raise NfcDeviceError(DeviceStatus.ERROR, f"'{uri}' has no valid UDP port number.")
        try:
            service = socket.getservbyport(port, "udp")
        except OSError:
            return cls(uri, "udp", host, port)
        raise NfcDeviceError(
            DeviceStatus.ERROR,
            f"nfcpy's udp driver cannot use port {port} of '{uri}' because it has a service name "
            f"({service}); choose another port.",
        )

    @property
    def nfcpy_path(self) -> str:
        """The path nfcpy opens, with the udp defaults filled in."""
        if self.kind == "udp":
            return f"udp:{self.host}:{self.port}"
        return self.uri.strip()


def udp_peer_answers(host: str, port: int, *, attempts: int = 2, wait: float = 0.03) -> bool:
    """False when nothing listens on the UDP port: the kernel answers "port unreachable".

    An empty datagram is sent on a connected socket; nfcpy's udp peers ignore it. The port must be
    found closed on every attempt, since nfcpy's own emulation rebinds between its listen calls.
    """
    for attempt in range(attempts):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.settimeout(wait)
            try:
                sock.connect((socket.gethostbyname(host), port))
                sock.send(b"")
                sock.recv(1)
            except ConnectionRefusedError:
                if attempt + 1 < attempts:
                    time.sleep(wait)
                continue
            except TimeoutError:
                return True
            return True
    return False


def device_error(address: ReaderAddress, exc: BaseException) -> NfcDeviceError:
    """Explain an opening failure to the installer: what to plug, blacklist, install or replug."""
    code = getattr(exc, "errno", None)
    where = address.uri
    if address.kind in ("tty", "com"):
        if code in (errno.EACCES, errno.EPERM):
            return NfcDeviceError(
                DeviceStatus.ERROR,
                f"No permission to open the serial NFC reader {where}; add the kiosk user to the "
                "'dialout' group and log in again.",
            )
        return NfcDeviceError(
            DeviceStatus.MISSING,
            f"No NFC reader answers at {where}; check the cable, the port name and the driver "
            "name (pn532 or arygon) in the settings.",
        )
    if code == errno.ENODEV:
        return NfcDeviceError(
            DeviceStatus.MISSING,
            f"No NFC reader found at {where}. Plug the reader in. {DRIVER_HINT}",
        )
    if code in (errno.EACCES, errno.EPERM):
        return NfcDeviceError(
            DeviceStatus.ERROR,
            f"No permission to open the NFC reader at {where}; install the udev rule from "
            "packaging/ and plug the reader in again.",
        )
    if code == errno.EBUSY:
        return NfcDeviceError(
            DeviceStatus.ERROR,
            f"The NFC reader at {where} is held by another driver or program. {DRIVER_HINT}",
        )
    return NfcDeviceError(
        DeviceStatus.ERROR,
        f"The NFC reader at {where} could not be opened ({exc}); unplug it and plug it back in "
        "(an ACR122U needs this after it timed out).",
    )


def stopped_answering(uri: str) -> NfcDeviceError:
    return NfcDeviceError(
        DeviceStatus.ERROR,
        f"The NFC reader at {uri} stopped answering; reconnecting. If this repeats, unplug it and "
        "plug it back in (an ACR122U times out this way).",
    )


def udp_missing(address: ReaderAddress) -> NfcDeviceError:
    return NfcDeviceError(
        DeviceStatus.MISSING,
        f"No NFC simulator answers at {address.uri}; start the tag emulator on "
        f"{address.host}:{address.port} or fix the reader address in the settings.",
    )


class Frontend:
    """One opened reader; used by one thread at a time."""

    def __init__(self, clf: Any, address: ReaderAddress) -> None:
        self._clf = clf
        self.address = address

    @classmethod
    def open(cls, uri: str) -> Frontend:
        """Open the reader at ``uri`` or raise ``NfcDeviceError`` saying what to check."""
        address = ReaderAddress.parse(uri)
        if address.kind == "udp":
            try:
                answers = udp_peer_answers(address.host, address.port)
            except OSError as exc:
                raise NfcDeviceError(
                    DeviceStatus.ERROR, f"The NFC simulator address {uri} is unusable ({exc})."
                ) from exc
            if not answers:
                raise udp_missing(address)
        try:
            clf = nfc.ContactlessFrontend(address.nfcpy_path)
        except OSError as exc:
            raise device_error(address, exc) from exc
        except ValueError as exc:
            raise NfcDeviceError(
                DeviceStatus.ERROR, f"'{uri}' is not a usable NFC reader address ({exc})."
            ) from exc
        return cls(clf, address)

    @property
    def simulated(self) -> bool:
        return self.address.kind == "udp"

    def peer_answers(self) -> bool:
        """For a ``udp`` reader, whether the simulator is still there; always true otherwise."""
        if not self.simulated:
            return True
        try:
            return udp_peer_answers(self.address.host, self.address.port)
        except OSError:
            return False

    def poll(
        self,
        *,
        targets: Sequence[str],
        interval: float,
        on_tag: Callable[[TagHandle], bool],
        terminate: Callable[[], bool],
        on_release: Callable[[], None] | None = None,
        beep: bool = False,
    ) -> PollOutcome:
        """Sense ``targets`` until a tag comes or ``terminate()``; ``on_tag`` runs on this thread.

        ``on_tag`` returns True to wait (inside nfcpy) until the tag leaves the field, False to
        return at once. A simulated reader senses each target once per round (each sense with no
        tag waits 1 s in nfcpy's udp driver); a real one ``iterations`` times, ``interval`` apart.
        """
        iterations = 1 if self.simulated else max(1, round(0.25 / max(interval, 0.001)))

        def released(tag: Any) -> bool:
            if on_release is not None:
                on_release()
            return True

        result = self._clf.connect(
            rdwr={
                "targets": list(targets),
                "interval": interval,
                "iterations": iterations,
                "on-connect": lambda tag: on_tag(TagHandle(tag)),
                "on-release": released,
                "beep-on-connect": beep,
            },
            terminate=terminate,
        )
        if result is False:
            return PollOutcome.FAILED
        return PollOutcome.ENDED if result is None else PollOutcome.TAG

    def first_tag(
        self, targets: Sequence[str], timeout: float, interval: float = 0.05
    ) -> TagHandle | None:
        """The first tag sensed within ``timeout`` seconds, left activated; None when none came."""
        deadline = time.monotonic() + timeout
        found: list[TagHandle] = []

        def keep(tag: TagHandle) -> bool:
            found.append(tag)
            return False

        outcome = self.poll(
            targets=targets,
            interval=interval,
            on_tag=keep,
            terminate=lambda: bool(found) or time.monotonic() >= deadline,
        )
        if outcome is PollOutcome.FAILED:
            raise stopped_answering(self.address.uri)
        return found[0] if found else None

    def close(self) -> None:
        self._clf.close()
