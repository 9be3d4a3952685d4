"""PyInstaller's own hook for PySide6.QtGui, without the Qt plugins the kiosk does not use."""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies
from qt_plugins import kept_plugins

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = kept_plugins(binaries)
