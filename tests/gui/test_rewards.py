"""Rewards at the counter: earned, listed on the card, redeemed online, refused offline."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from kiosk_kit import KioskFactory, StepClock, record_threads, scan_from_device
from live_server import LiveServer
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config import Config
from app.domain.events import EventState, EventType
from app.domain.scan import Scan, ScanKind
from app.policy.ledger import CardView
from app.store.ledger_queries import RewardRow
from app.ui.app import Kiosk
from app.ui.card_details import reaches_threshold

WAIT = 15000


def counts(kiosk: Kiosk) -> dict[EventState, int]:
    return kiosk.writer.call(lambda o: o.counts())


def active_rewards(kiosk: Kiosk, card_id: str) -> list[RewardRow]:
    return kiosk.writer.call(lambda o: o.rewards(card_id, "ACTIVE"))


def open_card(qtbot: QtBot, kiosk: Kiosk, payload: str) -> None:
    window = kiosk.window
    with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT):
        scan_from_device(kiosk, payload)
    assert window.current is window.card


def give_one_stamp(qtbot: QtBot, kiosk: Kiosk) -> None:
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT):
        qtbot.mouseClick(kiosk.window.card.confirm_button, Qt.MouseButton.LeftButton)


def redeem_first_reward(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Press the first reward's Redeem button, then confirm."""
    window = kiosk.window
    qtbot.mouseClick(window.card.extras.rewards.buttons[0], Qt.MouseButton.LeftButton)
    assert window.current is window.redeem_confirm
    qtbot.mouseClick(window.redeem_confirm.confirm_button, Qt.MouseButton.LeftButton)


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


def test_ten_visits_earn_a_free_coffee_which_is_redeemed_online(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = live_server.demo
    card_id = demo["cardInstanceId"]
    clock = StepClock()
    kiosk = make_kiosk(online_config(live_server), clock=clock)
    threads = record_threads(kiosk, monkeypatch)
    window = kiosk.window
    qtbot.waitUntil(lambda: window.badge.text() == "Online", timeout=WAIT)

    for visit in range(10):
        clock.advance(60)
        open_card(qtbot, kiosk, demo["cardUrl"])
        assert window.card.stamps.text() == f"{visit} of 10 stamps"
        give_one_stamp(qtbot, kiosk)
        if visit < 9:
            assert window.current is window.success
    assert window.current is window.celebration
    assert window.celebration.headline.text() == "Free coffee!"
    assert "on us" in window.celebration.detail.text()

    qtbot.waitUntil(lambda: counts(kiosk)[EventState.SENT] == 10, timeout=WAIT)
    qtbot.waitUntil(lambda: bool(active_rewards(kiosk, card_id)), timeout=WAIT)

    clock.advance(60)
    open_card(qtbot, kiosk, demo["cardUrl"])
    rewards = window.card.extras.rewards
    assert len(rewards.buttons) == 1
    assert rewards.texts()[0].startswith("Free coffee")
    assert "Stamp" in window.card.extras.visits.text()
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT):
        redeem_first_reward(qtbot, kiosk)
    assert window.current is window.success
    assert window.success.headline.text() == "Reward redeemed"

    qtbot.waitUntil(lambda: counts(kiosk)[EventState.SENT] == 11, timeout=WAIT)
    assert live_server.post("getRewards", {"cardInstanceId": card_id})["rewards"] == []
    history = live_server.post("getEventHistory", {"cardInstanceId": card_id})["events"]
    assert [e["eventType"] for e in history].count(EventType.REDEEM.value) == 1
    cached = kiosk.writer.call(lambda o: o.rewards(card_id))
    assert [r.status for r in cached] == ["REDEEMED"]

    open_card(qtbot, kiosk, demo["cardUrl"])
    assert window.card.extras.rewards.buttons == []
    assert "Reward redeemed" in window.card.extras.visits.text()
    assert threads
    assert threading.get_ident() not in threads


def test_an_unknown_tag_is_looked_up_on_the_server(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer
) -> None:
    card_id = live_server.demo["cardInstanceId"]
    live_server.post("registerTag", {"tagUid": "04A1B2C3D4E5F6", "cardInstanceId": card_id})
    kiosk = make_kiosk(online_config(live_server))
    window = kiosk.window
    qtbot.waitUntil(lambda: window.badge.text() == "Online", timeout=WAIT)
    tap = Scan(ScanKind.NFC, None, tag_uid="04:a1:b2:c3:d4:e5:f6", source="t")
    with qtbot.waitSignal(kiosk.controller.identified, timeout=WAIT):
        reader = threading.Thread(target=kiosk.bridge.on_scan, args=(tap,))
        reader.start()
        reader.join()
    assert window.current is window.card
    assert window.card.card_id == card_id
    assert window.card.stamps.text() == "0 of 10 stamps"
    assert kiosk.writer.call(lambda o: o.card_by_tag_uid("04A1B2C3D4E5F6")) == card_id


def test_offline_redemption_is_refused_with_the_policy_reason(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config())
    window = kiosk.window
    card = str(uuid.uuid4())
    until = datetime.now(UTC) + timedelta(days=30)

    kiosk.writer.call(
        lambda o: o.upsert_reward_from_server("r-1", card, "w", "Free coffee", "ACTIVE", until)
    )
    open_card(qtbot, kiosk, card)
    assert window.card.extras.rewards.texts() == [
        f"Free coffee · until {until.astimezone():%d %b %Y}"
    ]
    with qtbot.waitSignal(kiosk.controller.refused, timeout=WAIT):
        redeem_first_reward(qtbot, kiosk)
    assert window.current is window.refused
    assert window.refused.headline.text().startswith(
        "Rewards can only be redeemed while the terminal is online"
    )
    assert kiosk.window.sounds.played == ["error.wav"]
    assert counts(kiosk)[EventState.PENDING] == 0
    assert kiosk.writer.call(lambda o: o.reward_status("r-1")) == ("ACTIVE", None)


def test_back_on_the_redeem_question_records_nothing(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config())
    window = kiosk.window
    card = str(uuid.uuid4())
    kiosk.writer.call(lambda o: o.upsert_reward_from_server("r-1", card, "w", None, "ACTIVE"))
    open_card(qtbot, kiosk, card)
    assert window.card.extras.rewards.texts() == ["Reward"]
    qtbot.mouseClick(window.card.extras.rewards.buttons[0], Qt.MouseButton.LeftButton)
    assert window.current is window.redeem_confirm
    assert "this reward" in window.redeem_confirm.question.text()
    qtbot.mouseClick(window.redeem_confirm.back_button, Qt.MouseButton.LeftButton)
    assert window.current is window.card
    assert sum(counts(kiosk).values()) == 0


def test_reaching_the_threshold_offline_is_celebrated_then_back_to_ready(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config(), outcome_ms=150)
    window = kiosk.window
    card = str(uuid.uuid4())
    expires = datetime.now(UTC) + timedelta(days=90)
    kiosk.writer.call(lambda o: o.upsert_card_from_server(card, "s", 9, 10, "ACTIVE", expires))
    open_card(qtbot, kiosk, card)
    assert window.card.stamps.text() == "9 of 10 stamps"
    assert window.card.title.text().endswith(f"valid until {expires.astimezone():%d %b %Y}")
    give_one_stamp(qtbot, kiosk)
    assert window.current is window.celebration
    assert window.celebration.headline.text() == "A reward!"
    assert window.celebration.icon.text() == "★"
    qtbot.waitUntil(lambda: window.current is window.ready, timeout=WAIT)
    assert counts(kiosk)[EventState.PENDING] == 1


def test_the_threshold_is_reached_once() -> None:
    def card(stamps: int, total: int | None = 10) -> CardView:
        return CardView("c", "s", stamps, total, "ACTIVE", None)

    assert reaches_threshold(card(10), 1)
    assert reaches_threshold(card(12), 3)
    assert not reaches_threshold(card(9), 1)
    assert not reaches_threshold(card(11), 1)
    assert not reaches_threshold(card(10, None), 1)
    assert not reaches_threshold(None, 1)
