"""Keyboard-wedge scanners: key events in the kernel's format, through a real file descriptor."""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.domain.scan import Scan, ScanKind
from hardware.device import DeviceState, DeviceStatus
from hardware.keymap import KEY_ENTER, KEY_LEFTSHIFT, KEYS
from hardware.wedge import EV_KEY, EVENT, PRESS, RELEASE, EvdevWedgeReader, KeystrokeDecoder

CODE_OF = {plain: (code, False) for code, (plain, _) in KEYS.items() if code < 71}
CODE_OF.update({shifted: (code, True) for code, (plain, shifted) in KEYS.items() if code < 71})
CARD_URL = "https://shop.example/c/0131cef8-56e1-461a-b82b-7e220b925481.Ab_9-x"


def key_events(text: str) -> bytes:
    """What a scanner's keyboard sends for ``text`` and Enter, with SYN events in between."""
    out = b""

    def emit(kind: int, code: int, value: int) -> bytes:
        return EVENT.pack(0, 0, kind, code, value) + EVENT.pack(0, 0, 0, 0, 0)

    for ch in text:
        code, shifted = CODE_OF[ch]
        if shifted:
            out += emit(EV_KEY, KEY_LEFTSHIFT, PRESS)
        out += emit(EV_KEY, code, PRESS) + emit(EV_KEY, code, RELEASE)
        if shifted:
            out += emit(EV_KEY, KEY_LEFTSHIFT, RELEASE)
    return out + emit(EV_KEY, KEY_ENTER, PRESS) + emit(EV_KEY, KEY_ENTER, RELEASE)


def test_decoder_types_a_card_url_with_shift() -> None:
    decoder = KeystrokeDecoder()
    lines = []
    for _s, _u, kind, code, value in EVENT.iter_unpack(key_events(CARD_URL)):
        if kind == EV_KEY and (line := decoder.feed(code, value)) is not None:
            lines.append(line)
    assert lines == [CARD_URL]


def test_decoder_drops_an_endless_line_and_empty_enters() -> None:
    decoder = KeystrokeDecoder()
    for _ in range(3000):
        decoder.feed(30, PRESS)
    assert decoder.feed(KEY_ENTER, PRESS) is None
    assert decoder.feed(KEY_ENTER, PRESS) is None
    decoder.feed(2, PRESS)
    assert decoder.feed(KEY_ENTER, PRESS) == "1"


def test_reader_on_a_fifo_reports_scans_and_recovers_when_plugged(tmp_path: Path) -> None:
    device = tmp_path / "event-kbd"
    scans: list[Scan] = []
    states: list[DeviceState] = []
    reader = EvdevWedgeReader(str(device), retry_seconds=0.05)
    reader.start(scans.append, states.append)
    try:
        deadline = time.monotonic() + 5
        while reader.state.status is not DeviceStatus.MISSING and time.monotonic() < deadline:
            time.sleep(0.01)
        assert reader.state.status is DeviceStatus.MISSING
        assert str(device) in reader.state.message
        os.mkfifo(device)
        writer = os.open(device, os.O_WRONLY)  # blocks until the reader has opened it
        try:
            os.write(writer, key_events(CARD_URL))
            os.write(writer, key_events("+49 151 2345678"))
            deadline = time.monotonic() + 5
            while len(scans) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
        finally:
            os.close(writer)
    finally:
        reader.stop()
    assert [s.payload for s in scans] == [CARD_URL, "+49 151 2345678"]
    assert {s.kind for s in scans} == {ScanKind.WEDGE}
    assert [s.status for s in states][:2] == [DeviceStatus.MISSING, DeviceStatus.READY]
