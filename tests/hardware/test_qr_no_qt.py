"""The device layer stays free of Qt: every hardware module imported in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

IMPORT_ALL = """
import importlib, json, pkgutil, sys
import hardware
failed = {}
for info in pkgutil.walk_packages(hardware.__path__, "hardware."):
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed[info.name] = repr(exc)
from hardware.camera import make_decoder
for name in ("zxing", "pyzbar", "opencv"):
    make_decoder(name)
print(json.dumps({
    "modules": sorted(n for n in sys.modules if n.startswith("hardware.")),
    "failed": failed,
    "qt": sorted(n for n in sys.modules if n.startswith("PySide6")),
}))
"""


def test_no_hardware_module_imports_qt() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    result = json.loads(done.stdout)
    assert result["failed"] == {}
    assert "hardware.camera.reader" in result["modules"]
    assert "hardware.wedge" in result["modules"]
    assert result["qt"] == []
