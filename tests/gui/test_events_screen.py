"""The Events screen through its real widgets, the real outbox and the real server on loopback."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
import pytest
from chaos_transport import ChaosTransport
from kiosk_kit import KioskFactory, StepClock, scan_from_device
from live_server import LiveServer
from pin_kit import PIN, STORED_PIN, gate_of, type_pin
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.config import Config
from app.domain.events import EventState, EventType, OutboxEvent
from app.store.outbox import Outbox
from app.sync.worker import SyncState, SyncStatus
from app.terminal import Recorded
from app.ui.app import Kiosk, load_style
from app.ui.events_overview import event_detail, load_overview, rejection_text, sync_text
from app.ui.events_screen import EventRow, EventsScreen

WAIT = 15000
PENDING, SENT, REJECTED, REVIEW = EventState


def online_config(live_server: LiveServer) -> Config:
    demo = live_server.demo
    return Config(
        server_url=live_server.url,
        api_key=demo["apiKey"],
        terminal_token=demo["terminalToken"],
        stamp_value=demo["stampValue"],
        card_public_key=demo["publicKey"],
        require_signed_codes=True,
    )


def cut_network() -> ChaosTransport:
    """A network that refuses every connection until ``healthy`` is set."""
    return ChaosTransport(httpx.HTTPTransport(), reset=1.0, lost=0, stall=0)


def click(qtbot: QtBot, button: QPushButton | None) -> None:
    assert button is not None
    qtbot.waitUntil(button.isVisible, timeout=WAIT)
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def visit(qtbot: QtBot, kiosk: Kiosk, clock: StepClock, payload: str) -> OutboxEvent:
    """A customer a minute after the last one: scan, one stamp, confirm; the committed event."""
    clock.advance(60)
    window = kiosk.window
    with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT):
        scan_from_device(kiosk, payload)
    assert window.current is window.card
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT) as signal:
        click(qtbot, window.card.confirm_button)
    recorded: Recorded = signal.args[0]
    (event,) = recorded.events
    return event


def open_events(qtbot: QtBot, kiosk: Kiosk) -> EventsScreen:
    screen = kiosk.window.findChild(EventsScreen)
    assert isinstance(screen, EventsScreen)
    click(qtbot, kiosk.window.findChild(QPushButton, "eventsButton"))
    assert kiosk.window.current is screen
    return screen


def counted(screen: EventsScreen, state: EventState) -> str:
    return screen.count_buttons[state].text()


def listed(screen: EventsScreen) -> list[str]:
    return [row.outbox_event.event_id for row in screen.rows]


def row_of(screen: EventsScreen, event: OutboxEvent) -> EventRow:
    row = screen.row(event.event_id)
    assert row is not None, f"{event.event_id} is not listed"
    return row


def watch_status(kiosk: Kiosk) -> list[tuple[float, SyncStatus]]:
    """Every status the sync worker publishes, with the moment it did (on its own thread)."""
    seen: list[tuple[float, SyncStatus]] = []
    kiosk.sync.add_listener(lambda status: seen.append((time.monotonic(), status)))
    return seen


def trace_store_use(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> tuple[set[int], set[int]]:
    """(threads that waited on the store writer, threads that ran the screen's reads)."""
    waited: set[int] = set()
    loaded: set[int] = set()
    writer = kiosk.writer
    call = writer.call
    load = load_overview

    def traced_call(fn: Callable[[Outbox], Any], timeout: float | None = None) -> Any:
        waited.add(threading.get_ident())
        return call(fn, timeout)

    def traced_load(*args: Any, **kw: Any) -> Any:
        loaded.add(threading.get_ident())
        return load(*args, **kw)

    monkeypatch.setattr(writer, "call", traced_call)
    monkeypatch.setattr("app.ui.events_screen.load_overview", traced_load)
    return waited, loaded


def server_events(live_server: LiveServer, card_id: str) -> list[dict[str, Any]]:
    """Every event the server holds for a card, applied or refused, oldest first."""
    found = json.loads(live_server.cli("events", "list", "--card-instance-id", card_id))
    assert isinstance(found, list)
    return list(reversed(found))


def test_offline_stamps_wait_and_sync_now_sends_them_without_waiting_out_the_backoff(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = live_server.demo
    card_id = demo["cardInstanceId"]
    network = cut_network()
    clock = StepClock()
    kiosk = make_kiosk(online_config(live_server), transport=network, clock=clock)
    published = watch_status(kiosk)
    waited, loaded = trace_store_use(kiosk, monkeypatch)
    first = visit(qtbot, kiosk, clock, demo["cardUrl"])
    second = visit(qtbot, kiosk, clock, demo["cardUrl"])

    screen = open_events(qtbot, kiosk)
    qtbot.waitUntil(lambda: counted(screen, PENDING) == "2 waiting", timeout=WAIT)
    qtbot.waitUntil(lambda: listed(screen) == [second.event_id, first.event_id], timeout=WAIT)
    assert [counted(screen, s) for s in (SENT, REJECTED, REVIEW)] == [
        "0 sent",
        "0 refused",
        "0 held",
    ]
    line = row_of(screen, first).line.text()
    assert line.endswith(f" · Card …{card_id[-4:]} · Stamp · Waiting to send")
    assert line.startswith(first.device_time.astimezone().strftime("%d %b %H:%M"))
    assert screen.last_sync.text() == "Last successful sync: never"

    # The worker backs off after each failure; wait until its next try is seconds away.
    qtbot.waitUntil(
        lambda: bool(published) and (published[-1][1].retry_in_seconds or 0) >= 4,
        timeout=WAIT * 2,
    )
    qtbot.waitUntil(lambda: screen.sync_line.text().startswith("Offline"), timeout=WAIT)
    assert screen.sync_line.property("tone") == "warn"
    failed_at, failure = published[-1]
    network.healthy = True
    click(qtbot, screen.sync_button)
    assert screen.message.text() == "Sending now…"
    budget = failed_at + (failure.retry_in_seconds or 0) - time.monotonic() - 0.3
    assert budget > 1.5
    qtbot.waitUntil(lambda: counted(screen, SENT) == "2 sent", timeout=int(budget * 1000))

    assert counted(screen, PENDING) == "0 waiting"
    qtbot.waitUntil(lambda: screen.message.text() == "Sync finished.", timeout=WAIT)
    assert screen.sync_line.text().startswith("Online")
    assert screen.last_sync.text().startswith("Last successful sync: ")
    assert screen.last_sync.text() != "Last successful sync: never"
    assert [row.line.text().rsplit(" · ", 1)[1] for row in screen.rows] == ["Sent", "Sent"]
    assert [e["eventId"] for e in server_events(live_server, card_id)] == [
        first.event_id,
        second.event_id,
    ]
    assert threading.get_ident() not in waited
    assert loaded == {kiosk.writer.thread.ident}

    click(qtbot, screen.back_button)
    assert kiosk.window.current is kiosk.window.ready


def test_a_server_refusal_is_shown_with_its_reason_and_holds_nothing_back(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    demo = live_server.demo
    strict = json.loads(
        live_server.cli(
            "stamp-card",
            "create",
            "--merchant-id",
            demo["merchantId"],
            "--name",
            "One coffee an hour",
            "--cooldown-seconds",
            "3600",
        )
    )
    issued = json.loads(
        live_server.cli("customer", "create", "--stamp-card-id", strict["stampCardId"])
    )
    strict_card = issued["cardInstanceId"]
    config = replace(online_config(live_server), stamp_value="", require_signed_codes=False)
    network = cut_network()
    clock = StepClock()
    kiosk = make_kiosk(config, transport=network, clock=clock)
    first = visit(qtbot, kiosk, clock, strict_card)
    too_soon = visit(qtbot, kiosk, clock, strict_card)
    other = visit(qtbot, kiosk, clock, demo["cardInstanceId"])
    screen = open_events(qtbot, kiosk)
    qtbot.waitUntil(lambda: counted(screen, PENDING) == "3 waiting", timeout=WAIT)

    network.healthy = True
    click(qtbot, screen.sync_button)
    qtbot.waitUntil(lambda: counted(screen, SENT) == "2 sent", timeout=WAIT)
    qtbot.waitUntil(lambda: counted(screen, REJECTED) == "1 refused", timeout=WAIT)
    assert counted(screen, PENDING) == "0 waiting"
    assert listed(screen) == [other.event_id, too_soon.event_id, first.event_id]
    refused = row_of(screen, too_soon)
    assert refused.line.text().endswith("· Stamp · Refused by the server")
    assert not refused.detail.isHidden()
    assert refused.detail.text() == (
        "The shop's anti-fraud rule refused this stamp: the card was stamped too recently, or "
        "has had the most stamps allowed in one day. It was not counted on the card. "
        "(server code 33003, stamp.multiple.stamp.attempt)"
    )
    assert refused.release_button is None
    assert row_of(screen, other).line.text().endswith("· Stamp · Sent")
    assert row_of(screen, other).detail.isHidden()
    assert kiosk.window.badge.text().startswith("Needs attention")

    click(qtbot, screen.count_buttons[REJECTED])
    qtbot.waitUntil(lambda: listed(screen) == [too_soon.event_id], timeout=WAIT)
    assert screen.count_buttons[REJECTED].isChecked()
    assert not screen.all_button.isChecked()
    click(qtbot, screen.all_button)
    qtbot.waitUntil(lambda: len(screen.rows) == 3, timeout=WAIT)

    assert [(e["eventId"], e["resultCode"]) for e in server_events(live_server, strict_card)] == [
        (first.event_id, 0),
        (too_soon.event_id, 33003),
    ]
    applied = server_events(live_server, demo["cardInstanceId"])
    assert [(e["eventId"], e["resultCode"]) for e in applied] == [(other.event_id, 0)]


def test_a_released_event_reaches_the_server_once_and_a_declined_one_never(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = live_server.demo
    card_id = demo["cardInstanceId"]
    config = replace(online_config(live_server), limit_action="review", max_stamps_per_day=1)
    clock = StepClock()
    kiosk = make_kiosk(config, clock=clock)
    waited, loaded = trace_store_use(kiosk, monkeypatch)
    counted_first = visit(qtbot, kiosk, clock, demo["cardUrl"])
    to_release = visit(qtbot, kiosk, clock, demo["cardUrl"])
    to_decline = visit(qtbot, kiosk, clock, demo["cardUrl"])
    assert (to_release.state, to_decline.state) == (REVIEW, REVIEW)
    assert kiosk.window.success.detail.text().startswith("Adding 1 stamp would take this card")

    screen = open_events(qtbot, kiosk)
    asked: list[tuple[str, Callable[[], None]]] = []
    screen.authorize = lambda reason, on_granted: asked.append((reason, on_granted))
    qtbot.waitUntil(lambda: counted(screen, SENT) == "1 sent", timeout=WAIT)
    click(qtbot, screen.count_buttons[REVIEW])
    qtbot.waitUntil(
        lambda: listed(screen) == [to_decline.event_id, to_release.event_id], timeout=WAIT
    )
    assert counted(screen, REVIEW) == "2 held"
    held = row_of(screen, to_release)
    assert held.line.text().endswith("· Stamp · Held for a manager")
    assert held.detail.text().endswith("A manager can release it to be sent, or decline it.")
    assert "past the limit of 1 a day" in held.detail.text()

    click(qtbot, held.release_button)
    assert len(asked) == 1
    assert asked[0][0] == (
        f"Release the stamp of {to_release.device_time.astimezone():%d %b %H:%M} on card "
        f"…{card_id[-4:]} so it is sent to the server"
    )
    qtbot.wait(300)
    assert counted(screen, REVIEW) == "2 held"
    assert len(screen.rows) == 2

    asked[0][1]()
    qtbot.waitUntil(lambda: counted(screen, REVIEW) == "1 held", timeout=WAIT)
    assert screen.message.text() == "Released — it is sent to the server with this sync."
    assert listed(screen) == [to_decline.event_id]
    qtbot.waitUntil(lambda: counted(screen, SENT) == "2 sent", timeout=WAIT)

    declining = row_of(screen, to_decline)
    click(qtbot, declining.decline_button)
    panel = screen.decline_panel
    assert panel.isVisible()
    assert not panel.confirm_button.isEnabled()
    qtbot.keyClicks(panel.reason, "Second visit today, no purchase")
    click(qtbot, panel.confirm_button)
    assert len(asked) == 2
    assert asked[1][0].startswith("Decline the stamp of ")
    assert counted(screen, REVIEW) == "1 held"
    asked[1][1]()
    qtbot.waitUntil(lambda: counted(screen, REJECTED) == "1 refused", timeout=WAIT)
    assert not panel.isVisible()
    assert counted(screen, REVIEW) == "0 held"
    assert screen.message.text() == "Declined — it will not be sent; the reason is kept with it."
    assert screen.rows == []
    assert screen.empty.text() == "No events here yet."

    click(qtbot, screen.all_button)
    qtbot.waitUntil(lambda: len(screen.rows) == 3, timeout=WAIT)
    declined = row_of(screen, to_decline)
    assert declined.line.text().endswith("· Stamp · Declined by a manager")
    assert declined.detail.text() == (
        "Declined by a manager: Second visit today, no purchase. It will not be sent."
    )
    assert row_of(screen, to_release).line.text().endswith("· Stamp · Sent")

    click(qtbot, screen.sync_button)
    qtbot.waitUntil(lambda: screen.message.text() == "Sync finished.", timeout=WAIT)
    assert [e["eventId"] for e in server_events(live_server, card_id)] == [
        counted_first.event_id,
        to_release.event_id,
    ]
    assert threading.get_ident() not in waited
    assert loaded == {kiosk.writer.thread.ident}


def test_a_decision_on_an_event_decided_elsewhere_says_so(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    config = Config(limit_action="review", max_stamps_per_day=1, manager_pin=STORED_PIN)
    clock = StepClock()
    kiosk = make_kiosk(config, clock=clock)
    card = str(uuid.uuid4())
    visit(qtbot, kiosk, clock, card)
    held = visit(qtbot, kiosk, clock, card)
    screen = open_events(qtbot, kiosk)
    qtbot.waitUntil(lambda: counted(screen, REVIEW) == "1 held", timeout=WAIT)
    assert screen.sync_line.text() == "No server is set up — events are kept on this terminal."
    row = row_of(screen, held)
    kiosk.writer.submit(lambda o: o.release_review(held.event_id, "from the back office")).result()

    click(qtbot, row.release_button)
    assert kiosk.window.current is gate_of(kiosk).pad  # the kiosk's own gate asks for the PIN
    type_pin(qtbot, kiosk, PIN)
    qtbot.waitUntil(lambda: kiosk.window.current is screen, timeout=WAIT)
    qtbot.waitUntil(lambda: screen.message.property("tone") == "bad", timeout=WAIT)
    assert screen.message.text() == (
        f"Event {held.event_id} is pending, not held for review: only held events can be "
        "released or declined."
    )
    qtbot.waitUntil(lambda: counted(screen, REVIEW) == "0 held", timeout=WAIT)
    assert row_of(screen, held).release_button is None

    click(qtbot, screen.sync_button)
    assert screen.message.text() == "No server is set up, so there is nowhere to send the events."


def test_the_screen_fits_a_small_kiosk_screen_with_the_style_sheet(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    try:
        assert load_style(instance)
        clock = StepClock()
        kiosk = make_kiosk(Config(limit_action="review", max_stamps_per_day=1), clock=clock)
        card = str(uuid.uuid4())
        visit(qtbot, kiosk, clock, card)
        held = visit(qtbot, kiosk, clock, card)
        screen = open_events(qtbot, kiosk)
        qtbot.waitUntil(lambda: screen.row(held.event_id) is not None, timeout=WAIT)
        click(qtbot, row_of(screen, held).decline_button)
        panel = screen.decline_panel
        assert panel.question.text() == (
            f"Decline the stamp of {held.device_time.astimezone():%d %b %H:%M} on card "
            f"…{card[-4:]}? Say why — the reason is kept."
        )
        assert panel.confirm_button.isVisible()
        assert not screen.sync_button.isVisible()
        window = kiosk.window
        central = window.centralWidget()
        assert central is not None
        top_bar = central.minimumSizeHint().height() - window.stack.minimumSizeHint().height()
        assert screen.minimumSizeHint().width() <= 1024
        qtbot.waitUntil(lambda: screen.minimumSizeHint().height() + top_bar <= 600, timeout=WAIT)
        click(qtbot, panel.cancel_button)
        assert not panel.isVisible()
        assert screen.sync_button.isVisible()
        assert counted(screen, REVIEW) == "1 held"
    finally:
        instance.setStyleSheet("")


def test_words_for_every_sync_state_and_unknown_refusals() -> None:
    assert sync_text(SyncStatus(SyncState.ONLINE))[1] == "ok"
    offline = SyncStatus(SyncState.OFFLINE, retry_in_seconds=7.6)
    assert sync_text(offline) == (
        "Offline — the server cannot be reached. Events are kept here; the next try is in "
        "about 8 s, or press Sync now.",
        "warn",
    )
    assert "credentials" in sync_text(SyncStatus(SyncState.CREDENTIALS))[0]
    assert sync_text(SyncStatus(SyncState.CREDENTIALS))[1] == "bad"
    assert rejection_text(31002, "stamp.card.instance.not.found").startswith(
        "The server does not know this card"
    )
    assert rejection_text(49999, None) == (
        "The server refused this event — tell the manager if it happens again. It was not "
        "counted on the card. (server code 49999)"
    )
    assert rejection_text(None, None).endswith("It was not counted on the card.")
    waiting = OutboxEvent(
        1, "e", "t", "c", EventType.STAMP, None, None, StepClock().now, 0, PENDING,
        3, "connection refused", None, None, None, "", None,
    )  # fmt: skip
    assert (
        event_detail(waiting) == "Tried 3 times so far; it is sent as soon as the server answers."
    )
