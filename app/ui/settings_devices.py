"""The devices section of the settings, without Qt: what is plugged in, and states in words."""

from __future__ import annotations

import glob
import re
from pathlib import Path

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


STATE_WORDS = {
    DeviceStatus.READY: ("Working", "ok"),
    DeviceStatus.MISSING: ("Not found", "warn"),
    DeviceStatus.ERROR: ("Not working", "bad"),
    DeviceStatus.STOPPED: ("Starting", "warn"),
}


def device_state_text(uri: str, state: DeviceState | None) -> tuple[str, str]:
    """A device's state in words, with its tone, for the address the kiosk runs with."""
    if not uri:
        return "Not used.", "ok"
    if state is None:
        return "No state yet: this kiosk has not opened this device.", "warn"
    word, tone = STATE_WORDS[state.status]
    if state.message and state.status is not DeviceStatus.READY:
        return f"{word} — {state.message}", tone
    return f"{word}.", tone
