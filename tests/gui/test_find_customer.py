"""Find a customer without their card, by phone number or typed card code, through the widgets."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from kiosk_kit import KioskFactory
from live_server import LiveServer
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.config import Config
from app.domain.events import EventState, EventType
from app.policy.payload import MESSAGES
from app.terminal import NO_CARD_FOR_PHONE, PHONE_UNKNOWN_OFFLINE, Identified
from app.ui.app import Kiosk
from app.ui.find_customer import (
    BACKSPACE,
    FindCustomerScreen,
    SearchMode,
    code_is_phone,
    empty_entry,
    hint,
    not_a_code,
)

WAIT = 15000
DEMO_PHONE = "+15550100001"
LEFT = Qt.MouseButton.LeftButton


def server_config(live_server: LiveServer, *, signed_only: bool) -> Config:
    demo = live_server.demo
    return Config(
        server_url=live_server.url,
        api_key=demo["apiKey"],
        terminal_token=demo["terminalToken"],
        stamp_value=demo["stampValue"],
        card_public_key=demo["publicKey"],
        require_signed_codes=signed_only,
    )


def trace_searches(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Note every phone search and card identification with the thread it ran on."""
    calls: list[tuple[str, int]] = []
    terminal = kiosk.terminal
    for name in ("find_by_phone", "identify"):
        original = getattr(terminal, name)

        def traced(*args: Any, _original: Any = original, _name: str = name) -> Any:
            calls.append((_name, threading.get_ident()))
            return _original(*args)

        monkeypatch.setattr(terminal, name, traced)
    return calls


def counts(kiosk: Kiosk) -> dict[EventState, int]:
    return kiosk.writer.call(lambda o: o.counts())


def open_find(qtbot: QtBot, kiosk: Kiosk) -> FindCustomerScreen:
    """Press Find customer in the top bar."""
    window = kiosk.window
    button = window.findChild(QPushButton, "findCustomerButton")
    assert button is not None
    assert button.text() == "Find customer"
    qtbot.mouseClick(button, LEFT)
    screen = window.current
    assert isinstance(screen, FindCustomerScreen)
    assert screen.entry.text() == ""
    assert screen.mode is SearchMode.PHONE
    qtbot.waitUntil(screen.entry.hasFocus)
    return screen


def type_on_keypad(qtbot: QtBot, screen: FindCustomerScreen, text: str) -> None:
    for key in text:
        qtbot.mouseClick(screen.keys[key], LEFT)


def search_opens_card(qtbot: QtBot, kiosk: Kiosk, screen: FindCustomerScreen) -> Identified:
    with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT) as signal:
        qtbot.mouseClick(screen.search_button, LEFT)
    assert kiosk.window.current is kiosk.window.card
    found: Identified = signal.args[0]
    assert kiosk.window.card.card_id == found.card_instance_id
    return found


def search_is_refused(qtbot: QtBot, kiosk: Kiosk, screen: FindCustomerScreen) -> str:
    with qtbot.waitSignal(screen.refused, timeout=WAIT):
        qtbot.mouseClick(screen.search_button, LEFT)
    assert kiosk.window.current is screen
    assert not screen.searching
    assert screen.search_button.isEnabled()
    assert kiosk.window.sounds.played[-1] == "error.wav"
    return screen.message.text()


def give_one_stamp(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT):
        qtbot.mouseClick(window.card.confirm_button, LEFT)
    assert window.current is window.success
    assert window.success.headline.text() == "1 stamp added"


def test_a_phone_number_found_online_opens_the_card_and_a_stamp_is_given(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    card_id = live_server.demo["cardInstanceId"]
    kiosk = make_kiosk(server_config(live_server, signed_only=True))
    calls = trace_searches(kiosk, monkeypatch)
    qtbot.waitUntil(lambda: kiosk.window.badge.text() == "Online", timeout=WAIT)

    screen = open_find(qtbot, kiosk)
    assert screen.phone_button.isChecked()
    assert not screen.keys["A"].isVisible()
    type_on_keypad(qtbot, screen, "+155501000019")
    qtbot.mouseClick(screen.keys[BACKSPACE], LEFT)
    assert screen.entry.text() == DEMO_PHONE
    found = search_opens_card(qtbot, kiosk, screen)

    assert found.card_instance_id == card_id
    assert kiosk.window.card.stamps.text() == "0 of 10 stamps"
    assert screen.entry.text() == ""
    assert [name for name, _ in calls] == ["find_by_phone"]
    assert threading.get_ident() not in {thread for _, thread in calls}
    assert kiosk.writer.call(lambda o: o.card_by_phone(DEMO_PHONE)) == card_id

    give_one_stamp(qtbot, kiosk)
    qtbot.waitUntil(lambda: counts(kiosk)[EventState.SENT] == 1, timeout=WAIT)
    history = live_server.post("getEventHistory", {"cardInstanceId": card_id})["events"]
    assert [e["eventType"] for e in history].count(EventType.STAMP.value) == 1


def test_a_phone_seen_once_is_found_offline_and_an_unknown_one_is_explained(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    card_id = live_server.demo["cardInstanceId"]
    kiosk = make_kiosk(server_config(live_server, signed_only=True))
    window = kiosk.window
    qtbot.waitUntil(lambda: window.badge.text() == "Online", timeout=WAIT)
    screen = open_find(qtbot, kiosk)
    type_on_keypad(qtbot, screen, DEMO_PHONE)
    search_opens_card(qtbot, kiosk, screen)
    qtbot.mouseClick(window.card.cancel_button, LEFT)
    assert window.current is window.ready

    live_server.stop()
    kiosk.sync.trigger()
    qtbot.waitUntil(lambda: window.badge.text().startswith("Offline"), timeout=WAIT)

    screen = open_find(qtbot, kiosk)
    qtbot.keyClicks(screen.entry, "+1 (555) 010-0001")
    with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT):
        qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    assert window.current is window.card
    assert window.card.card_id == card_id
    give_one_stamp(qtbot, kiosk)
    assert counts(kiosk)[EventState.PENDING] == 1

    screen = open_find(qtbot, kiosk)
    type_on_keypad(qtbot, screen, "+15550109999")
    assert search_is_refused(qtbot, kiosk, screen) == PHONE_UNKNOWN_OFFLINE.message
    assert "server cannot be reached" in screen.message.text()
    assert screen.message.property("tone") == "warn"


def test_an_unknown_phone_number_online_says_so_and_stays_on_the_search(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    kiosk = make_kiosk(server_config(live_server, signed_only=True))
    window = kiosk.window
    qtbot.waitUntil(lambda: window.badge.text() == "Online", timeout=WAIT)
    screen = open_find(qtbot, kiosk)
    type_on_keypad(qtbot, screen, "+15550109999")

    message = search_is_refused(qtbot, kiosk, screen)

    assert message == NO_CARD_FOR_PHONE.message
    assert "enrol the customer" in message
    assert screen.entry.text() == "+15550109999"
    assert kiosk.writer.call(lambda o: o.card_by_phone("+15550109999")) is None
    qtbot.mouseClick(screen.back_button, LEFT)
    assert window.current is window.ready


def test_a_typed_card_code_opens_the_card_as_a_scan_would(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    demo = live_server.demo
    card_id = demo["cardInstanceId"]
    kiosk = make_kiosk(server_config(live_server, signed_only=False))
    qtbot.waitUntil(lambda: kiosk.window.badge.text() == "Online", timeout=WAIT)
    screen = open_find(qtbot, kiosk)
    qtbot.mouseClick(screen.code_button, LEFT)
    assert screen.mode is SearchMode.CODE
    assert screen.keys["A"].isVisible()
    assert not screen.keys["+"].isEnabled()
    type_on_keypad(qtbot, screen, card_id.upper())
    found = search_opens_card(qtbot, kiosk, screen)
    assert found.card_instance_id == card_id
    assert found.ref.kind == "card"
    assert kiosk.window.card.stamps.text() == "0 of 10 stamps"
    give_one_stamp(qtbot, kiosk)

    signed = make_kiosk(server_config(live_server, signed_only=True))
    qtbot.waitUntil(lambda: signed.window.badge.text() == "Online", timeout=WAIT)
    screen = open_find(qtbot, signed)
    qtbot.mouseClick(screen.code_button, LEFT)
    type_on_keypad(qtbot, screen, card_id.upper())
    assert search_is_refused(qtbot, signed, screen) == MESSAGES["unsigned_code"]

    qtbot.mouseClick(screen.clear_button, LEFT)
    assert screen.entry.text() == ""
    qtbot.keyClicks(screen.entry, demo["cardUrl"].rsplit("/", 1)[1])
    found = search_opens_card(qtbot, signed, screen)
    assert found.card_instance_id == card_id
    assert found.ref.signed
    assert signed.window.card.stamps.text() == "1 of 10 stamps"


def test_malformed_entries_are_refused_without_any_lookup(
    qtbot: QtBot, make_kiosk: KioskFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = make_kiosk(Config())
    calls = trace_searches(kiosk, monkeypatch)
    screen = open_find(qtbot, kiosk)
    assert screen.message.text() == hint(SearchMode.PHONE)

    def refused_at_once(entry: str) -> str:
        screen.entry.setText(entry)
        qtbot.mouseClick(screen.search_button, LEFT)
        assert not screen.searching
        assert kiosk.window.current is screen
        assert screen.message.property("tone") == "warn"
        return screen.message.text()

    assert refused_at_once("") == empty_entry(SearchMode.PHONE).message
    type_on_keypad(qtbot, screen, "12345")
    qtbot.mouseClick(screen.search_button, LEFT)
    assert screen.message.text() == MESSAGES["bad_phone"]
    assert refused_at_once("0131cef8-56e1-461a-b82b-7e220b925481") == MESSAGES["bad_phone"]

    qtbot.mouseClick(screen.code_button, LEFT)
    assert screen.entry.text() == ""
    assert screen.message.text() == hint(SearchMode.CODE)
    assert refused_at_once("0131CEF8-56E1") == not_a_code().message
    assert refused_at_once("0131cef8-56e1-461a-b82b-7e220b92548g") == not_a_code().message
    assert refused_at_once(DEMO_PHONE) == code_is_phone().message

    qtbot.wait(200)
    assert calls == []
    assert kiosk.window.current is screen
    assert sum(counts(kiosk).values()) == 0


def search_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("find-customer")]


def test_a_card_code_offline_opens_the_card_and_the_search_thread_ends_with_the_window(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    card_id = "0131cef8-56e1-461a-b82b-7e220b925481"
    kiosk = make_kiosk(Config())
    window = kiosk.window
    screen = open_find(qtbot, kiosk)
    assert not screen.search.running
    qtbot.mouseClick(screen.code_button, LEFT)
    type_on_keypad(qtbot, screen, card_id.upper())
    found = search_opens_card(qtbot, kiosk, screen)
    assert found.card_instance_id == card_id
    assert found.card is None
    assert screen.search.running
    assert len(search_threads()) == 1

    window.showFullScreen()
    window.close()
    assert window.isVisible()
    assert screen.search.running

    window.shutdown()
    assert not window.isVisible()
    assert not screen.search.running
    assert search_threads() == []
