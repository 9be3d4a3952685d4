"""A small on-screen keyboard for names, phone numbers and e-mail addresses at a touch screen.

The keys type into the entry that had the focus last (the keys never take the focus); a
physical or system keyboard works alongside. Shift makes the next letter a capital.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

LETTER_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl@", "zxcvbnm.-_")
SHIFT = "\N{UPWARDS WHITE ARROW}"
SPACE = "Space"  # the key's name in ``keys``; it shows the word in the language shown
BACKSPACE = "\N{ERASE TO THE LEFT}"
EXTRA_KEYS = ("+", "'")


class TouchKeyboard(QWidget):
    """Letter, digit and sign keys; ``typed`` after every key press."""

    typed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("touchKeyboard")
        self._target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, keys in enumerate(LETTER_ROWS):
            for column, key in enumerate(keys):
                grid.addWidget(self._add_key(key), row, column)
        bottom = len(LETTER_ROWS)
        self.shift = self._add_key(SHIFT, "touchKeyWide")
        self.shift.setCheckable(True)
        grid.addWidget(self.shift, bottom, 0, 1, 2)
        for offset, key in enumerate(EXTRA_KEYS):
            grid.addWidget(self._add_key(key), bottom, 2 + offset)
        grid.addWidget(self._add_key(SPACE, "touchKeyWide"), bottom, 4, 1, 4)
        grid.addWidget(self._add_key(BACKSPACE, "touchKeyWide"), bottom, 8, 1, 2)
        self.retranslate()

    def retranslate(self) -> None:
        """The space bar's word and the names of the sign keys, in the language shown."""
        self.keys[SPACE].setText(self.tr("Space"))
        self.shift.setAccessibleName(self.tr("Shift"))
        self.keys[BACKSPACE].setAccessibleName(self.tr("Backspace"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def target(self) -> QLineEdit | None:
        return self._target

    def attach(self, entries: Sequence[QLineEdit]) -> None:
        """Type into whichever of ``entries`` has the focus; the first one to begin with."""
        for entry in entries:
            entry.installEventFilter(self)
        self._target = entries[0] if entries else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self._target = watched
        return False

    def _add_key(self, key: str, name: str = "touchKey") -> QPushButton:
        button = QPushButton(key)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.press(key))
        self.keys[key] = button
        return button

    def press(self, key: str) -> None:
        """One key: a character at the cursor of the target entry, a space, or backspace."""
        target = self._target
        if target is None or target.isReadOnly():
            return
        if key == SHIFT:
            return  # the checkable key keeps its own state
        if key == BACKSPACE:
            target.backspace()
        elif key == SPACE:
            target.insert(" ")
        elif self.shift.isChecked() and key.isalpha():
            target.insert(key.upper())
            self.shift.setChecked(False)
        else:
            target.insert(key)
        self.typed.emit()
