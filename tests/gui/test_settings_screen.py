"""The Settings screen through the real widgets: the PIN, Test connection, saving, live policies."""

from __future__ import annotations

import logging
import subprocess
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import cv2
import numpy as np
import pytest
from kiosk_kit import KioskFactory, StepClock, scan_from_device
from live_server import LiveServer, free_port
from pin_kit import PIN, STORED_PIN, WAIT, click, counts, gate_of, type_pin, wrong_pin
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.config import Config, env_name, load_config, write_config
from app.ui import settings_screen
from app.ui.app import Kiosk
from app.ui.i18n import TRANSLATOR_NAME, install_language, translation_file
from app.ui.settings_fields import ChoiceField, DeviceField, NumberField, SecretField, TextField
from app.ui.settings_screen import SETTINGS_ICON, SettingsScreen, open_reason
from hardware.factory import open_device


def shown(kiosk: Kiosk) -> QWidget | None:
    """The screen the kiosk shows now."""
    return kiosk.window.current


def settings_of(kiosk: Kiosk) -> SettingsScreen:
    screen = kiosk.window.findChild(SettingsScreen)
    assert isinstance(screen, SettingsScreen)
    return screen


def settings_button(kiosk: Kiosk) -> QPushButton:
    button = kiosk.window.findChild(QPushButton, "settingsButton")
    assert isinstance(button, QPushButton)
    assert button.text() == SETTINGS_ICON
    assert button.accessibleName() == "Settings"
    return button


def open_settings(qtbot: QtBot, kiosk: Kiosk) -> SettingsScreen:
    """Press Settings, type the manager PIN, wait for the screen."""
    screen = settings_of(kiosk)
    click(qtbot, settings_button(kiosk))
    assert shown(kiosk) is gate_of(kiosk).pad
    type_pin(qtbot, kiosk, PIN)
    qtbot.waitUntil(lambda: shown(kiosk) is screen, timeout=WAIT)
    return screen


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Replace what the line holds, key by key, as a person would."""
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    if text:
        QTest.keyClicks(edit, text)
    assert edit.text() == text


def text_field(screen: SettingsScreen, key: str) -> QLineEdit:
    field = screen.fields[key]
    assert isinstance(field, TextField)
    return field.edit


def save(qtbot: QtBot, screen: SettingsScreen) -> str:
    """Press Save and wait until it is done; the message shown."""
    click(qtbot, screen.save_button)
    qtbot.waitUntil(screen.save_button.isEnabled, timeout=WAIT)
    return screen.message.text()


def press_test_connection(qtbot: QtBot, screen: SettingsScreen) -> str:
    click(qtbot, screen.test_button)
    qtbot.waitUntil(screen.test_button.isEnabled, timeout=WAIT)
    return screen.test_result.text()


def configured(tmp_path: Path, **values: object) -> tuple[Config, Path]:
    """A configuration file with the manager PIN, loaded as the terminal loads it."""
    path = tmp_path / "settings" / "config.toml"
    write_config(path, {"manager_pin": STORED_PIN, "sync_batch_size": 50, **values})
    return load_config(path), path


def test_settings_open_only_after_the_manager_pin(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    config, path = configured(tmp_path)
    kiosk = make_kiosk(config, config_path=path)
    window = kiosk.window
    gate = gate_of(kiosk)
    screen = settings_of(kiosk)

    click(qtbot, settings_button(kiosk))
    assert shown(kiosk) is gate.pad
    assert gate.pad.reason.text() == open_reason()
    message = wrong_pin(qtbot, kiosk, "1357")
    assert message.startswith("Wrong PIN — nothing was changed.")
    assert shown(kiosk) is gate.pad
    click(qtbot, gate.pad.cancel_button)
    assert shown(kiosk) is window.ready
    assert not screen.isVisible()

    open_settings(qtbot, kiosk)
    assert screen.isVisible()
    assert screen.section == "server"
    click(qtbot, screen.back_button)
    assert shown(kiosk) is window.ready


def test_without_a_pin_the_settings_stay_closed(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(Config())
    gate = gate_of(kiosk)
    click(qtbot, settings_button(kiosk))
    assert shown(kiosk) is gate.pad
    assert gate.pad.message.text().startswith("No manager PIN is set on this terminal")
    assert not gate.pad.digit_buttons["1"].isEnabled()
    click(qtbot, gate.pad.cancel_button)
    assert shown(kiosk) is kiosk.window.ready


def test_test_connection_with_the_real_server(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    live_server: LiveServer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    demo = live_server.demo
    config, path = configured(tmp_path)
    kiosk = make_kiosk(config, config_path=path)
    screen = open_settings(qtbot, kiosk)
    type_into(qtbot, text_field(screen, "server_url"), live_server.url)
    type_into(qtbot, text_field(screen, "api_key"), demo["apiKey"])
    type_into(qtbot, text_field(screen, "terminal_token"), demo["terminalToken"])

    result = press_test_connection(qtbot, screen)
    assert result.startswith(
        f"Connected: the server at {live_server.url} answers and accepts the API key and "
        "terminal token ("
    )
    assert "stamp card" in result
    assert "The clocks agree." in result
    assert screen.test_result.property("tone") == "ok"

    type_into(qtbot, text_field(screen, "terminal_token"), "not-the-token")
    result = press_test_connection(qtbot, screen)
    assert result.startswith(
        f"The server at {live_server.url} does not accept the API key or the terminal token "
        "(HTTP 401). Type both again"
    )
    assert screen.test_result.property("tone") == "bad"

    https = live_server.url.replace("http://", "https://")
    type_into(qtbot, text_field(screen, "server_url"), https)
    result = press_test_connection(qtbot, screen)
    assert result.startswith(f"The secure connection to {https} failed (")

    # Testing saves nothing, and no secret reached the log.
    assert load_config(path) == config
    assert demo["apiKey"] not in caplog.text
    assert demo["terminalToken"] not in caplog.text


def test_test_connection_to_a_closed_port_says_unreachable(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    config, path = configured(tmp_path, server_url=url, api_key="k", terminal_token="t")
    kiosk = make_kiosk(config, config_path=path)
    screen = open_settings(qtbot, kiosk)
    result = press_test_connection(qtbot, screen)
    assert result.startswith(f"The server cannot be reached at {url}. Check the address")
    assert screen.test_result.property("tone") == "bad"

    type_into(qtbot, text_field(screen, "server_url"), "stamps.example.com")
    result = press_test_connection(qtbot, screen)
    assert "type the whole address with http:// or https://" in result


def noon_today() -> datetime:
    return datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)


def stamp_once(qtbot: QtBot, kiosk: Kiosk, card: str) -> None:
    window = kiosk.window
    with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT):
        scan_from_device(kiosk, card)
    assert shown(kiosk) is window.card
    click(qtbot, window.card.confirm_button)
    qtbot.waitUntil(lambda: shown(kiosk) in (window.success, window.refused), timeout=WAIT)


def test_a_saved_policy_is_written_and_used_by_the_next_stamp(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    clock = StepClock()
    clock.now = noon_today()
    config, path = configured(tmp_path, api_key="kept-key")
    kiosk = make_kiosk(config, config_path=path, clock=clock)
    window = kiosk.window
    card = str(uuid.uuid4())
    expires = clock.now + timedelta(days=90)
    kiosk.writer.call(lambda o: o.upsert_card_from_server(card, "s", 3, 10, "ACTIVE", expires))
    stamp_once(qtbot, kiosk, card)
    assert shown(kiosk) is window.success

    screen = open_settings(qtbot, kiosk)
    click(qtbot, screen.section_buttons["policies"])
    day = screen.fields["max_stamps_per_day"]
    assert isinstance(day, NumberField)
    assert day.edit.text() == "0"
    click(qtbot, day.plus)
    assert day.edit.text() == "1"
    message = save(qtbot, screen)
    assert message == "Saved. The policies apply from the next scan."

    saved = load_config(path)
    assert saved.max_stamps_per_day == 1
    assert saved.manager_pin == STORED_PIN
    assert saved.sync_batch_size == 50
    assert saved.api_key == "kept-key"
    assert "terminal_token" not in path.read_text(encoding="utf-8")

    click(qtbot, screen.back_button)
    assert shown(kiosk) is window.ready
    clock.advance(60)
    stamp_once(qtbot, kiosk, card)
    assert shown(kiosk) is window.refused
    assert "past the limit of 1 a day (1 already today)" in window.refused.headline.text()
    assert sum(counts(kiosk).values()) == 1


def test_a_new_per_visit_limit_reaches_the_card_screen_at_once(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    config, path = configured(tmp_path, max_stamps_per_visit=5)
    kiosk = make_kiosk(config, config_path=path)
    card_screen = kiosk.window.card
    card_screen.set_count(5)
    assert card_screen.count_label.text().startswith("5")
    screen = open_settings(qtbot, kiosk)
    click(qtbot, screen.section_buttons["policies"])
    visit = screen.fields["max_stamps_per_visit"]
    assert isinstance(visit, NumberField)
    for _ in range(3):
        click(qtbot, visit.minus)
    assert visit.edit.text() == "2"
    save(qtbot, screen)
    assert load_config(path).max_stamps_per_visit == 2
    assert card_screen.count_label.text().startswith("2")
    assert not card_screen.plus.isEnabled()


def test_an_invalid_number_is_refused_and_nothing_is_saved(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    config, path = configured(tmp_path)
    before = path.read_bytes()
    kiosk = make_kiosk(config, config_path=path)
    screen = open_settings(qtbot, kiosk)
    type_into(qtbot, text_field(screen, "max_stamps_per_day"), "3")
    type_into(qtbot, text_field(screen, "debounce_seconds"), "soon")
    type_into(qtbot, text_field(screen, "max_stamps_per_visit"), "0")

    message = save(qtbot, screen)
    assert message.startswith("Not saved. Same card again within (seconds): type a number")
    assert screen.section == "policies"
    visit_note = screen.fields["max_stamps_per_visit"].note
    assert visit_note.isVisibleTo(screen)
    assert visit_note.text() == (
        "Most stamps per purchase: type a whole number from 1 to 1000, e.g. 10."
    )
    assert visit_note.property("tone") == "bad"
    assert path.read_bytes() == before

    type_into(qtbot, text_field(screen, "debounce_seconds"), "2,5")
    type_into(qtbot, text_field(screen, "max_stamps_per_visit"), "4")
    assert save(qtbot, screen).startswith("Saved.")
    assert not visit_note.isVisibleTo(screen)
    saved = load_config(path)
    assert (saved.debounce_seconds, saved.max_stamps_per_visit) == (2.5, 4)
    assert saved.max_stamps_per_day == 3


def test_a_key_set_by_the_environment_is_read_only(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    variable = env_name("debounce_seconds")
    monkeypatch.setenv(variable, "7")
    config, path = configured(tmp_path)
    assert config.debounce_seconds == 7.0
    kiosk = make_kiosk(config, config_path=path)
    screen = open_settings(qtbot, kiosk)
    debounce = screen.fields["debounce_seconds"]
    assert isinstance(debounce, NumberField)
    assert debounce.edit.text() == "7"
    assert debounce.edit.isReadOnly()
    assert not debounce.plus.isEnabled()
    assert debounce.note.text() == (
        f"Set by {variable} on this computer, which overrides the settings file — change it there."
    )

    cooldown = screen.fields["cooldown_seconds"]
    assert isinstance(cooldown, NumberField)
    type_into(qtbot, cooldown.edit, "30")
    assert save(qtbot, screen).startswith("Saved.")
    assert "debounce_seconds" not in path.read_text(encoding="utf-8")
    assert load_config(path, {}).cooldown_seconds == 30.0
    assert debounce.note.text().startswith(f"Set by {variable}")


def test_secrets_show_as_dots_and_an_untouched_one_is_never_written(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    config, path = configured(tmp_path, api_key="key-in-file", server_url="http://127.0.0.1:9")
    kiosk = make_kiosk(config, config_path=path)
    screen = open_settings(qtbot, kiosk)
    secret = screen.fields["api_key"]
    assert isinstance(secret, SecretField)
    assert secret.edit.echoMode() is QLineEdit.EchoMode.Password
    assert secret.edit.displayText() != "key-in-file"
    click(qtbot, secret.show_button)
    assert secret.edit.displayText() == "key-in-file"
    click(qtbot, secret.show_button)
    assert not secret.revealed

    type_into(qtbot, text_field(screen, "terminal_token"), "new-token")
    type_into(qtbot, text_field(screen, "server_url"), "http://127.0.0.1:8")
    message = save(qtbot, screen)
    assert message.startswith("Saved. Restart the kiosk to use the new server address and ")
    assert "terminal token (leave it with Ctrl+Shift+Q" in message
    assert screen.fields["server_url"].note.text() == (
        "Saved — used when the kiosk is started again."
    )
    saved = load_config(path, {})
    assert (saved.api_key, saved.terminal_token) == ("key-in-file", "new-token")
    assert saved.server_url == "http://127.0.0.1:8"

    click(qtbot, screen.back_button)
    screen = open_settings(qtbot, kiosk)
    assert text_field(screen, "terminal_token").text() == "new-token"
    token = screen.fields["terminal_token"]
    assert isinstance(token, SecretField)
    assert not token.revealed
    assert screen.fields["terminal_token"].note.text().startswith("Saved — used when")


def test_devices_show_their_state_and_a_change_waits_for_a_restart(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "camera"
    folder.mkdir()
    cv2.imwrite(str(folder / "blank.png"), np.full((480, 640), 255, np.uint8))
    camera_uri = f"images:{folder}?fps=5"
    config, path = configured(tmp_path, camera=camera_uri, nfc_device="")
    kiosk = make_kiosk(config, config_path=path, devices=[open_device(camera_uri)])
    screen = open_settings(qtbot, kiosk)
    click(qtbot, screen.section_buttons["devices"])
    camera = screen.fields["camera"]
    reader = screen.fields["nfc_device"]
    assert isinstance(camera, DeviceField)
    assert isinstance(reader, DeviceField)
    assert camera.value() == camera_uri
    qtbot.waitUntil(lambda: camera.state.text() == "Now: Working.", timeout=WAIT)
    assert camera.state.property("tone") == "ok"
    assert reader.state.text() == "Not used."
    assert "usb" in reader.offered

    line = camera.combo.lineEdit()
    assert line is not None
    type_into(qtbot, line, "camera:/dev/v4l/by-id/usb-Shop-Cam-video-index0")
    reader_line = reader.combo.lineEdit()
    assert reader_line is not None
    type_into(qtbot, reader_line, "usb")
    message = save(qtbot, screen)
    assert message.startswith("Saved. Restart the kiosk to use the new camera and NFC reader")
    saved = load_config(path, {})
    assert saved.camera == "camera:/dev/v4l/by-id/usb-Shop-Cam-video-index0"
    assert saved.nfc_device == "usb"
    assert camera.note.text() == "Saved — used when the kiosk is started again."
    assert camera.state.text() == "Now: Working."  # the kiosk still runs the old camera
    assert kiosk.devices[0].state.uri == camera_uri


def test_back_with_unsaved_changes_asks_once(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    config, path = configured(tmp_path)
    kiosk = make_kiosk(config, config_path=path)
    screen = open_settings(qtbot, kiosk)
    click(qtbot, screen.section_buttons["policies"])
    review = screen.fields["limit_action"]
    assert isinstance(review, ChoiceField)
    click(qtbot, review.buttons["review"])
    click(qtbot, screen.back_button)
    assert shown(kiosk) is screen
    assert screen.message.text().startswith("Some changes are not saved.")
    click(qtbot, screen.back_button)
    assert shown(kiosk) is kiosk.window.ready
    assert load_config(path, {}).limit_action == "refuse"

    screen = open_settings(qtbot, kiosk)
    assert screen.fields["limit_action"].value() == "refuse"
    assert not screen.message.isVisible()


def test_the_language_is_saved_and_switched(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    config, path = configured(tmp_path)
    kiosk = make_kiosk(config, config_path=path)
    screen = open_settings(qtbot, kiosk)
    click(qtbot, screen.section_buttons["language"])
    language = screen.fields["language"]
    assert isinstance(language, ChoiceField)
    names = [b.text() for b in language.buttons.values()]
    assert names == ["English", "Deutsch", "한국어", "中文"]
    click(qtbot, language.buttons["de"])
    try:
        assert translation_file("de").is_file()
        message = save(qtbot, screen)
        assert load_config(path, {}).language == "de"
        qtbot.waitUntil(lambda: screen.save_button.text() == "Speichern", timeout=WAIT)
        assert "Deutsch" in message
        assert message != "Saved. The language is now Deutsch."  # said in German
    finally:
        app = QCoreApplication.instance()
        assert app is not None
        install_language(app, "en")
    qtbot.waitUntil(lambda: screen.save_button.text() == "Save", timeout=WAIT)


def test_a_language_not_installed_says_so(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A language whose .qm is missing is saved, and the screens say they stay in English."""
    missing = tmp_path / "no-translations"
    monkeypatch.setattr(
        settings_screen,
        "install_language",
        lambda app, code: install_language(app, code, directory=missing),
    )
    config, path = configured(tmp_path)
    kiosk = make_kiosk(config, config_path=path)
    screen = open_settings(qtbot, kiosk)
    click(qtbot, screen.section_buttons["language"])
    language = screen.fields["language"]
    assert isinstance(language, ChoiceField)
    click(qtbot, language.buttons["ko"])
    try:
        message = save(qtbot, screen)
        assert message == (
            "Saved. 한국어 is not installed on this terminal yet, so the screens stay in English."
        )
        assert screen.message.property("tone") == "warn"
        assert load_config(path, {}).language == "ko"
    finally:
        app = QCoreApplication.instance()
        assert app is not None
        install_language(app, "en")


TRANSLATION = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
</context>
</TS>
"""


def test_install_language_swaps_the_translator(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = tmp_path / "stamp_terminal_de.ts"
    source.write_text(TRANSLATION, encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run(
        [str(lrelease), str(source), "-qm", str(translation_file("de", tmp_path))],
        check=True,
        capture_output=True,
        timeout=60,
    )

    def shown() -> str:
        return QCoreApplication.translate("SettingsScreen", "Settings")

    try:
        assert install_language(qapp, "de", tmp_path)
        assert shown() == "Einstellungen"
        assert install_language(qapp, "de", tmp_path)  # again: still one translator
        assert len(qapp.findChildren(QTranslator, TRANSLATOR_NAME)) == 1
        assert shown() == "Einstellungen"

        with caplog.at_level(logging.WARNING, logger="app.ui.i18n"):
            assert not install_language(qapp, "ko", tmp_path)
        assert "no translation for 'ko'" in caplog.text
        assert shown() == "Settings"
        assert not install_language(qapp, "../de", tmp_path)

        assert install_language(qapp, "de", tmp_path)
        assert install_language(qapp, "en", tmp_path)
        assert shown() == "Settings"
        assert qapp.findChildren(QTranslator, TRANSLATOR_NAME) == []
    finally:
        install_language(qapp, "en")
