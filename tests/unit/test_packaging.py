"""The udev rule and the driver blacklist cover exactly the readers nfcpy can drive."""

from __future__ import annotations

import re
from pathlib import Path

from nfc.clf.device import usb_device_map

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def test_udev_rule_lists_every_usb_reader_nfcpy_supports() -> None:
    rules = (PACKAGING / "udev" / "60-stamp-terminal-nfc.rules").read_text(encoding="utf-8")
    pairs = {
        (int(vid, 16), int(pid, 16))
        for vid, pid in re.findall(
            r'idVendor}=="([0-9a-f]{4})", ATTRS{idProduct}=="([0-9a-f]{4})"', rules
        )
    }
    assert pairs == set(usb_device_map)


def test_blacklist_names_the_kernel_nfc_drivers() -> None:
    text = (PACKAGING / "modprobe" / "blacklist-stamp-terminal-nfc.conf").read_text(
        encoding="utf-8"
    )
    assert set(re.findall(r"^blacklist (\S+)$", text, re.MULTILINE)) == {
        "pn533", "pn533_usb", "port100", "nfc",
    }  # fmt: skip
