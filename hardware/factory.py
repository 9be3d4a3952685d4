"""Devices by URI, in one place, as nfcpy picks its drivers by path.

``camera:0``, ``camera:/dev/video0``, ``video:FILE``, ``images:DIR`` -> a camera QR reader;
``usb``, ``usb:VID:PID``, ``tty:USB0:pn532``, ``udp:HOST:PORT`` -> an NFC reader;
``wedge:/dev/input/...`` -> a keyboard-wedge scanner read through evdev. Anything else, or a
device whose library cannot load, is an :class:`UnavailableDevice` that carries its reason.
"""

from __future__ import annotations

from hardware.device import Device, DeviceState, DeviceStatus, ScanCallback, StateCallback

CAMERA_SCHEMES = ("camera", "video", "images")
NFC_SCHEMES = ("usb", "tty", "udp")
WEDGE_SCHEME = "wedge"


class UnavailableDevice:
    """A device that cannot be used at all; its state says why and what to do."""

    def __init__(self, uri: str, message: str) -> None:
        self._state = DeviceState(uri, DeviceStatus.ERROR, message)

    @property
    def state(self) -> DeviceState:
        return self._state

    def start(self, on_scan: ScanCallback, on_state: StateCallback | None = None) -> None:
        if on_state is not None:
            on_state(self._state)

    def stop(self, timeout: float | None = 5.0) -> None:
        """Nothing runs."""


def scheme_of(uri: str) -> str:
    return uri.split(":", 1)[0].strip().lower()


def open_device(uri: str, *, decoder: str = "zxing") -> Device:
    """The device for ``uri``; it starts reading when its ``start`` is called."""
    scheme = scheme_of(uri)
    try:
        if scheme in CAMERA_SCHEMES:
            from hardware.camera import QrReader  # noqa: PLC0415 - OpenCV only when used

            return QrReader(uri, decoder=decoder)
        if scheme in NFC_SCHEMES:
            from hardware.nfc import NfcReader  # noqa: PLC0415 - nfcpy only when used

            return NfcReader(uri)
        if scheme == WEDGE_SCHEME:
            from hardware.wedge import EvdevWedgeReader  # noqa: PLC0415

            return EvdevWedgeReader(uri.split(":", 1)[1])
    except ImportError as exc:
        return UnavailableDevice(uri, f"The software for {uri} is not installed ({exc}).")
    return UnavailableDevice(
        uri,
        f"'{uri}' is not a device address: use camera:0, video:FILE, images:FOLDER, usb, "
        "usb:VID:PID, tty:USB0:pn532, udp:HOST:PORT or wedge:/dev/input/by-id/...",
    )
