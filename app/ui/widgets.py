"""Small widget helpers every screen uses: labels named for the style sheet, re-styling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def label(text: str, name: str, parent: QWidget | None = None) -> QLabel:
    """A word-wrapped label with an object name the style sheet selects on."""
    widget = QLabel(text, parent)
    widget.setObjectName(name)
    widget.setWordWrap(True)
    return widget


def centred_label(text: str, name: str, parent: QWidget | None = None) -> QLabel:
    """:func:`label`, centred."""
    widget = label(text, name, parent)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


def restyle(widget: QWidget, name: str, value: str) -> None:
    """Set a style property (e.g. ``tone``) and have the style sheet apply it at once."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
