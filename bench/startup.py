"""Kiosk start-up: from process start to the Ready screen painted, against a bare Qt window.

Usage: ``python bench/startup.py [--runs 10] [--platform offscreen]``. Each run is a fresh
process (this file with ``--child``) timed from just before it is started to the first paint of
what it shows, read on the system-wide monotonic clock the child shares with this process. The
kiosk child does what ``stamp-terminal run`` does (QApplication, style sheet, ``build_kiosk``
with the configured devices, which here are the defaults ``camera:0`` and ``usb``, start, full
screen) on a terminal database made by a warm-up run, without a server; the baseline child shows
an empty ``QMainWindow`` from a bare ``QApplication``. The two alternate, after one warm-up run
of each. Prints p50 and max of both, the kiosk's phases, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_MS = 30000
PHASES = (
    ("imported", "interpreter + imports"),
    ("application", "QApplication"),
    ("built", "window built"),
    ("shown", "shown to first paint"),
)


def _first_paint(app: Any, widget: Any, seen: dict[str, float]) -> Any:
    """An event filter that notes the first paint of ``widget`` and ends the event loop.

    ``exit`` rather than ``quit``: a kiosk window in full screen refuses to close without the
    manager PIN, and ``quit`` asks every window first.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: PLC0415 - in the child only

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "shown" not in seen:
                seen["shown"] = time.monotonic()
                QTimer.singleShot(0, lambda: app.exit(0))
            return False

    watcher = FirstPaint()
    widget.installEventFilter(watcher)
    QTimer.singleShot(TIMEOUT_MS, lambda: app.exit(0))
    return watcher


def child_baseline() -> dict[str, float]:
    from PySide6.QtWidgets import (  # noqa: PLC0415 - timed in the child
        QApplication,
        QMainWindow,
        QWidget,
    )

    seen = {"imported": time.monotonic()}
    app = QApplication(sys.argv[:1])
    seen["application"] = time.monotonic()
    window = QMainWindow()
    content = QWidget()
    window.setCentralWidget(content)
    seen["built"] = time.monotonic()
    watcher = _first_paint(app, content, seen)
    window.showFullScreen()
    app.exec()
    del watcher
    return seen


def child_kiosk(home: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - timed in the child

    from app.config import Config  # noqa: PLC0415
    from app.ui.app import build_kiosk, load_style  # noqa: PLC0415

    seen = {"imported": time.monotonic()}
    app = QApplication(sys.argv[:1])
    load_style(app)
    seen["application"] = time.monotonic()
    kiosk = build_kiosk(Config(), home)
    seen["built"] = time.monotonic()
    watcher = _first_paint(app, kiosk.window.ready, seen)
    try:
        kiosk.start()
        kiosk.window.showFullScreen()
        app.exec()
    finally:
        kiosk.close()
    del watcher
    return seen


def run_child(variant: str, home: Path, platform: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "PYTHONPATH": str(ROOT)}
    for name in list(env):
        if name.startswith("STAMP_TERMINAL_"):
            del env[name]
    env["STAMP_TERMINAL_HOME"] = str(home)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", variant, str(home)]
    started = time.monotonic()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{variant} child failed: {done.stderr[-2000:]}")
    seen: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    if "shown" not in seen:
        raise RuntimeError(f"{variant} child never painted within {TIMEOUT_MS} ms")
    return {name: (value - started) * 1000 for name, value in seen.items()}


def _p50(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM of the children")
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "HOME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        variant, home = args.child
        seen = child_kiosk(Path(home)) if variant == "kiosk" else child_baseline()
        print(json.dumps(seen))
        return
    runs: dict[str, list[dict[str, float]]] = {"baseline": [], "kiosk": []}
    with tempfile.TemporaryDirectory() as directory:
        home = Path(directory) / "terminal"
        for variant in runs:
            run_child(variant, home, args.platform)  # warm-up; makes the kiosk's database
        for _ in range(args.runs):
            for variant, timings in runs.items():
                timings.append(run_child(variant, home, args.platform))
    shown = {variant: [t["shown"] for t in timings] for variant, timings in runs.items()}
    print(
        f"process start to first paint, QT_QPA_PLATFORM={args.platform}, n={args.runs} runs "
        "each (after 1 warm-up each), a fresh process per run"
    )
    print(f"{'variant':<46}{'p50 ms':>9}{'max ms':>9}")
    labels = {
        "baseline": "bare QApplication + empty QMainWindow",
        "kiosk": "kiosk (as stamp-terminal run): Ready painted",
    }
    for variant, values in shown.items():
        print(f"{labels[variant]:<46}{_p50(values):>9.0f}{max(values):>9.0f}")
    for variant, timings in runs.items():
        phases = []
        last = 0.0
        for name, label in PHASES:
            at = _p50([t[name] for t in timings])
            phases.append(f"{label} {at - last:.0f}")
            last = at
        print(f"  {variant} phases, p50 ms each: " + ", ".join(phases))
    p50 = _p50(shown["kiosk"]) / _p50(shown["baseline"])
    worst = max(shown["kiosk"]) / max(shown["baseline"])
    extra = _p50(shown["kiosk"]) - _p50(shown["baseline"])
    print(f"kiosk/bare: p50 x{p50:.2f} (+{extra:.0f} ms), max x{worst:.2f}")


if __name__ == "__main__":
    main()
