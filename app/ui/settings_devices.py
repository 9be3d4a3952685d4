"""The devices section of the settings: what is plugged in, and states in words.

No widgets here; the words are Qt translations (``SettingsDevices`` context), rendered when called.
"""

from __future__ import annotations

import glob
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hardware.device import DeviceState, DeviceStatus

_VIDEO = re.compile(r"/dev/video(\d+)$")


def found_devices(dev: Path = Path("/dev")) -> dict[str, tuple[str, ...]]:
    """Device addresses found on this computer, by key: cameras (by their stable name first),
    ``usb`` for an NFC reader, and keyboard-wedge scanners."""
    links = sorted(glob.glob(str(dev / "v4l" / "by-id" / "*")))
    videos = sorted(glob.glob(str(dev / "video*")), key=_video_number)
    cameras = [f"camera:{link}" for link in links]
    cameras += [f"camera:{_video_number(path)}" for path in videos if _VIDEO.search(path)]
    keyboards = sorted(glob.glob(str(dev / "input" / "by-id" / "*-event-kbd")))
    return {
        "camera": tuple(cameras),
        "nfc_device": ("usb",),
        "wedge_device": tuple(f"wedge:{path}" for path in keyboards),
    }


def _video_number(path: str) -> int:
    match = _VIDEO.search(path)
    return int(match.group(1)) if match else -1


def state_word(status: DeviceStatus) -> tuple[str, str]:
    """A device status in a word, with its tone."""
    words = {
        DeviceStatus.READY: (QCoreApplication.translate("SettingsDevices", "Working"), "ok"),
        DeviceStatus.MISSING: (QCoreApplication.translate("SettingsDevices", "Not found"), "warn"),
        DeviceStatus.ERROR: (QCoreApplication.translate("SettingsDevices", "Not working"), "bad"),
        DeviceStatus.STOPPED: (QCoreApplication.translate("SettingsDevices", "Starting"), "warn"),
    }
    return words[status]


def device_state_text(uri: str, state: DeviceState | None) -> tuple[str, str]:
    """A device's state in words, with its tone, for the address the kiosk runs with (the
    device's own message is shown as the device gave it)."""
    if not uri:
        return QCoreApplication.translate("SettingsDevices", "Not used."), "ok"
    if state is None:
        return QCoreApplication.translate(
            "SettingsDevices", "No state yet: this kiosk has not opened this device."
        ), "warn"
    word, tone = state_word(state.status)
    if state.message and state.status is not DeviceStatus.READY:
        return QCoreApplication.translate("SettingsDevices", "{state} — {message}").format(
            state=word, message=state.message
        ), tone
    return QCoreApplication.translate("SettingsDevices", "{state}.").format(state=word), tone
