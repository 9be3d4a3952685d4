"""The Settings screen, behind the manager PIN: server, devices, policies and language.

The top bar's Settings button (a gear) asks the PIN gate first; the screen then shows the settings
saved for this kiosk, in four sections. "Test connection" and "Save" run on worker threads and
answer by signals. Saving writes only the keys whose value changed into the configuration file
(atomically, the other keys kept); the policies and the language take effect at once, the
server and the devices when the kiosk is started again, and the screen says which. A key set
by a ``STAMP_TERMINAL_*`` variable is shown read-only, as the variable would override the file.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import Config
from app.ui.connection_check import ConnectionReport
from app.ui.i18n import Words, as_is, install_language
from app.ui.settings_devices import device_state_text, found_devices
from app.ui.settings_fields import DeviceField, SettingField, make_field
from app.ui.settings_values import (
    SECTIONS,
    SPEC,
    SPECS,
    BadSetting,
    convert_setting,
    locked_keys,
    plan_changes,
    save_problem,
    saved_text,
    with_changes,
)
from app.ui.settings_worker import SettingsWorker
from app.ui.widgets import label, restyle
from hardware.device import DeviceState

if TYPE_CHECKING:
    from app.ui.app import Kiosk

log = logging.getLogger(__name__)

SETTINGS_ICON = "\N{GEAR}"  # the top bar has no room for the word
SETTINGS_IDLE_MS = 180000


def open_reason() -> str:
    """Why the manager PIN is asked."""
    return QCoreApplication.translate("SettingsScreen", "Open the settings")


def saved_for_restart() -> str:
    """The note under a field saved but used only from the next start."""
    return QCoreApplication.translate(
        "SettingsScreen", "Saved — used when the kiosk is started again."
    )


Apply = Callable[[Mapping[str, object]], bool]


class SettingsScreen(QWidget):
    """The four sections, Test connection, Back and Save."""

    back = Signal()
    activity = Signal()

    def __init__(
        self,
        worker: SettingsWorker,
        config: Config,
        path: Path,
        *,
        locked: Mapping[str, str],
        apply: Apply,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.path = path
        self._worker = worker
        self._saved = config
        self._running = config
        self._locked = dict(locked)
        self._apply = apply
        self._states: dict[str, DeviceState] = {}
        self._restart_keys: set[str] = set()
        self._test_ticket = 0
        self._warned_unsaved = False
        self._message: Words = as_is("")
        self._test_words: Words = as_is("")
        self.nav_button: QPushButton | None = None
        self.fields: dict[str, SettingField] = {spec.key: make_field(spec) for spec in SPECS}
        for each in self.fields.values():
            each.edited.connect(self._edited)
        self.section_buttons: dict[str, QPushButton] = {}
        self.section_notes: dict[str, QLabel] = {}
        self.pages = QStackedWidget()
        self._page_index: dict[str, int] = {}
        self.test_button = QPushButton()
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = label("", "connectionResult")
        self.test_result.hide()
        self.message = label("", "settingsMessage")
        self.message.hide()
        self.back_button = QPushButton()
        self.back_button.setObjectName("cancelButton")
        self.back_button.clicked.connect(self._back)
        self.save_button = QPushButton()
        self.save_button.setObjectName("settingsSave")
        self.save_button.clicked.connect(self.save)
        # Queued: a job that ends at once answers only after its ticket is known here.
        queued = Qt.ConnectionType.QueuedConnection
        worker.tested.connect(self._on_tested, queued)
        worker.saved.connect(self._on_saved, queued)
        worker.save_failed.connect(self._on_save_failed, queued)
        self.setLayout(self._layout())
        self.refresh_devices()
        self.load()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the screen in the language shown, the messages shown now included."""
        for name, title in SECTIONS:
            self.section_buttons[name].setText(title())
        for name, note in self.section_notes.items():
            note.setText(self._section_note(name))
        testing = not self.test_button.isEnabled()
        self.test_button.setText(self.tr("Testing…") if testing else self.tr("Test connection"))
        saving = not self.save_button.isEnabled()
        self.save_button.setText(self.tr("Saving…") if saving else self.tr("Save"))
        self.back_button.setText(self.tr("Back"))
        self.test_result.setText(self._test_words())
        self.message.setText(self._message())
        self._show_states()
        if self.nav_button is not None:
            self.nav_button.setToolTip(self.tr("Settings"))
            self.nav_button.setAccessibleName(self.tr("Settings"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_nav_button(self, button: QPushButton) -> None:
        """The top-bar button (a gear) that opens this screen; its name follows the language."""
        self.nav_button = button
        button.setToolTip(self.tr("Settings"))
        button.setAccessibleName(self.tr("Settings"))

    def _section_note(self, section: str) -> str:
        if section in ("server", "devices"):
            return self.tr("Changes here are used when the kiosk is started again.")
        if section == "policies":
            return self.tr("Changes here apply from the next scan.")
        return ""

    def _layout(self) -> QVBoxLayout:
        menu = QVBoxLayout()
        group = QButtonGroup(self)
        for name, _title in SECTIONS:
            button = QPushButton()
            button.setObjectName("settingsSection")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, section=name: self.show_section(section))
            group.addButton(button)
            menu.addWidget(button)
            self.section_buttons[name] = button
            self._page_index[name] = self.pages.addWidget(self._page(name))
        menu.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(menu)
        body.addWidget(self.pages, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addWidget(self.save_button, 2)
        layout = QVBoxLayout()
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.show_section(SECTIONS[0][0])
        return layout

    def _page(self, section: str) -> QScrollArea:
        holder = QWidget()
        holder.setObjectName("settingsPage")
        column = QVBoxLayout(holder)
        if self._section_note(section):
            self.section_notes[section] = label("", "settingsSectionNote")
            column.addWidget(self.section_notes[section])
        for spec in SPECS:
            if spec.section == section:
                column.addWidget(self.fields[spec.key])
        if section == "server":
            column.addWidget(self.test_button)
            column.addWidget(self.test_result)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        return scroll

    @property
    def saved_config(self) -> Config:
        """The settings as saved (the kiosk may still run with older server and devices)."""
        return self._saved

    @property
    def section(self) -> str:
        index = self.pages.currentIndex()
        return next(name for name, i in self._page_index.items() if i == index)

    def show_section(self, section: str) -> None:
        self.section_buttons[section].setChecked(True)
        self.pages.setCurrentIndex(self._page_index[section])
        self.activity.emit()

    def load(self) -> None:
        """Show the saved settings afresh: unsaved edits and old messages are dropped."""
        for key, each in self.fields.items():
            each.set_value(getattr(self._saved, key))
            variable = self._locked.get(key)
            if variable:
                each.set_locked(variable)
            else:
                each.set_editable(True)
                each.clear_note()
            if key in self._restart_keys:
                each.show_note(saved_for_restart, "info")
        self._test_ticket = 0
        self._warned_unsaved = False
        self.test_button.setEnabled(True)
        self.test_button.setText(self.tr("Test connection"))
        self._test_words = as_is("")
        self.test_result.hide()
        self.save_button.setEnabled(True)
        self._say(as_is(""), "info")
        self._show_states()

    def refresh_devices(self) -> None:
        """Offer the cameras, readers and scanners plugged in now."""
        for key, uris in found_devices().items():
            each = self.fields[key]
            if isinstance(each, DeviceField):
                each.set_found(uris)

    def show_device_state(self, state: DeviceState) -> None:
        """A device's new state, from the device bridge."""
        self._states[state.uri] = state
        self._show_states()

    def _show_states(self) -> None:
        for key, each in self.fields.items():
            if isinstance(each, DeviceField):
                uri = str(getattr(self._running, key))
                text, tone = device_state_text(uri, self._states.get(uri))
                if uri:
                    text = self.tr("Now: {state}").format(state=text)
                each.show_state(text, tone)

    def _reveal(self, key: str) -> None:
        """Show the section of ``key`` scrolled to its field."""
        section = SPEC[key].section
        self.show_section(section)
        page = self.pages.widget(self._page_index[section])
        if isinstance(page, QScrollArea):
            page.ensureWidgetVisible(self.fields[key])

    def edited_values(self) -> dict[str, object]:
        return {key: each.value() for key, each in self.fields.items()}

    def save(self) -> None:
        """Check every field, then write the changed keys (on a worker thread)."""
        self.activity.emit()
        for key, each in self.fields.items():
            if key not in self._restart_keys:
                each.clear_note()
        plan = plan_changes(self._saved, self.edited_values(), self._locked)
        if plan.problems:
            for key, problem in plan.problems.items():
                if key in self.fields:
                    self.fields[key].show_note(problem, "bad")
            first_key, first = next(iter(plan.problems.items()))
            if first_key in SPEC:
                self._reveal(first_key)
            self._say(lambda: self.tr("Not saved. {problem}").format(problem=first()), "bad")
            return
        if not plan.changes:
            self._say_saved({})
            return
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("Saving…"))
        self._say(lambda: self.tr("Saving…"), "info")
        self._worker.save(self.path, plan.changes)

    def _on_saved(self, _ticket: int, changes: dict[str, object]) -> None:
        self._saved = with_changes(self._saved, changes)
        language_installed = self._apply(changes)
        for key in changes:
            if SPEC[key].needs_restart:
                self._restart_keys.add(key)
                self.fields[key].show_note(saved_for_restart, "info")
        self._warned_unsaved = False
        self._done_saving()
        self._say_saved(changes, language_installed)

    def _say_saved(self, changes: Mapping[str, object], language_installed: bool = True) -> None:
        """Say what the saving of ``changes`` did (rendered again when the language changes)."""
        tone = saved_text(changes, language_installed)[1]
        self._say(lambda: saved_text(changes, language_installed)[0], tone)

    def _on_save_failed(self, _ticket: int, error: BaseException) -> None:
        self._done_saving()
        path = self.path
        self._say(lambda: save_problem(error, path), "bad")

    def _done_saving(self) -> None:
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("Save"))

    def test_connection(self) -> None:
        """Test the server address and credentials as typed, not as saved."""
        self.activity.emit()
        typed: dict[str, object] = {}
        for spec in SPECS:
            if spec.section != "server":
                continue
            try:
                typed[spec.key] = convert_setting(spec, self.fields[spec.key].value())
            except BadSetting as bad:
                self._show_test(bad.words, "bad")
                return
        self.test_button.setEnabled(False)
        self.test_button.setText(self.tr("Testing…"))
        self._show_test(lambda: self.tr("Testing the connection…"), "info")
        self._test_ticket = self._worker.test(with_changes(self._saved, typed))

    def _on_tested(self, ticket: int, report: ConnectionReport) -> None:
        if ticket != self._test_ticket:
            return
        self.test_button.setEnabled(True)
        self.test_button.setText(self.tr("Test connection"))
        self._show_test(
            lambda: report.message + (f"\n{report.details}" if report.details else ""),
            "ok" if report.ok else "bad",
        )

    def _show_test(self, words: Words, tone: str) -> None:
        """Show how the connection test stands (rendered again when the language changes)."""
        self._test_words = words
        self.test_result.setText(words())
        self.test_result.show()
        restyle(self.test_result, "tone", tone)

    def _edited(self) -> None:
        self._warned_unsaved = False
        self.activity.emit()

    def _back(self) -> None:
        plan = plan_changes(self._saved, self.edited_values(), self._locked)
        if (plan.changes or plan.problems) and not self._warned_unsaved:
            self._warned_unsaved = True
            self._say(
                lambda: self.tr(
                    "Some changes are not saved. Press Save to keep them, or Back again to leave "
                    "without them."
                ),
                "warn",
            )
            self.activity.emit()
            return
        self.load()
        self.back.emit()

    def _say(self, words: Words, tone: str) -> None:
        """Show a message (rendered again when the language changes)."""
        self._message = words
        text = words()
        self.message.setText(text)
        self.message.setVisible(bool(text))
        restyle(self.message, "tone", tone)


def install_settings(
    kiosk: Kiosk, config: Config, path: Path, environ: Mapping[str, str] | None = None
) -> SettingsScreen:
    """Add the Settings screen, behind the manager PIN, and its top-bar button.

    ``path`` is the configuration file the kiosk's settings are saved to; ``environ`` (default:
    this process's environment) tells which keys a variable overrides.
    """
    window = kiosk.window
    worker = SettingsWorker(window)
    window.installEventFilter(worker)
    live = [config]

    def apply(changes: Mapping[str, object]) -> bool:
        now = {k: v for k, v in changes.items() if not SPEC[k].needs_restart}
        if now:
            live[0] = with_changes(live[0], now)
            kiosk.terminal.update_config(live[0])
            window.card.set_max_stamps(live[0].max_stamps_per_visit)
        app = QCoreApplication.instance()
        if "language" in changes and app is not None:
            return install_language(app, str(changes["language"]))
        return True

    locked = locked_keys(os.environ if environ is None else environ)
    screen = SettingsScreen(worker, config, path, locked=locked, apply=apply)
    window.add_screen(screen)
    for device in kiosk.devices:
        screen.show_device_state(device.state)
    kiosk.bridge.device_state.connect(screen.show_device_state)

    def granted() -> None:
        screen.refresh_devices()
        screen.load()
        window.open_screen(screen, SETTINGS_IDLE_MS)

    def ask() -> None:
        gate = window.pin_gate
        if window.current is screen:
            return
        if gate is None:
            log.error("the settings need the manager PIN, but the kiosk has no PIN gate")
            return
        gate.ask(open_reason, granted)

    def keep_open() -> None:
        if window.current is screen:
            window.open_screen(screen, SETTINGS_IDLE_MS)

    screen.activity.connect(keep_open)
    screen.back.connect(window.show_ready)
    screen.set_nav_button(window.add_nav_button(SETTINGS_ICON, "settingsButton", ask))
    return screen
