"""Enrol a new customer through the widgets, against the real reference server on loopback."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import zxingcpp
from kiosk_kit import KioskFactory
from live_server import LiveServer, free_port
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

import app.sync.enrolment as enrolment_module
import app.ui.enrol_worker as enrol_worker
from app.config import Config
from app.domain.events import EventState
from app.policy.payload import MESSAGES
from app.sync.client import StampApiClient
from app.sync.customer_wire import ISSUE_CARD_PATH, MEMBER_PATH
from app.sync.errors import RejectedError
from app.sync.factory import api_client
from app.sync.keys import MASTER_STAMP_CARDS
from app.ui.app import Kiosk
from app.ui.enrol import EnrolScreen, bad_email_text, hint_text
from app.ui.enrol_result import hold_card_text, stop_label, write_label, written_text
from app.ui.enrol_worker import EnrolFailure, Enrolled, Problem
from app.ui.touch_keyboard import SHIFT, SPACE
from hardware.nfc import NfcReader
from hardware.nfc.emulator import Ntag213Emulator, blank_ntag213

WAIT = 20000
LEFT = Qt.MouseButton.LeftButton
ONLINE_ONLY = (
    "can only be enrolled while the terminal is connected to the server, because the card "
    "number comes from the server"
)


def enrol_config(live_server: LiveServer, **changes: Any) -> Config:
    demo = live_server.demo
    config = Config(
        server_url=live_server.url,
        api_key=demo["apiKey"],
        terminal_token=demo["terminalToken"],
        app_id=demo["appId"],
        app_secret=demo["appSecret"],
        stamp_value=demo["stampValue"],
        card_public_key=demo["publicKey"],
        require_signed_codes=True,
    )
    return dataclasses.replace(config, **changes)


@pytest.fixture
def server_client(live_server: LiveServer) -> Iterator[StampApiClient]:
    """The demo terminal's own API client, to see what the server holds."""
    with httpx.Client(base_url=live_server.url, timeout=30.0) as http:
        yield api_client(http, enrol_config(live_server))


class CountingTransport(httpx.HTTPTransport):
    """The real HTTP transport, noting the path of every request it carries."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return super().handle_request(request)


def wait_online(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.waitUntil(lambda: kiosk.window.badge.text() == "Online", timeout=WAIT)


def open_enrol(qtbot: QtBot, kiosk: Kiosk) -> EnrolScreen:
    """Press New customer in the top bar."""
    button = kiosk.window.findChild(QPushButton, "enrolNavButton")
    assert button is not None
    assert button.text() == "New customer"
    qtbot.mouseClick(button, LEFT)
    screen = kiosk.window.current
    assert isinstance(screen, EnrolScreen)
    return screen


def type_keys(qtbot: QtBot, screen: EnrolScreen, keys: list[str]) -> None:
    for key in keys:
        qtbot.mouseClick(screen.keyboard.keys[key], LEFT)


def fill(screen: EnrolScreen, name: str = "", phone: str = "", email: str = "") -> None:
    for entry, text in zip(screen.entries, (name, phone, email), strict=True):
        entry.setText(text)


def enrol_now(qtbot: QtBot, screen: EnrolScreen) -> Enrolled:
    with qtbot.waitSignal(screen.enrolled, timeout=WAIT) as signal:
        qtbot.mouseClick(screen.enrol_button, LEFT)
    assert screen.showing_result
    enrolled: Enrolled = signal.args[0]
    return enrolled


def refused_now(qtbot: QtBot, screen: EnrolScreen, button: QPushButton | None = None) -> str:
    with qtbot.waitSignal(screen.refused, timeout=WAIT) as signal:
        qtbot.mouseClick(button or screen.enrol_button, LEFT)
    assert not screen.busy
    assert not screen.showing_result
    assert signal.args[0] == screen.message.text()
    return screen.message.text()


def decoded(widget: QWidget) -> list[str]:
    """The QR codes zxing-cpp reads in what the widget shows on screen."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), np.uint8, count=stride * height)
    gray = pixels.reshape(height, stride)[:, :width]
    return [result.text for result in zxingcpp.read_barcodes(np.ascontiguousarray(gray))]


def counts(kiosk: Kiosk) -> dict[EventState, int]:
    return kiosk.writer.call(lambda o: o.counts())


def test_enrol_shows_the_card_qr_and_the_new_card_takes_a_stamp_that_syncs(
    qtbot: QtBot,
    make_kiosk: KioskFactory,
    live_server: LiveServer,
    server_client: StampApiClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[int] = []
    original = enrolment_module.enrol

    def traced(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(enrol_worker, "enrol", traced)
    kiosk = make_kiosk(enrol_config(live_server))
    window = kiosk.window
    wait_online(qtbot, kiosk)
    screen = open_enrol(qtbot, kiosk)
    assert screen.message.text() == hint_text()
    qtbot.waitUntil(screen.name_entry.hasFocus)

    type_keys(qtbot, screen, [SHIFT, "a", "d", "a", SPACE, SHIFT, "l"])
    qtbot.keyClicks(screen.name_entry, "ovelace")
    qtbot.mouseClick(screen.phone_entry, LEFT)
    qtbot.waitUntil(screen.phone_entry.hasFocus)
    type_keys(qtbot, screen, ["+", "1", SPACE, *"555", SPACE, *"0100199"])
    assert screen.name_entry.text() == "Ada Lovelace"
    assert screen.phone_entry.text() == "+1 555 0100199"

    enrolled = enrol_now(qtbot, screen)
    enrolment = enrolled.enrolment
    card_id = enrolment.card_instance_id
    url = enrolment.card_url
    assert url is not None and url.startswith(f"{live_server.url}/c/{card_id}.")
    assert window.current is screen
    assert decoded(screen.result.qr) == [url]
    assert screen.result.heading.text() == "Welcome, Ada Lovelace!"
    assert f"Member number {enrolment.member_number}" in screen.result.member.text()
    assert screen.result.write_button.isHidden()  # no NFC reader attached
    assert window.sounds.played[-1] == "success.wav"
    assert threads and threading.get_ident() not in threads

    found = server_client.lookup_card(phone="+15550100199").card_instance
    assert found is not None and found.card_instance_id == card_id
    card = kiosk.writer.call(lambda o: o.card(card_id))
    assert card is not None and (card.stamps, card.total_stamps) == (0, 10)
    assert kiosk.writer.call(lambda o: o.card_by_phone("+1 555 010 0199")) == card_id

    with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT):
        qtbot.mouseClick(screen.result.stamps_button, LEFT)
    assert window.current is window.card
    assert window.card.card_id == card_id
    assert window.card.stamps.text() == "0 of 10 stamps"
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT):
        qtbot.mouseClick(window.card.confirm_button, LEFT)
    assert window.success.headline.text() == "1 stamp added"
    qtbot.waitUntil(lambda: counts(kiosk)[EventState.SENT] == 1, timeout=WAIT)
    synced = server_client.lookup_card(card_instance_id=card_id).card_instance
    assert synced is not None and synced.current_stamps == 1

    assert open_enrol(qtbot, kiosk).showing_result  # the customer may still need the code
    qtbot.mouseClick(screen.result.done_button, LEFT)
    assert window.current is window.ready
    assert not open_enrol(qtbot, kiosk).showing_result
    assert [entry.text() for entry in screen.entries] == ["", "", ""]


def test_entries_are_checked_and_without_a_server_nothing_is_tried(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config())
    screen = open_enrol(qtbot, kiosk)

    fill(screen, "Grace", "12")
    assert refused_now(qtbot, screen) == MESSAGES["bad_phone"]
    fill(screen, "Grace", "+1 555 010 0123", "grace@")
    assert refused_now(qtbot, screen) == bad_email_text()
    fill(screen, "Grace", "+1 555 010 0123", "grace@example.com")
    assert refused_now(qtbot, screen) == EnrolFailure(Problem.NO_SERVER).message
    assert kiosk.window.sounds.played == ["error.wav"] * 3
    assert not screen.enroller.running
    assert screen.name_entry.text() == "Grace"  # nothing typed is lost


def test_offline_the_screen_says_so_plainly_and_sends_nothing(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    transport = CountingTransport()
    nowhere = f"http://127.0.0.1:{free_port()}"
    kiosk = make_kiosk(enrol_config(live_server, server_url=nowhere), transport=transport)
    qtbot.waitUntil(lambda: kiosk.window.badge.text().startswith("Offline"), timeout=WAIT)
    assert not kiosk.sync.online
    screen = open_enrol(qtbot, kiosk)
    fill(screen, "Alan", "+1 555 010 0311")

    offline = EnrolFailure(Problem.OFFLINE).message
    assert refused_now(qtbot, screen) == offline
    assert ONLINE_ONLY in offline
    assert not screen.enroller.running
    assert transport.paths  # the sync worker tried to reach the server
    assert MEMBER_PATH not in transport.paths
    assert ISSUE_CARD_PATH not in transport.paths
    assert kiosk.writer.call(lambda o: o.card_by_phone("+15550100311")) is None


def test_a_server_gone_after_the_last_sync_gives_the_same_plain_answer(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    kiosk = make_kiosk(enrol_config(live_server))
    wait_online(qtbot, kiosk)
    screen = open_enrol(qtbot, kiosk)
    fill(screen, "Alan", "+1 555 010 0322")
    live_server.kill()

    message = refused_now(qtbot, screen)
    assert ONLINE_ONLY in message
    assert screen.retry_button.isHidden()
    assert kiosk.writer.call(lambda o: o.card_by_phone("+15550100322")) is None


def test_a_wrong_app_secret_is_explained_and_no_card_is_stored(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer, server_client: StampApiClient
) -> None:
    wrong = "not-the-app-secret-0123456789"
    kiosk = make_kiosk(enrol_config(live_server, app_secret=wrong))
    wait_online(qtbot, kiosk)
    screen = open_enrol(qtbot, kiosk)
    fill(screen, "Mallory", "+1 555 010 0288")

    message = refused_now(qtbot, screen)
    assert message.startswith("The customer was not enrolled.")
    assert "does not accept the app secret" in message
    assert "check app_id and app_secret" in message
    assert "Nothing was created" in message
    assert wrong not in message and live_server.demo["appSecret"] not in message
    assert screen.retry_button.isHidden() and not screen.enrol_button.isHidden()
    assert kiosk.window.sounds.played[-1] == "error.wav"
    assert kiosk.writer.call(lambda o: o.card_by_phone("+15550100288")) is None
    with pytest.raises(RejectedError) as missing:
        server_client.lookup_card(phone="+15550100288")
    assert missing.value.code == 34002


def test_a_terminal_whose_credentials_are_refused_sends_nothing(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    transport = CountingTransport()
    config = enrol_config(live_server, terminal_token="tt-unknown-token-42")
    kiosk = make_kiosk(config, transport=transport)
    qtbot.waitUntil(lambda: "credentials" in kiosk.window.badge.text(), timeout=WAIT)
    screen = open_enrol(qtbot, kiosk)
    fill(screen, "Eve", "+1 555 010 0366")

    assert refused_now(qtbot, screen) == EnrolFailure(Problem.CREDENTIALS_REFUSED).message
    assert not screen.enroller.running
    assert MEMBER_PATH not in transport.paths
    assert ISSUE_CARD_PATH not in transport.paths


def test_a_member_registered_without_a_card_gets_it_with_try_again(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer, server_client: StampApiClient
) -> None:
    kiosk = make_kiosk(enrol_config(live_server))
    wait_online(qtbot, kiosk)
    cached = lambda: kiosk.writer.call(lambda o: o.master_data_get(MASTER_STAMP_CARDS))  # noqa: E731
    qtbot.waitUntil(lambda: cached() is not None, timeout=WAIT)
    stale = json.loads(cached() or "[]")
    assert [card["cardIdx"] for card in stale] == [live_server.demo["cardIdx"]]
    stale[0]["cardIdx"] = 2_000_000_000  # the stamp card's number changed on the server
    kiosk.writer.call(lambda o: o.master_data_set(MASTER_STAMP_CARDS, json.dumps(stale)))
    screen = open_enrol(qtbot, kiosk)
    fill(screen, "Grace Hopper", "+1 555 010 0455", "grace@example.com")

    message = refused_now(qtbot, screen)
    assert message.startswith("Member ")
    number = message.split()[1]
    assert f"Member {number} is registered, but their card was not issued" in message
    assert "knows no stamp card with this cardIdx" in message
    assert message.endswith("Press Try again to issue the card.")
    assert not screen.retry_button.isHidden() and screen.enrol_button.isHidden()
    assert all(entry.isReadOnly() for entry in screen.entries)
    with pytest.raises(RejectedError):
        server_client.lookup_card(phone="+15550100455")

    with qtbot.waitSignal(screen.enrolled, timeout=WAIT) as signal:
        qtbot.mouseClick(screen.retry_button, LEFT)
    enrolled: Enrolled = signal.args[0]
    assert enrolled.enrolment.member_number == number
    assert screen.showing_result
    assert decoded(screen.result.qr) == [enrolled.card_code]
    found = server_client.lookup_card(phone="+15550100455").card_instance
    assert found is not None and found.card_instance_id == enrolled.enrolment.card_instance_id


@pytest.fixture
def short_url_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A server whose card URLs are short (public address ``https://st.io``): they fit an
    NTAG213, whose NDEF area holds 137 bytes."""
    server = LiveServer(tmp_path / "short-url-server")
    server.env["STAMP_SERVER_PUBLIC_URL"] = "https://st.io"
    server.prepare()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def start_writing(qtbot: QtBot, screen: EnrolScreen, tag: Ntag213Emulator) -> None:
    panel = screen.result
    assert not panel.write_button.isHidden()
    assert panel.write_button.text() == write_label()
    qtbot.mouseClick(panel.write_button, LEFT)
    assert panel.nfc_status.text() == hold_card_text()
    assert panel.write_button.text() == stop_label()
    assert tag.wait_for_poll(5)


def test_the_new_card_is_written_onto_a_blank_nfc_card_which_then_opens_it(
    qtbot: QtBot, make_kiosk: KioskFactory, short_url_server: LiveServer
) -> None:
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        kiosk = make_kiosk(enrol_config(short_url_server), devices=[reader])
        window = kiosk.window
        wait_online(qtbot, kiosk)
        screen = open_enrol(qtbot, kiosk)
        enrolled = enrol_now(qtbot, screen)
        url = enrolled.enrolment.card_url
        assert url is not None and url.startswith("https://st.io/c/")
        panel = screen.result

        start_writing(qtbot, screen, tag)
        with qtbot.waitSignal(panel.written, timeout=WAIT):
            tag.present(blank_ntag213())
        assert panel.nfc_status.text() == written_text()
        assert panel.write_button.text() == write_label()
        assert window.current is screen
        assert window.sounds.played[-1] == "success.wav"
        assert url.split("//", 1)[1].encode() in bytes(tag.memory)

        tag.remove()
        assert tag.wait_for_poll(5)
        with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT):
            tag.present()  # the customer taps the new card
        assert window.current is window.card
        assert window.card.card_id == enrolled.enrolment.card_instance_id
        reader.stop()


def test_a_card_url_too_long_for_the_nfc_card_is_refused_with_the_reason(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    with Ntag213Emulator(present=False) as tag:
        reader = NfcReader(tag.uri, targets=("106A",))
        kiosk = make_kiosk(enrol_config(live_server), devices=[reader])
        wait_online(qtbot, kiosk)
        screen = open_enrol(qtbot, kiosk)
        enrol_now(qtbot, screen)
        panel = screen.result

        start_writing(qtbot, screen, tag)
        with qtbot.waitSignal(panel.written, timeout=WAIT) as signal:
            tag.present(blank_ntag213())
        assert signal.args[0].reason == "too_small"
        assert panel.nfc_status.text().startswith("The card URL needs")
        assert "use an NTAG215 or NTAG216 tag" in panel.nfc_status.text()
        assert panel.write_button.text() == write_label()
        assert kiosk.window.current is screen
        assert kiosk.window.sounds.played[-1] == "error.wav"
        assert tag.writes == 0

        tag.remove()
        assert tag.wait_for_poll(5)
        qtbot.mouseClick(panel.write_button, LEFT)
        qtbot.mouseClick(panel.write_button, LEFT)  # Stop waiting
        assert panel.write_button.text() == write_label()
        assert panel.nfc_status.isHidden()
        reader.stop()
