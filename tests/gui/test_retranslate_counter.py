"""The counter's screens follow a change of display language at once, and back again.

No compiled translation is needed: a translator that puts every text of the kiosk between
« and » is installed and removed through Qt, exactly as ``install_language`` swaps translators,
and Qt's ``LanguageChange`` does the rest. Texts made from state (a card's stamps, an outcome, the
sync badge, a message under the entry) must follow as well as the fixed ones; texts from the
terminal's core (policy refusals, recorded reasons) stay as they are worded there.
"""

from __future__ import annotations

import uuid

import pytest
from kiosk_kit import KioskFactory, StepClock, scan_from_device
from marking_kit import Language
from pin_kit import PIN, STORED_PIN, WAIT, click, gate_of, open_card, type_pin
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.config import Config
from app.policy.payload import MESSAGES
from app.sync.worker import SyncState, SyncStatus
from app.terminal import Recorded
from app.ui.app import Kiosk
from app.ui.corrections import CorrectionsScreen
from app.ui.find_customer import FindCustomerScreen
from app.ui.screens import ReadyScreen
from app.ui.sync_badge import SyncBadge, badge_text
from hardware.device import DeviceState, DeviceStatus


def local_card(kiosk: Kiosk, stamps: int, *, reward: bool = False) -> str:
    card = str(uuid.uuid4())
    kiosk.writer.call(lambda o: o.upsert_card_from_server(card, "s", stamps, 10, "ACTIVE", None))
    if reward:
        kiosk.writer.call(lambda o: o.upsert_reward_from_server("r-1", card, "w", None, "ACTIVE"))
    return card


def stamp_once(qtbot: QtBot, kiosk: Kiosk) -> None:
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT):
        click(qtbot, kiosk.window.card.confirm_button)


def showing(kiosk: Kiosk) -> QWidget | None:
    """The screen the window shows (read afresh: each action may change it)."""
    return kiosk.window.current


def nav_button(kiosk: Kiosk, name: str) -> QPushButton:
    button = kiosk.window.findChild(QPushButton, name)
    assert button is not None
    return button


def test_the_card_and_its_outcome_follow_the_language_both_ways(
    qtbot: QtBot, make_kiosk: KioskFactory, language: Language
) -> None:
    clock = StepClock()
    kiosk = make_kiosk(Config(), clock=clock)
    window = kiosk.window
    card = local_card(kiosk, 3, reward=True)
    end = card[-4:]
    open_card(qtbot, kiosk, card)
    stamp_once(qtbot, kiosk)
    assert window.current is window.success
    assert window.success.headline.text() == "1 stamp added"

    language.marked()
    assert window.windowTitle() == "«Stamp terminal»"
    assert window.title.text() == "«Loyalty stamps»"
    assert nav_button(kiosk, "findCustomerButton").text() == "«Find customer»"
    assert window.ready.instruction.text() == "«Scan your QR code or tap your card»"
    assert window.success.headline.text() == "«1 stamp added»"
    assert window.success.detail.text() == "«The card now has 4 of 10 stamps.»"
    assert window.badge.text().startswith("«")

    clock.advance(60)
    open_card(qtbot, kiosk, card)
    screen = window.card
    assert screen.title.text() == f"«Card …{end}»"
    assert screen.stamps.text() == "«4 of 10 stamps»"
    assert screen.count_label.text() == "«1 stamp for this purchase»"
    assert screen.confirm_button.text() == "«Confirm»"
    assert screen.cancel_button.text() == "«Cancel»"
    assert screen.correct_button.text() == "«Correct…»"
    rewards = screen.extras.rewards
    assert rewards.heading.text() == "«Rewards available»"
    assert rewards.texts() == ["«Reward»"]
    assert [b.text() for b in rewards.buttons] == ["«Redeem»"]
    visits = screen.extras.visits.text().split("\n")
    assert visits[0] == "«Last visits»"
    assert visits[1].endswith(" — «Stamp»")
    click(qtbot, screen.plus)
    assert screen.count_label.text() == "«2 stamps for this purchase»"

    language.english()
    assert window.windowTitle() == "Stamp terminal"
    assert nav_button(kiosk, "findCustomerButton").text() == "Find customer"
    assert screen.title.text() == f"Card …{end}"
    assert screen.stamps.text() == "4 of 10 stamps"
    assert screen.count_label.text() == "2 stamps for this purchase"
    assert rewards.heading.text() == "Rewards available"
    assert rewards.texts() == ["Reward"]
    assert [b.text() for b in rewards.buttons] == ["Redeem"]
    assert screen.extras.visits.text().startswith("Last visits\n")
    assert screen.extras.visits.text().endswith(" — Stamp")
    assert window.success.headline.text() == "1 stamp added"
    assert window.success.detail.text() == "The card now has 4 of 10 stamps."

    click(qtbot, rewards.buttons[0])
    question = window.redeem_confirm.question
    assert question.text() == "Redeem “this reward” for this customer?"
    language.marked()
    assert question.text() == "«Redeem “{reward}” for this customer?»".format(
        reward="«this reward»"
    )
    assert window.redeem_confirm.confirm_button.text() == "«Redeem now»"
    assert window.redeem_confirm.back_button.text() == "«Back»"
    click(qtbot, window.redeem_confirm.back_button)
    assert showing(kiosk) is screen

    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT) as signal:
        click(qtbot, screen.confirm_button)
        assert screen.confirm_button.text() == "«Saving…»"
    recorded: Recorded = signal.args[0]
    assert len(recorded.events) == 2
    assert window.success.headline.text() == "«2 stamps added»"
    language.english()
    assert window.success.headline.text() == "2 stamps added"
    assert window.success.detail.text() == "The card now has 6 of 10 stamps."


def test_a_reward_a_failure_and_a_policy_refusal_under_a_language_switch(
    qtbot: QtBot, make_kiosk: KioskFactory, language: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = make_kiosk(Config())
    window = kiosk.window
    open_card(qtbot, kiosk, local_card(kiosk, 9))
    stamp_once(qtbot, kiosk)
    assert window.current is window.celebration
    assert window.celebration.headline.text() == "A reward!"

    language.marked()
    assert window.celebration.headline.text() == "«{reward}!»".format(reward="«A reward»")
    assert window.celebration.detail.text() == "«The customer can redeem it on their next visit.»"

    scan_from_device(kiosk, "hello")
    qtbot.waitUntil(lambda: window.current is window.refused, timeout=WAIT)
    refused = window.refused.headline.text()
    assert "not a loyalty card" in refused
    assert "«" not in refused

    def broken(*_args: object, **_kw: object) -> Recorded:
        raise RuntimeError("disk gone")

    open_card(qtbot, kiosk, local_card(kiosk, 1))
    monkeypatch.setattr(kiosk.terminal, "stamp", broken)
    with qtbot.waitSignal(kiosk.controller.failed, timeout=WAIT):
        click(qtbot, window.card.confirm_button)
    qtbot.waitUntil(lambda: window.current is window.refused, timeout=WAIT)
    assert window.refused.headline.text() == "«Something went wrong»"
    assert window.refused.detail.text().startswith("«Something went wrong and nothing was counted")
    assert window.refused.detail.text().endswith("restart the terminal.»")

    language.english()
    assert window.refused.headline.text() == "Something went wrong"
    assert "nothing was counted" in window.refused.detail.text()
    assert "«" not in window.refused.detail.text()
    assert window.celebration.headline.text() == "A reward!"
    assert window.ready.instruction.text() == "Scan your QR code or tap your card"


def test_the_sync_badge_and_the_device_lines_are_made_again_from_their_state(
    qtbot: QtBot, language: Language
) -> None:
    badge = SyncBadge()
    qtbot.addWidget(badge)
    ready = ReadyScreen()
    qtbot.addWidget(ready)
    offline = SyncStatus(SyncState.OFFLINE, {"pending": 4})
    badge.show_status(offline)
    missing = DeviceState("camera:9", DeviceStatus.MISSING, "No camera 9 — plug the webcam in.")
    ready.show_device(missing)
    ready.show_device(DeviceState("nfc:usb", DeviceStatus.READY))
    assert badge.text() == "Offline · 4 pending"
    assert ready.device_text("camera:9") == "camera:9: missing — No camera 9 — plug the webcam in."

    language.marked()
    assert badge.text() == "«Offline · 4 pending»"
    assert badge.toolTip() == (
        "«The server cannot be reached: scans are kept and sent when it is back.» "
        "«4 scan(s) waiting to be sent.»"
    )
    assert badge.accessibleDescription() == badge.toolTip()
    assert badge.property("tone") == "warn"
    assert ready.instruction.text() == "«Scan your QR code or tap your card»"
    assert ready.device_text("camera:9") == (
        "«camera:9: «missing»» — No camera 9 — plug the webcam in."
    )
    assert ready.device_text("nfc:usb") == "«nfc:usb: «ready»»"
    badge.show_status(SyncStatus(SyncState.ONLINE, {"pending": 0, "review": 2}))
    assert badge.text() == "«Needs attention: 2 to review»"
    assert badge.property("tone") == "bad"

    language.english()
    assert badge.text() == "Needs attention: 2 to review"
    assert badge.toolTip() == (
        "2 event(s) were refused or held for review: see Events. 0 scan(s) waiting to be sent."
    )
    assert badge_text(offline) == ("Offline · 4 pending", "warn")
    assert ready.device_text("nfc:usb") == "nfc:usb: ready"
    assert ready.instruction.text() == "Scan your QR code or tap your card"


def test_the_pin_pad_and_the_corrections_follow_the_language(
    qtbot: QtBot, make_kiosk: KioskFactory, language: Language
) -> None:
    kiosk = make_kiosk(Config(manager_pin=STORED_PIN))
    window = kiosk.window
    card = local_card(kiosk, 2)
    end = card[-4:]
    open_card(qtbot, kiosk, card)
    click(qtbot, window.card.correct_button)
    pad = gate_of(kiosk).pad
    assert window.current is pad
    assert pad.reason.text() == f"Enter the manager PIN to correct card …{end}."

    language.marked()
    assert pad.reason.text() == f"«Enter the manager PIN to correct card …{end}.»"
    assert pad.dots.text() == "«Enter the manager PIN»"
    assert pad.cancel_button.text() == "«Cancel»"
    assert pad.clear_button.text() == "«Clear»"
    assert pad.ok_button.text() == "«OK»"
    type_pin(qtbot, kiosk, PIN)
    screen = window.stack.findChildren(CorrectionsScreen)[0]
    qtbot.waitUntil(lambda: window.current is screen, timeout=WAIT)
    assert screen.title.text() == "«Corrections — {card}»".format(card=f"«Card …{end}»")
    assert screen.stamps.text() == "«The card has 2 stamps.»"
    assert screen.remove_label.text() == "«No stamps»"
    assert screen.rewards_heading.text() == "«The card has no active reward.»"
    assert [b.text() for b in screen.reason_buttons] == [
        "«Given by mistake»",
        "«Wrong card»",
        "«Customer complaint»",
    ]
    assert screen.reason_text.placeholderText() == "«Or type the reason»"
    assert screen.hint.text() == "«Choose the stamps or the reward to remove.»"
    assert screen.confirm_button.text() == "«Remove»"
    click(qtbot, screen.plus)
    assert screen.remove_label.text() == "«Remove 1 stamp»"
    assert screen.hint.text() == "«Choose or type a reason.»"

    language.english()
    assert screen.title.text() == f"Corrections — Card …{end}"
    assert screen.remove_label.text() == "Remove 1 stamp"
    assert screen.hint.text() == "Choose or type a reason."
    assert pad.reason.text() == ""
    click(qtbot, screen.reason_buttons[0])
    assert screen.reason == "Given by mistake"
    with qtbot.waitSignal(kiosk.controller.corrected, timeout=WAIT):
        click(qtbot, screen.confirm_button)
    assert showing(kiosk) is window.success
    assert window.success.headline.text() == "Removed 1 stamp"

    language.marked()
    assert window.success.headline.text() == "«Removed {what}»".format(what="«1 stamp»")
    assert window.success.detail.text() == (
        "«Reason: Given by mistake.» «The card now has 1 of 10 stamps.»"
    )
    language.english()
    assert (
        window.success.detail.text() == "Reason: Given by mistake. The card now has 1 of 10 stamps."
    )


def test_find_customer_keeps_its_message_across_a_language_switch(
    qtbot: QtBot, make_kiosk: KioskFactory, language: Language
) -> None:
    kiosk = make_kiosk(Config())
    click(qtbot, nav_button(kiosk, "findCustomerButton"))
    screen = kiosk.window.current
    assert isinstance(screen, FindCustomerScreen)
    click(qtbot, screen.search_button)
    assert screen.message.text() == "Type the customer's phone number first."

    language.marked()
    assert screen.message.text() == "«Type the customer's phone number first.»"
    assert screen.heading.text() == "«Find a customer»"
    assert screen.phone_button.text() == "«Phone»"
    assert screen.code_button.text() == "«Card code»"
    assert screen.search_button.text() == "«Search»"
    assert screen.back_button.text() == "«Back»"
    assert screen.clear_button.text() == "«Clear»"
    assert screen.entry.placeholderText() == "«Phone number»"
    click(qtbot, screen.code_button)
    assert screen.entry.placeholderText() == "«Card code»"
    assert screen.message.text() == (
        "«Type the card code from the customer's card page, then press Search.»"
    )
    screen.entry.setText("0131CEF8-56E1")
    click(qtbot, screen.search_button)
    assert screen.message.text().startswith("«This is not a card code")
    click(qtbot, screen.phone_button)
    screen.entry.setText("12345")
    click(qtbot, screen.search_button)
    assert screen.message.text() == MESSAGES["bad_phone"]
    click(qtbot, screen.code_button)
    screen.entry.setText("0131CEF8-56E1")
    click(qtbot, screen.search_button)

    language.english()
    assert screen.message.text().startswith("This is not a card code — a card code has 32 digits")
    assert screen.entry.placeholderText() == "Card code"
    assert screen.heading.text() == "Find a customer"
    assert ("FindCustomerScreen", "Find a customer") in language.translator.asked
    assert ("FindCustomer", "Find customer") in language.translator.asked
