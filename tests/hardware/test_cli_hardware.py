"""``stamp-terminal nfc read|write`` and ``devices`` as real processes against emulated devices."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from nfc_emulators import CARD_URL, Ntag213Emulator, blank_ntag213, locked_ntag213, uri_ntag213
from qr_images import write_video


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=False,
    )


def test_nfc_read_prints_the_tag() -> None:
    with Ntag213Emulator(uri_ntag213()) as tag:
        done = cli("nfc", "read", "--device", tag.uri, "--timeout", "5")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["uid"] == "04A1B2C3D4E5F6"
    assert found["payload"] == CARD_URL


def test_nfc_write_then_read_back() -> None:
    with Ntag213Emulator(blank_ntag213()) as tag:
        written = cli("nfc", "write", CARD_URL, "--device", tag.uri, "--timeout", "5")
        assert written.returncode == 0, written.stderr
        assert json.loads(written.stdout)["verified"] is True
        again = cli("nfc", "read", "--device", tag.uri, "--timeout", "5")
    assert json.loads(again.stdout)["payload"] == CARD_URL


def test_nfc_write_on_a_locked_tag_says_so() -> None:
    with Ntag213Emulator(locked_ntag213()) as tag:
        done = cli("nfc", "write", CARD_URL, "--device", tag.uri, "--timeout", "5")
    assert done.returncode == 7
    assert "lock" in done.stderr.lower()
    assert len(done.stderr.strip().splitlines()) == 1


def test_devices_reports_ready_and_missing(tmp_path: Path) -> None:
    video = tmp_path / "counter.avi"
    write_video(video, [(None, 10), (CARD_URL, 10)])
    with Ntag213Emulator(present=False) as tag:
        done = cli(
            "--camera", f"video:{video}?loop=1",
            "--nfc-device", tag.uri,
            "--wedge-device", "wedge:/dev/input/by-id/no-such-scanner-event-kbd",
            "devices", "--json",
        )  # fmt: skip
    report = json.loads(done.stdout)
    states = {entry["role"]: entry for entry in report["configured"]}
    assert states["camera"]["state"] == "ready", states["camera"]
    assert states["nfc"]["state"] == "ready", states["nfc"]
    assert states["scanner"]["state"] == "missing"
    assert "no-such-scanner" in states["scanner"]["message"]
    assert done.returncode == 7
