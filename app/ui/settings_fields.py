"""The settings screen's fields: one widget per key, large enough for a finger.

Every field shows its label, a hint and a note line (set by the environment, a problem, saved
for the next start). :meth:`SettingField.value` gives the raw value for
:func:`~app.ui.settings_values.plan_changes`, which checks it; ``edited`` fires on every change
a person makes. A secret shows as dots until "Show" is pressed. Every text is rendered again on
a language change (the note from what it says, not from its sentence).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.i18n import Words, as_is
from app.ui.settings_values import SettingSpec, format_number, locked_note, shown_value
from app.ui.widgets import label, restyle


def _button(name: str, text: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class SettingField(QFrame):
    """A key's label, hint, editor and note; subclasses provide the editor."""

    edited = Signal()

    def __init__(self, spec: SettingSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingField")
        self.spec = spec
        self.locked_by = ""
        self._note: Words = as_is("")
        self.title = label("", "settingLabel")
        self.hint = label("", "settingHint")
        self.note = label("", "settingNote")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(self._editor())
        layout.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        """The label, hint and note in the language shown; subclasses add their editor's."""
        self.title.setText(self.spec.label)
        self.hint.setText(self.spec.hint)
        self.hint.setVisible(bool(self.hint.text()))
        self.note.setText(self._note())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.spec.key!r})"

    def _editor(self) -> QLayout:
        raise NotImplementedError

    def value(self) -> object:
        """The raw value as the person left it (checked when saving)."""
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        """Show a stored value; not a person's edit."""
        raise NotImplementedError

    def set_editable(self, editable: bool) -> None:
        raise NotImplementedError

    def set_locked(self, variable: str) -> None:
        """Read-only: the environment variable ``variable`` sets this key."""
        self.locked_by = variable
        self.set_editable(False)
        self.show_note(lambda: locked_note(variable), "info")

    def show_note(self, words: Words, tone: str = "info") -> None:
        """Show a note under the field (rendered again when the language changes)."""
        self._note = words
        text = words()
        self.note.setText(text)
        self.note.setVisible(bool(text))
        restyle(self.note, "tone", tone)

    def clear_note(self) -> None:
        """Drop a problem or saved note; the environment's note stays."""
        variable = self.locked_by
        self.show_note((lambda: locked_note(variable)) if variable else as_is(""))


class TextField(SettingField):
    """A line of text."""

    def _editor(self) -> QHBoxLayout:
        self.edit = QLineEdit()
        self.edit.setObjectName("settingEdit")
        self.edit.textEdited.connect(lambda _text: self.edited.emit())
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        return row

    def value(self) -> object:
        return self.edit.text()

    def set_value(self, value: object) -> None:
        self.edit.setText(str(value))

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)


class SecretField(TextField):
    """A secret: dots until Show is pressed."""

    def _editor(self) -> QHBoxLayout:
        row = super()._editor()
        self.show_button = _button("settingShow")
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self._reveal)
        row.addWidget(self.show_button)
        self._reveal(False)
        return row

    def retranslate(self) -> None:
        super().retranslate()
        self.show_button.setText(self.tr("Hide") if self.revealed else self.tr("Show"))

    @property
    def revealed(self) -> bool:
        return self.edit.echoMode() is QLineEdit.EchoMode.Normal

    def _reveal(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.show_button.setText(self.tr("Hide") if shown else self.tr("Show"))

    def set_value(self, value: object) -> None:
        self.show_button.setChecked(False)
        super().set_value(value)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.show_button.setChecked(False)
        self.show_button.setEnabled(editable)


class NumberField(TextField):
    """A number typed, or stepped with large minus and plus buttons."""

    def _editor(self) -> QHBoxLayout:
        row = super()._editor()
        self.minus = _button("settingStep", "\N{MINUS SIGN}")
        self.plus = _button("settingStep", "+")
        self.minus.clicked.connect(lambda: self.step(-1))
        self.plus.clicked.connect(lambda: self.step(1))
        row.insertWidget(0, self.minus)
        row.addWidget(self.plus)
        return row

    def step(self, delta: int) -> None:
        """One up or down from the typed number (from the lowest when it is no number)."""
        spec = self.spec
        try:
            current = float(self.edit.text().strip().replace(",", "."))
        except ValueError:
            current = spec.minimum - delta
        stepped = min(max(current + delta, spec.minimum), spec.maximum)
        self.edit.setText(format_number(stepped))
        self.edited.emit()

    def set_value(self, value: object) -> None:
        super().set_value(shown_value(self.spec, value))

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.minus.setEnabled(editable)
        self.plus.setEnabled(editable)


class ChoiceField(SettingField):
    """One of a few values, as a row of buttons (on/off, refuse/review, the languages)."""

    def _editor(self) -> QLayout:
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[object, QPushButton] = {}
        row = QHBoxLayout()
        for value, _words in self.spec.options:
            button = _button("settingChoice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False: self.edited.emit())
            self.group.addButton(button)
            self.buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def retranslate(self) -> None:
        super().retranslate()
        for value, words in self.spec.options:
            self.buttons[value].setText(words())

    def value(self) -> object:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, value: object) -> None:
        button = self.buttons.get(value)
        if button is not None:
            button.setChecked(True)

    def set_editable(self, editable: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(editable)


class DeviceField(SettingField):
    """A device address: picked from those found, or typed; with the device's state."""

    def _editor(self) -> QLayout:
        self.combo = QComboBox()
        self.combo.setObjectName("settingDevice")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.combo.lineEdit()
        assert line is not None
        line.textEdited.connect(lambda _text: self.edited.emit())
        self.combo.activated.connect(lambda _index: self.edited.emit())
        self.state = label("", "deviceSettingState")
        column = QVBoxLayout()
        column.addWidget(self.combo)
        column.addWidget(self.state)
        return column

    def set_found(self, uris: Sequence[str]) -> None:
        """Offer ``uris`` in the list; the typed address stays."""
        text = self.combo.currentText()
        self.combo.clear()
        self.combo.addItems(list(uris))
        self.combo.setEditText(text)

    @property
    def offered(self) -> list[str]:
        return [self.combo.itemText(i) for i in range(self.combo.count())]

    def show_state(self, text: str, tone: str) -> None:
        self.state.setText(text)
        restyle(self.state, "tone", tone)

    def value(self) -> object:
        return self.combo.currentText()

    def set_value(self, value: object) -> None:
        self.combo.setEditText(str(value))

    def set_editable(self, editable: bool) -> None:
        self.combo.setEnabled(editable)


FIELD_KINDS: dict[str, type[SettingField]] = {
    "text": TextField,
    "secret": SecretField,
    "number": NumberField,
    "flag": ChoiceField,
    "choice": ChoiceField,
    "device": DeviceField,
}


def make_field(spec: SettingSpec) -> SettingField:
    """The widget for ``spec``'s kind."""
    return FIELD_KINDS[spec.kind](spec)
