"""Build the terminal bundle and its Debian package once, and run them as an installer would.

The build scripts live in ``packaging/`` (not an importable package: its name is taken by the
``packaging`` library), so they run as programs, and :func:`load_script` loads one of their
modules by path for the tests of their functions.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import cv2
import numpy as np
import qrcode

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
BUNDLE_ENV = "STAMP_BUNDLE_DIR"


def load_script(name: str) -> ModuleType:
    """A module of ``packaging/`` (``build_deb``, ``elf_runpath``, ...), loaded by path."""
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))  # the scripts import each other by name
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Built:
    """A bundle copied where an installer would put it, and the package built from it."""

    bundle: Path  # .../opt/stamp-terminal, outside the source tree
    deb: Path
    bundle_seconds: float
    deb_seconds: float

    @property
    def program(self) -> Path:
        return self.bundle / "stamp-terminal"


def _run_script(*arguments: str) -> None:
    done = subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, (
        f"{arguments[0]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )


def build(workdir: Path) -> Built:
    """The bundle (built here, or the one ``$STAMP_BUNDLE_DIR`` names) and its package."""
    started = time.monotonic()
    prebuilt = os.environ.get(BUNDLE_ENV)
    if prebuilt:
        source = Path(prebuilt)
    else:
        _run_script(
            "packaging/build_bundle.py",
            "--dist",
            str(workdir / "dist"),
            "--work",
            str(workdir / "work"),
        )
        source = workdir / "dist" / "stamp-terminal"
    bundle_seconds = time.monotonic() - started
    installed = workdir / "opt" / "stamp-terminal"
    shutil.copytree(source, installed, symlinks=True)
    if not prebuilt:
        shutil.rmtree(source)
    started = time.monotonic()
    _run_script(
        "packaging/build_deb.py",
        "--bundle",
        str(installed),
        "--out",
        str(workdir / "debs"),
        "--compression",
        "gzip",
        "--level",
        "1",
    )
    (deb,) = (workdir / "debs").glob("stamp-terminal_*.deb")
    return Built(installed, deb, bundle_seconds, time.monotonic() - started)


def clean_environment(home: Path, **extra: str) -> dict[str, str]:
    """What a freshly booted box gives a program: no PYTHONPATH, no virtual environment."""
    return {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "STAMP_TERMINAL_HOME": str(home),
        **extra,
    }


def run_program(
    program: Path, *arguments: str, home: Path, cwd: Path, timeout: float = 120, **extra: str
) -> subprocess.CompletedProcess[str]:
    """Run the bundle's program with a clean environment, from ``cwd``."""
    return subprocess.run(
        [str(program), *arguments],
        env=clean_environment(home, **extra),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def write_qr_png(path: Path, text: str) -> Path:
    """A black-on-white QR code holding ``text``, 8 pixels a module, with its quiet zone."""
    code = qrcode.QRCode(border=4)
    code.add_data(text)
    code.make(fit=True)
    modules = np.where(np.array(code.get_matrix(), dtype=bool), 0, 255).astype(np.uint8)
    assert cv2.imwrite(str(path), np.kron(modules, np.ones((8, 8), np.uint8)))
    return path


def control_fields(deb: Path) -> dict[str, str]:
    """The fields of the package's control file (continuation lines joined)."""
    text = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    fields: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if line.startswith(" ") and key:
            fields[key] += "\n" + line
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields
