"""PyInstaller's own hook for PySide6.QtNetwork, without the Qt plugins the kiosk does not use.

QtNetwork comes in as a dependency of QtMultimedia; the kiosk does no networking through Qt,
so neither its TLS plugins nor the OpenSSL libraries for them are collected.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies
from qt_plugins import kept_plugins

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = kept_plugins(binaries)
