"""PyInstaller's own hook for PySide6.QtMultimedia, without its media backend plugin.

The kiosk uses QtMultimedia only for QSoundEffect, which plays through the system's audio
(PulseAudio or PipeWire) without a backend plugin; the FFmpeg backend, with QtQuick and FFmpeg
behind it, would triple the size of Qt in the bundle for video the kiosk never plays.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies
from qt_plugins import kept_plugins

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = kept_plugins(binaries)
