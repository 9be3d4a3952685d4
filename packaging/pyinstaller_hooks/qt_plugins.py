"""Which Qt plugins go into the terminal bundle (used by the PySide6 hooks beside this file).

PyInstaller's Qt hooks collect every plugin of a module; the kiosk needs only a few. A plugin
left out also leaves out the libraries it alone needs (GTK for a desktop theme, QtQuick for the
virtual keyboard, FFmpeg for video, GLib for network monitoring), and the package does not
depend on them.
"""

from __future__ import annotations

from pathlib import PurePosixPath

# Plugin types the kiosk never loads: desktop themes, accessibility bridges, EGLFS device
# integrations and evdev input (it runs under X11 or Wayland), network state and TLS (the
# terminal talks to its server through httpx, not Qt), and QtMultimedia's media backends
# (QSoundEffect plays without one; the camera is read through OpenCV).
DROPPED_TYPES = frozenset(
    {
        "accessiblebridge",
        "egldeviceintegrations",
        "generic",
        "multimedia",
        "networkinformation",
        "platformthemes",
        "tls",
    }
)
# Of these types, only the listed plugins are kept.
ONLY = {
    "platforms": frozenset(
        {"libqxcb.so", "libqwayland.so", "libqwayland-egl.so", "libqoffscreen.so", "libqminimal.so"}
    ),
    "platforminputcontexts": frozenset({"libcomposeplatforminputcontextplugin.so"}),
}


def plugin_kept(source: str, destination: str) -> bool:
    """Whether a collected ``(source, destination)`` entry stays in the bundle."""
    parts = PurePosixPath(destination).parts
    if "plugins" not in parts:
        return True
    kind = "/".join(parts[parts.index("plugins") + 1 :])
    if kind in DROPPED_TYPES:
        return False
    allowed = ONLY.get(kind)
    return allowed is None or PurePosixPath(source).name in allowed


def kept_plugins(binaries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The hook's binaries without the plugins the kiosk does not use."""
    return [entry for entry in binaries if plugin_kept(*entry)]
