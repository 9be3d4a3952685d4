"""Where the files in ``resources/`` (style sheet, sounds, translations) are at run time.

From a source checkout they are in ``resources/`` beside ``app/``. In the installed terminal
bundle (a PyInstaller one-folder build) they are copied into the bundle's data folder, which
PyInstaller names in ``sys._MEIPASS``; the same relative paths hold in both.
"""

from __future__ import annotations

import sys
from pathlib import Path

RESOURCES = "resources"


def bundle_dir() -> Path | None:
    """The data folder of the running bundle, or None when running from Python sources."""
    folder = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and folder:
        return Path(folder)
    return None


def resources_dir() -> Path:
    """The ``resources`` folder: inside the bundle when frozen, else beside ``app/``."""
    bundle = bundle_dir()
    root = bundle if bundle is not None else Path(__file__).resolve().parents[1]
    return root / RESOURCES


def resource_path(*parts: str) -> Path:
    """A file or folder under ``resources``, e.g. ``resource_path("sounds", "success.wav")``."""
    return resources_dir().joinpath(*parts)
