"""``stamp-terminal demo``: the kiosk on a demo shop with simulated devices, as a real process."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest


def run(args: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=timeout,
        check=False,
    )


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie or a reused pid that is no server counts as gone)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return b"serve" in cmdline and "State:\tZ" not in status


@pytest.fixture
def demo_run(tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    home = tmp_path / "home"
    done = run(
        ["-m", "app", "demo", "--windowed", "--simulate", "--exit-after-scans", "2"],
        {"STAMP_TERMINAL_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"},
        timeout=100,
    )
    return done, home


def test_the_demo_records_simulated_scans_syncs_them_and_stops_everything(
    demo_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    done, home = demo_run
    assert done.returncode == 0, done.stderr[-3000:]
    assert "camera: simulated" in done.stdout
    assert "NFC reader: simulated" in done.stdout
    assert "manager PIN  1234" in done.stdout
    summary: dict[str, Any] = json.loads((home / "demo" / "kiosk" / "demo.json").read_text())

    sent = json.loads(
        run(
            ["-m", "app", "events", "--state", "sent", "--json"],
            {"STAMP_TERMINAL_HOME": summary["terminalHome"]},
            timeout=60,
        ).stdout
    )
    # The first customer shows a phone to the camera, the second taps a tag on the reader.
    first_by: dict[str, str] = {}
    for card in summary["cards"]:
        first_by.setdefault(card["shownBy"], card["cardInstanceId"])
    assert [e["cardInstanceId"] for e in sent] == [first_by["camera"], first_by["nfc"]]
    assert {e["eventType"] for e in sent} == {"STAMP"}

    listed = run(
        ["-m", "server", "events", "list", "--limit", "100"],
        {"STAMP_SERVER_HOME": summary["serverHome"]},
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    received = {e["eventId"]: e for e in json.loads(listed.stdout)}
    for event in sent:
        assert received[event["eventId"]]["resultCode"] == 0
        assert received[event["eventId"]]["cardInstanceId"] == event["cardInstanceId"]

    assert not alive(summary["serverPid"])
    with pytest.raises(httpx.TransportError):
        httpx.get(summary["serverUrl"] + "/openapi.json", timeout=2.0)
    assert not (home / "terminal.sqlite3").exists(), "the demo used the real terminal database"


@pytest.fixture
def open_demo(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], dict[str, Any]]]:
    """A demo whose kiosk is open (it said so), and its summary; killed if still running."""
    home = tmp_path / "home"
    env = {**os.environ, "STAMP_TERMINAL_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    demo = subprocess.Popen(
        [sys.executable, "-m", "app", "demo", "--windowed", "--simulate"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert demo.stdout is not None
    try:
        deadline = time.monotonic() + 60
        seen = ""
        while "The kiosk is open" not in seen:
            assert time.monotonic() < deadline, f"the kiosk did not open: {seen}"
            ready, _, _ = select.select([demo.stdout], [], [], 1.0)
            if ready:
                line = demo.stdout.readline()
                assert line, f"the demo ended: {seen}"
                seen += line
        summary = json.loads((home / "demo" / "kiosk" / "demo.json").read_text())
        assert alive(summary["serverPid"])
        yield demo, summary
    finally:
        if demo.poll() is None:
            demo.kill()
        demo.wait()
        demo.stdout.close()


def wait_gone(pid: int, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_ctrl_c_ends_the_demo_cleanly(
    open_demo: tuple[subprocess.Popen[str], dict[str, Any]],
) -> None:
    demo, summary = open_demo
    demo.send_signal(signal.SIGINT)
    assert demo.wait(30) == 0
    assert not alive(summary["serverPid"])


def test_the_server_does_not_outlive_a_killed_demo(
    open_demo: tuple[subprocess.Popen[str], dict[str, Any]],
) -> None:
    demo, summary = open_demo
    demo.kill()
    demo.wait(30)
    assert wait_gone(summary["serverPid"])


def test_a_second_demo_on_the_same_data_directory_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "demo").mkdir(parents=True)
    env = {"STAMP_TERMINAL_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(home / "demo" / "kiosk.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        done = run(["-m", "app", "demo", "--windowed", "--simulate"], env, timeout=60)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert done.returncode == 5
    assert "another kiosk demo is running" in done.stderr
    assert done.stderr.count("\n") == 1


HOLD_LOCK = """
import fcntl, sys, time
lock = open(sys.argv[1], "w")
fcntl.flock(lock, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


def test_without_a_display_the_demo_says_so_and_starts_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "app", "demo"],
        capture_output=True,
        text=True,
        env={**env, "STAMP_TERMINAL_HOME": str(home)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 7
    assert "no display to open the kiosk on" in done.stderr
    assert "--headless" in done.stderr
    assert done.stderr.count("\n") == 1
    assert not (home / "demo").exists()
