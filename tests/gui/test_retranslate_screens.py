"""The Events, New customer and Settings screens follow a change of display language at once.

No compiled translation is needed: a translator that puts every text of the kiosk between « and
» is installed and removed through Qt, as ``install_language`` swaps translators, and Qt's
``LanguageChange`` does the rest. Texts made from state (counts, an event's line, a message, a
refusal, a field's note, a connection test) must follow as well as the fixed ones; the words of
the server, the devices and the terminal's core stay as they were given, and so do the names of
the languages in the language picker.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from kiosk_kit import KioskFactory, StepClock, scan_from_device
from live_server import LiveServer
from marking_kit import Language
from pin_kit import PIN, STORED_PIN, WAIT, click, gate_of, type_pin
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.config import Config, load_config, write_config
from app.domain.events import EventState, OutboxEvent
from app.terminal import Recorded
from app.ui.app import Kiosk
from app.ui.connection_check import ConnectionReport, Finding
from app.ui.enrol import EnrolScreen
from app.ui.enrol_worker import EnrolFailure, Problem
from app.ui.events_overview import rejection_text, short_time
from app.ui.events_screen import EventsScreen
from app.ui.settings_devices import device_state_text
from app.ui.settings_fields import ChoiceField, DeviceField, SecretField, TextField
from app.ui.settings_screen import SettingsScreen, open_reason
from app.ui.settings_values import saved_text
from app.ui.touch_keyboard import SPACE
from hardware.device import DeviceState, DeviceStatus
from hardware.nfc import NfcReader
from hardware.nfc.emulator import Ntag213Emulator

REVIEW = EventState.REVIEW


def nav_button(kiosk: Kiosk, name: str) -> QPushButton:
    button = kiosk.window.findChild(QPushButton, name)
    assert isinstance(button, QPushButton)
    return button


def press(qtbot: QtBot, button: QPushButton | None) -> None:
    assert button is not None
    qtbot.waitUntil(button.isVisible, timeout=WAIT)
    click(qtbot, button)


def visit(qtbot: QtBot, kiosk: Kiosk, clock: StepClock, payload: str) -> OutboxEvent:
    """A customer a minute after the last one: scan, one stamp, confirm; the committed event."""
    clock.advance(60)
    with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT):
        scan_from_device(kiosk, payload)
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT) as signal:
        press(qtbot, kiosk.window.card.confirm_button)
    recorded: Recorded = signal.args[0]
    (event,) = recorded.events
    return event


def test_the_events_screen_follows_the_language_both_ways(
    qtbot: QtBot, make_kiosk: KioskFactory, language: Language
) -> None:
    clock = StepClock()
    kiosk = make_kiosk(Config(limit_action="review", max_stamps_per_day=1), clock=clock)
    card = str(uuid.uuid4())
    end = card[-4:]
    visit(qtbot, kiosk, clock, card)
    held = visit(qtbot, kiosk, clock, card)
    assert held.state is REVIEW and held.note
    when = short_time(held.device_time)
    screen = kiosk.window.findChild(EventsScreen)
    assert isinstance(screen, EventsScreen)
    press(qtbot, nav_button(kiosk, "eventsButton"))
    assert kiosk.window.current is screen
    press(qtbot, screen.count_buttons[REVIEW])
    qtbot.waitUntil(lambda: [r.event_id for r in screen.rows] == [held.event_id], timeout=WAIT)
    assert screen.count_buttons[REVIEW].text() == "1 held"
    press(qtbot, screen.sync_button)
    no_server = "No server is set up, so there is nowhere to send the events."
    assert screen.message.text() == no_server
    row = screen.rows[0]
    press(qtbot, row.decline_button)
    panel = screen.decline_panel
    english_question = f"Decline the stamp of {when} on card …{end}? Say why — the reason is kept."
    assert panel.question.text() == english_question

    language.marked()
    assert nav_button(kiosk, "eventsButton").text() == "«Events»"
    assert screen.title.text() == "«Sync and events»"
    assert screen.all_button.text() == "«All»"
    assert screen.back_button.text() == "«Back»"
    assert screen.sync_button.text() == "«Sync now»"
    assert screen.count_buttons[REVIEW].text() == "«1 held»"
    assert screen.count_buttons[EventState.SENT].text() == "«0 sent»"
    assert screen.sync_line.text() == "«No server is set up — events are kept on this terminal.»"
    assert screen.last_sync.text() == "«Last successful sync: never»"
    assert screen.message.text() == f"«{no_server}»"
    assert row.line.text() == f"«{when} · Card …{end} · «Stamp» · «Held for a manager»»"
    # The policy's note is the core's own words: it stays as it was written.
    assert row.detail.text() == (
        f"«{held.note} A manager can release it to be sent, or decline it.»"
    )
    assert row.release_button is not None and row.decline_button is not None
    assert (row.release_button.text(), row.decline_button.text()) == ("«Release»", "«Decline»")
    assert panel.question.text() == (
        f"«Decline ««the stamp» of {when} on card …{end}»? Say why — the reason is kept.»"
    )
    assert panel.reason.placeholderText() == "«Why is it declined?»"
    assert [preset.text() for preset in panel.presets] == [
        "«Over the shop's limit»",
        "«Scanned by mistake»",
    ]
    assert panel.confirm_button.text() == "«Decline it»"
    assert panel.cancel_button.text() == "«Keep it held»"

    language.english()
    assert nav_button(kiosk, "eventsButton").text() == "Events"
    assert screen.title.text() == "Sync and events"
    assert screen.count_buttons[REVIEW].text() == "1 held"
    assert screen.message.text() == no_server
    assert row.line.text() == f"{when} · Card …{end} · Stamp · Held for a manager"
    assert panel.question.text() == english_question
    assert panel.presets[0].text() == "Over the shop's limit"

    language.marked()
    press(qtbot, panel.cancel_button)
    asked: list[str] = []

    def grant(reason: str, on_granted: Callable[[], None]) -> None:
        asked.append(reason)
        on_granted()

    screen.authorize = grant
    press(qtbot, row.release_button)
    assert asked == [
        f"«Release ««the stamp» of {when} on card …{end}» so it is sent to the server»"
    ]
    released = "Released — it is sent once a server is set up."
    qtbot.waitUntil(lambda: screen.message.text() == f"«{released}»", timeout=WAIT)
    qtbot.waitUntil(lambda: screen.count_buttons[REVIEW].text() == "«0 held»", timeout=WAIT)
    assert screen.rows == []
    assert screen.empty.text() == "«No events here yet.»"

    language.english()
    assert screen.message.text() == released
    assert screen.count_buttons[REVIEW].text() == "0 held"
    assert screen.empty.text() == "No events here yet."
    assert {"EventsScreen", "EventsOverview", "EventRow", "DeclinePanel"} <= (
        language.translator.contexts
    )


def test_the_enrol_form_and_its_refusals_follow_the_language(
    qtbot: QtBot, make_kiosk: KioskFactory, language: Language
) -> None:
    kiosk = make_kiosk(Config())
    button = nav_button(kiosk, "enrolNavButton")
    assert button.text() == "New customer"
    press(qtbot, button)
    screen = kiosk.window.current
    assert isinstance(screen, EnrolScreen)
    hint = "Every field is optional. Press Enrol to issue the customer's stamp card."
    assert screen.message.text() == hint

    language.marked()
    assert button.text() == "«New customer»"
    assert screen.heading.text() == "«New customer»"
    assert [entry.placeholderText() for entry in screen.entries] == [
        "«Name»",
        "«Phone number»",
        "«E-mail»",
    ]
    assert [label.text() for label in screen.labels] == ["«Name»", "«Phone»", "«E-mail»"]
    assert screen.enrol_button.text() == "«Enrol»"
    assert screen.back_button.text() == "«Back»"
    assert screen.retry_button.text() == "«Try again»"
    assert screen.keyboard.keys[SPACE].text() == "«Space»"
    assert screen.message.text() == f"«{hint}»"

    screen.email_entry.setText("grace@")
    with qtbot.waitSignal(screen.refused, timeout=WAIT) as refused:
        press(qtbot, screen.enrol_button)
    assert refused.args[0] == screen.message.text()
    bad_email = screen.message.text()
    assert bad_email.startswith("«This is not an e-mail address") and bad_email.endswith("»")

    language.english()
    assert screen.message.text() == bad_email[1:-1]
    assert screen.keyboard.keys[SPACE].text() == "Space"

    screen.email_entry.setText("grace@example.com")
    with qtbot.waitSignal(screen.refused, timeout=WAIT):
        press(qtbot, screen.enrol_button)
    no_server = EnrolFailure(Problem.NO_SERVER).message
    assert screen.message.text() == no_server
    language.marked()
    assert screen.message.text() == f"«{no_server}»"
    language.english()
    assert screen.message.text() == no_server
    assert screen.enrol_button.text() == "Enrol"


def enrol_config(live_server: LiveServer) -> Config:
    demo = live_server.demo
    return Config(
        server_url=live_server.url,
        api_key=demo["apiKey"],
        terminal_token=demo["terminalToken"],
        app_id=demo["appId"],
        app_secret=demo["appSecret"],
        stamp_value=demo["stampValue"],
        card_public_key=demo["publicKey"],
        require_signed_codes=True,
    )


def test_the_enrol_result_follows_the_language_while_it_waits_for_a_card(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer, language: Language
) -> None:
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        kiosk = make_kiosk(enrol_config(live_server), devices=[reader])
        qtbot.waitUntil(lambda: kiosk.sync.online, timeout=WAIT)
        press(qtbot, nav_button(kiosk, "enrolNavButton"))
        screen = kiosk.window.current
        assert isinstance(screen, EnrolScreen)
        screen.name_entry.setText("Ada")
        with qtbot.waitSignal(screen.enrolled, timeout=WAIT) as signal:
            press(qtbot, screen.enrol_button)
        number = signal.args[0].enrolment.member_number
        panel = screen.result
        assert panel.heading.text() == "Welcome, Ada!"
        press(qtbot, panel.write_button)
        assert panel.write_button.text() == "Stop waiting"
        hold = "Hold a blank NFC card on the reader and keep it there until this says it is written"
        assert panel.nfc_status.text().startswith(hold)

        language.marked()
        assert panel.heading.text() == "«Welcome, {name}!»".format(name="Ada")
        assert panel.member.text() == f"«Member number {number}»"
        assert panel.hint.text().startswith("«Let the customer photograph this code")
        assert panel.stamps_button.text() == "«Give stamps now»"
        assert panel.done_button.text() == "«Done»"
        assert panel.write_button.text() == "«Stop waiting»"
        assert panel.nfc_status.text() == f"«{hold} (up to 30 s).»"

        language.english()
        assert panel.heading.text() == "Welcome, Ada!"
        assert panel.member.text() == f"Member number {number}"
        assert panel.write_button.text() == "Stop waiting"
        assert panel.nfc_status.text() == f"{hold} (up to 30 s)."

        with qtbot.waitSignal(panel.written, timeout=WAIT):
            press(qtbot, panel.write_button)  # Stop waiting
        language.marked()
        assert panel.write_button.text() == "«Write to NFC card»"
        language.english()
        assert panel.write_button.text() == "Write to NFC card"
        reader.stop()


def open_settings(qtbot: QtBot, kiosk: Kiosk) -> SettingsScreen:
    screen = kiosk.window.findChild(SettingsScreen)
    assert isinstance(screen, SettingsScreen)
    press(qtbot, nav_button(kiosk, "settingsButton"))
    assert kiosk.window.current is gate_of(kiosk).pad
    type_pin(qtbot, kiosk, PIN)
    qtbot.waitUntil(lambda: kiosk.window.current is screen, timeout=WAIT)
    return screen


def retype(edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(edit, text)


def save(qtbot: QtBot, screen: SettingsScreen) -> None:
    press(qtbot, screen.save_button)
    qtbot.waitUntil(screen.save_button.isEnabled, timeout=WAIT)


def test_the_settings_follow_the_language_but_not_the_language_names(
    qtbot: QtBot, make_kiosk: KioskFactory, language: Language, tmp_path: Path
) -> None:
    path = tmp_path / "settings" / "config.toml"
    write_config(path, {"manager_pin": STORED_PIN})
    kiosk = make_kiosk(load_config(path), config_path=path)
    gear = nav_button(kiosk, "settingsButton")
    press(qtbot, gear)
    assert gate_of(kiosk).pad.reason.text() == open_reason()
    language.marked()
    assert gate_of(kiosk).pad.reason.text() == "«Open the settings»"
    assert gear.accessibleName() == "«Settings»"
    assert gear.toolTip() == "«Settings»"
    language.english()
    click(qtbot, gate_of(kiosk).pad.cancel_button)

    screen = open_settings(qtbot, kiosk)
    server_url = screen.fields["server_url"]
    assert isinstance(server_url, TextField)
    press(qtbot, screen.test_button)
    qtbot.waitUntil(screen.test_button.isEnabled, timeout=WAIT)
    tested = screen.test_result.text()
    assert tested.startswith("Type the server address first.")
    press(qtbot, screen.section_buttons["policies"])
    visits = screen.fields["max_stamps_per_visit"]
    assert isinstance(visits, TextField)
    retype(visits.edit, "0")
    save(qtbot, screen)
    problem = "Most stamps per purchase: type a whole number from 1 to 1000, e.g. 10."
    assert visits.note.text() == problem
    assert screen.message.text() == f"Not saved. {problem}"

    language.marked()
    assert [b.text() for b in screen.section_buttons.values()] == [
        "«Server»",
        "«Devices»",
        "«Policies»",
        "«Language»",
    ]
    assert screen.section_notes["policies"].text() == "«Changes here apply from the next scan.»"
    assert (screen.save_button.text(), screen.back_button.text()) == ("«Save»", "«Back»")
    assert screen.test_button.text() == "«Test connection»"
    url_problem = (
        "«Server address: type the whole address with http:// or https://, "
        "e.g. https://stamps.example.com.»"
    )
    assert screen.test_result.text() == f"«Type the server address first. {url_problem}»"
    assert server_url.title.text() == "«Server address»"
    assert server_url.hint.text() == "«e.g. https://stamps.example.com»"
    api_key = screen.fields["api_key"]
    assert isinstance(api_key, SecretField)
    assert api_key.hint.text() == "«The merchant's API key.»"
    assert api_key.show_button.text() == "«Show»"
    limit = screen.fields["limit_action"]
    assert isinstance(limit, ChoiceField)
    assert [b.text() for b in limit.buttons.values()] == ["«Refuse it»", "«Hold for review»"]
    offline = screen.fields["offline_redemption"]
    assert isinstance(offline, ChoiceField)
    assert [b.text() for b in offline.buttons.values()] == ["«On»", "«Off»"]
    names = screen.fields["language"]
    assert isinstance(names, ChoiceField)
    assert [b.text() for b in names.buttons.values()] == ["English", "Deutsch", "한국어", "中文"]
    camera = screen.fields["camera"]
    assert isinstance(camera, DeviceField)
    assert camera.hint.text() == "camera:0, camera:/dev/v4l/by-id/…, video:FILE"
    assert camera.state.text() == "«Now: «No state yet: this kiosk has not opened this device.»»"
    marked_problem = "««Most stamps per purchase»: type a whole number from 1 to 1000, e.g. 10.»"
    assert visits.note.text() == marked_problem
    assert screen.message.text() == f"«Not saved. {marked_problem}»"

    language.english()
    assert screen.test_result.text() == tested
    assert visits.note.text() == problem
    assert screen.message.text() == f"Not saved. {problem}"
    assert api_key.show_button.text() == "Show"
    assert camera.state.text() == "Now: No state yet: this kiosk has not opened this device."

    retype(visits.edit, "4")
    press(qtbot, screen.section_buttons["devices"])
    line = camera.combo.lineEdit()
    assert line is not None
    retype(line, "camera:3")
    save(qtbot, screen)
    said = (
        "Saved. The policies apply from the next scan. Restart the kiosk to use the new camera "
        "(leave it with Ctrl+Shift+Q and the manager PIN, then start it again)."
    )
    assert screen.message.text() == said
    assert camera.note.text() == "Saved — used when the kiosk is started again."
    language.marked()
    assert screen.message.text() == (
        "«Saved.» «The policies apply from the next scan.» «Restart the kiosk to use the new "
        "{settings} (leave it with Ctrl+Shift+Q and the manager PIN, then start it again).»"
    ).replace("{settings}", "«camera»")
    assert camera.note.text() == "«Saved — used when the kiosk is started again.»"
    language.english()
    assert screen.message.text() == said
    assert load_config(path, {}).camera == "camera:3"
    assert {"SettingsScreen", "Settings", "SettingsDevices", "SecretField", "ConnectionCheck"} <= (
        language.translator.contexts
    )


def test_the_words_made_off_the_screens_keep_the_values_they_were_given(
    qapp: QApplication, language: Language
) -> None:
    language.marked()
    assert rejection_text(49999, "stamp.unknown") == (
        "«««The server refused this event — tell the manager if it happens again.» It was not "
        "counted on the card.» (server code 49999, stamp.unknown)»"
    )
    refused = EnrolFailure(Problem.REFUSED_SETTINGS, error="The server says no").message
    assert refused == (
        "«The customer was not enrolled. The server says no. Nothing was created; ask the "
        "manager to check the terminal's settings.»"
    )
    report = ConnectionReport(Finding.UNREACHABLE, "http://127.0.0.1:9", "connection refused")
    assert report.message.startswith("«The server cannot be reached at http://127.0.0.1:9.")
    assert saved_text({"language": "ko"}, language_installed=False) == (
        "«Saved.» «한국어 is not installed on this terminal yet, so the screens stay in English.»",
        "warn",
    )
    missing = DeviceState("usb", DeviceStatus.MISSING, "Plug the reader in.")
    assert device_state_text("usb", missing) == ("««Not found» — Plug the reader in.»", "warn")
    language.english()
    assert device_state_text("usb", missing) == ("Not found — Plug the reader in.", "warn")
    assert report.message.startswith("The server cannot be reached at http://127.0.0.1:9.")
