"""Corrections through the real widgets, the real outbox and the real server on loopback."""

from __future__ import annotations

import dataclasses
import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from kiosk_kit import KioskFactory, StepClock
from live_server import LiveServer
from pin_kit import PIN, STORED_PIN, WAIT, click, counts, gate_of, open_card, type_pin
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_rewards import online_config

from app.config import Config
from app.domain.events import EventState, EventType
from app.policy.corrections import Correction
from app.terminal import Recorded
from app.ui.app import Kiosk
from app.ui.corrections import CorrectionsScreen, correction_reasons


def corrections_of(kiosk: Kiosk) -> CorrectionsScreen:
    screens = kiosk.window.stack.findChildren(CorrectionsScreen)
    assert len(screens) == 1
    return screens[0]


def give_stamps(qtbot: QtBot, kiosk: Kiosk, count: int) -> None:
    card = kiosk.window.card
    while card.count < count:
        click(qtbot, card.plus)
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT):
        click(qtbot, card.confirm_button)


def open_corrections(qtbot: QtBot, kiosk: Kiosk) -> CorrectionsScreen:
    """Correct… on the card screen, then the manager PIN."""
    window = kiosk.window
    click(qtbot, window.card.correct_button)
    assert window.current is gate_of(kiosk).pad
    type_pin(qtbot, kiosk, PIN)
    screen = corrections_of(kiosk)
    qtbot.waitUntil(lambda: window.current is screen, timeout=WAIT)
    return screen


def remove(qtbot: QtBot, kiosk: Kiosk, screen: CorrectionsScreen) -> Recorded:
    with qtbot.waitSignal(kiosk.controller.corrected, timeout=WAIT) as signal:
        click(qtbot, screen.confirm_button)
    recorded: Recorded = signal.args[0]
    return recorded


def server_history(live_server: LiveServer, card: str) -> list[str]:
    found = live_server.post("getEventHistory", {"cardInstanceId": card})["events"]
    return [str(e["eventType"]) for e in found]


def server_card(live_server: LiveServer, card: str) -> dict[str, Any]:
    card_instance: dict[str, Any] = live_server.post("lookupCard", {"cardInstanceId": card})[
        "cardInstance"
    ]
    return card_instance


def trace_corrections(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> set[int]:
    seen: set[int] = set()
    original = kiosk.terminal.correct

    def traced(*args: Any, **kwargs: Any) -> Recorded:
        seen.add(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(kiosk.terminal, "correct", traced)
    return seen


def test_a_manager_removes_a_stamp_given_by_mistake(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = live_server.demo
    card_id = demo["cardInstanceId"]
    config = dataclasses.replace(online_config(live_server), manager_pin=STORED_PIN)
    kiosk = make_kiosk(config)
    threads = trace_corrections(kiosk, monkeypatch)
    window = kiosk.window
    qtbot.waitUntil(lambda: window.badge.text() == "Online", timeout=WAIT)

    open_card(qtbot, kiosk, demo["cardUrl"])
    give_stamps(qtbot, kiosk, 3)
    qtbot.waitUntil(lambda: counts(kiosk)[EventState.SENT] == 3, timeout=WAIT)
    assert server_card(live_server, card_id)["currentStamps"] == 3

    open_card(qtbot, kiosk, demo["cardUrl"])
    assert window.card.stamps.text() == "3 of 10 stamps"
    screen = open_corrections(qtbot, kiosk)
    assert screen.stamps.text() == "The card has 3 stamps."
    assert screen.rewards_heading.text() == "The card has no active reward."
    assert not screen.confirm_button.isEnabled()
    assert screen.hint.text() == "Choose the stamps or the reward to remove."
    click(qtbot, screen.plus)
    assert screen.remove_label.text() == "Remove 1 stamp"
    assert screen.hint.text() == "Choose or type a reason."
    assert not screen.confirm_button.isEnabled()
    given_by_mistake = screen.reason_buttons[correction_reasons().index("Given by mistake")]
    click(qtbot, given_by_mistake)
    assert screen.reason == "Given by mistake"

    recorded = remove(qtbot, kiosk, screen)
    assert [e.event_type for e in recorded.events] == [EventType.REMOVE_STAMP]
    assert window.current is window.success
    assert window.success.headline.text() == "Removed 1 stamp"
    assert window.success.detail.text() == (
        "Reason: Given by mistake. The card now has 2 of 10 stamps."
    )
    local = kiosk.writer.call(lambda o: o.card(card_id))
    assert local is not None
    assert local.stamps == 2

    qtbot.waitUntil(lambda: counts(kiosk)[EventState.SENT] == 4, timeout=WAIT)
    assert server_card(live_server, card_id)["currentStamps"] == 2
    history = server_history(live_server, card_id)
    assert history.count(EventType.REMOVE_STAMP.value) == 1
    assert history.count(EventType.STAMP.value) == 3
    (removal,) = kiosk.writer.call(lambda o: o.events(state=EventState.SENT))[3:]
    assert removal.event_type is EventType.REMOVE_STAMP
    assert removal.note == "Given by mistake"
    assert removal.source == "kiosk"
    synced = kiosk.writer.call(lambda o: o.card(card_id))
    assert synced is not None
    assert synced.stamps == 2
    assert threads
    assert threading.get_ident() not in threads


def test_a_manager_removes_a_reward_with_a_typed_reason(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    demo = live_server.demo
    card_id = demo["cardInstanceId"]
    config = dataclasses.replace(online_config(live_server), manager_pin=STORED_PIN)
    kiosk = make_kiosk(config)
    window = kiosk.window
    qtbot.waitUntil(lambda: window.badge.text() == "Online", timeout=WAIT)

    open_card(qtbot, kiosk, demo["cardUrl"])
    give_stamps(qtbot, kiosk, 10)
    assert window.current is window.celebration
    qtbot.waitUntil(lambda: counts(kiosk)[EventState.SENT] == 10, timeout=WAIT)
    active = live_server.post("getRewards", {"cardInstanceId": card_id})["rewards"]
    assert len(active) == 1
    qtbot.waitUntil(
        lambda: bool(kiosk.writer.call(lambda o: o.rewards(card_id, "ACTIVE"))), timeout=WAIT
    )

    open_card(qtbot, kiosk, demo["cardUrl"])
    assert len(window.card.extras.rewards.buttons) == 1
    screen = open_corrections(qtbot, kiosk)
    assert screen.stamps.text() == "The card has 0 stamps."
    assert not screen.plus.isEnabled()
    assert screen.rewards_heading.text() == "Remove a reward:"
    (reward_button,) = screen.reward_buttons
    assert reward_button.text().startswith("Remove Free coffee")
    click(qtbot, reward_button)
    click(qtbot, screen.reason_buttons[0])
    qtbot.keyClicks(screen.reason_text, "Customer asked  twice")
    assert not screen.reason_buttons[0].isChecked()
    assert screen.reason == "Customer asked twice"

    recorded = remove(qtbot, kiosk, screen)
    (event,) = recorded.events
    assert event.event_type is EventType.REMOVE_REWARD
    assert event.reward_instance_id == active[0]["rewardInstanceId"]
    assert event.note == "Customer asked twice"
    assert window.success.headline.text() == "Removed 1 reward"
    assert window.success.detail.text() == (
        "Reason: Customer asked twice. The card now has 0 of 10 stamps."
    )
    assert kiosk.writer.call(lambda o: o.rewards(card_id, "ACTIVE")) == []

    qtbot.waitUntil(lambda: counts(kiosk)[EventState.SENT] == 11, timeout=WAIT)
    assert live_server.post("getRewards", {"cardInstanceId": card_id})["rewards"] == []
    assert server_history(live_server, card_id).count(EventType.REMOVE_REWARD.value) == 1
    assert [r.status for r in kiosk.writer.call(lambda o: o.rewards(card_id))] == ["DELETED"]

    open_card(qtbot, kiosk, demo["cardUrl"])
    assert window.card.extras.rewards.buttons == []


def local_card(kiosk: Kiosk, stamps: int) -> str:
    card = str(uuid.uuid4())
    expires = datetime.now(UTC) + timedelta(days=90)
    kiosk.writer.call(lambda o: o.upsert_card_from_server(card, "s", stamps, 10, "ACTIVE", expires))
    return card


def test_a_correction_the_card_no_longer_allows_is_refused_with_the_reason(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config(manager_pin=STORED_PIN), clock=StepClock())
    window = kiosk.window
    card = local_card(kiosk, 2)
    open_card(qtbot, kiosk, card)
    screen = open_corrections(qtbot, kiosk)
    click(qtbot, screen.plus)
    click(qtbot, screen.plus)
    assert not screen.plus.isEnabled()
    assert screen.remove_count == 2
    click(qtbot, screen.reason_buttons[1])

    # Meanwhile the stamps went another way (another manager, the command line).
    assert not kiosk.terminal.correct(Correction(card, "Wrong card", remove_stamps=1)).refused
    with qtbot.waitSignal(kiosk.controller.refused, timeout=WAIT):
        click(qtbot, screen.confirm_button)
    assert window.current is window.refused
    assert window.refused.headline.text() == (
        "This card has 1 stamp on this terminal, so 2 cannot be removed — nothing was changed. "
        "Scan the card again to see its stamps."
    )
    assert window.sounds.played[-1] == "error.wav"
    assert counts(kiosk)[EventState.PENDING] == 1
    stored = kiosk.writer.call(lambda o: o.card(card))
    assert stored is not None
    assert stored.stamps == 1


def test_back_from_the_corrections_screen_records_nothing(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config(manager_pin=STORED_PIN))
    window = kiosk.window
    card = local_card(kiosk, 4)
    open_card(qtbot, kiosk, card)
    screen = open_corrections(qtbot, kiosk)
    assert screen.card_id == card
    click(qtbot, screen.plus)
    click(qtbot, screen.reason_buttons[2])
    assert screen.confirm_button.isEnabled()
    click(qtbot, screen.back_button)
    assert window.current is window.card
    assert sum(counts(kiosk).values()) == 0

    screen = open_corrections(qtbot, kiosk)
    assert screen.remove_count == 0
    assert screen.reason == ""
    assert not any(b.isChecked() for b in screen.reason_buttons)
    qtbot.keyClick(screen.reason_text, Qt.Key.Key_A)
    assert screen.hint.text() == "Choose the stamps or the reward to remove."
