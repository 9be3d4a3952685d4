"""The kiosk through its real widgets, the real outbox and the real reference server."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode
from kiosk_kit import KioskFactory, record_threads, scan_from_device
from live_server import LiveServer
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.config import Config
from app.domain.events import EventState, EventType
from app.domain.scan import ScanKind
from app.sync.worker import SyncState, SyncStatus
from app.terminal import Recorded
from app.ui.app import Kiosk, load_style, run_kiosk
from app.ui.bridge import DeviceBridge
from app.ui.main_window import KioskWindow
from app.ui.screens import ready_text
from app.ui.sync_badge import badge_text
from hardware.factory import UnavailableDevice, open_device

WAIT = 15000


def counts(kiosk: Kiosk) -> dict[EventState, int]:
    return kiosk.writer.call(lambda o: o.counts())


def confirm(qtbot: QtBot, kiosk: Kiosk, count: int) -> Recorded:
    """Pick ``count`` stamps with the +/- buttons and confirm; the committed recording."""
    card = kiosk.window.card
    while card.count < count:
        qtbot.mouseClick(card.plus, Qt.MouseButton.LeftButton)
    assert card.count == count
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT) as signal:
        qtbot.mouseClick(card.confirm_button, Qt.MouseButton.LeftButton)
    recorded: Recorded = signal.args[0]
    return recorded


class ThreadProbe(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.threads: list[int] = []

    @Slot(object)
    def note(self, _value: object) -> None:
        self.threads.append(threading.get_ident())


def test_bridge_delivers_device_callbacks_on_the_gui_thread(qtbot: QtBot) -> None:
    bridge = DeviceBridge()
    probe = ThreadProbe()
    bridge.sync_status.connect(probe.note)
    status = SyncStatus(SyncState.ONLINE)
    emitter = threading.Thread(target=bridge.on_sync_status, args=(status,))
    emitter.start()
    emitter.join()
    qtbot.waitUntil(lambda: len(probe.threads) == 1, timeout=WAIT)
    assert probe.threads == [threading.get_ident()]
    assert emitter.ident not in probe.threads


def test_scan_confirm_sync_against_the_live_server(
    qtbot: QtBot, make_kiosk: KioskFactory, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = live_server.demo
    config = Config(
        server_url=live_server.url,
        api_key=demo["apiKey"],
        terminal_token=demo["terminalToken"],
        stamp_value=demo["stampValue"],
        card_public_key=demo["publicKey"],
        require_signed_codes=True,
    )
    kiosk = make_kiosk(config)
    threads = record_threads(kiosk, monkeypatch)
    window = kiosk.window
    qtbot.waitUntil(lambda: window.badge.text() == "Online", timeout=WAIT)

    scan_from_device(kiosk, demo["cardUrl"])
    qtbot.waitUntil(lambda: window.current is window.card, timeout=WAIT)
    assert window.card.card_id == demo["cardInstanceId"]
    assert "stamps" in window.card.stamps.text()

    recorded = confirm(qtbot, kiosk, 3)
    assert [e.state for e in recorded.events] == [EventState.PENDING] * 3
    assert {e.event_type for e in recorded.events} == {EventType.STAMP}
    assert window.current is window.success
    assert window.success.headline.text() == "3 stamps added"

    qtbot.waitUntil(lambda: counts(kiosk)[EventState.SENT] == 3, timeout=WAIT)
    qtbot.waitUntil(lambda: window.badge.text() == "Online", timeout=WAIT)
    assert window.badge.property("tone") == "ok"
    assert counts(kiosk)[EventState.PENDING] == 0
    history = live_server.post("getEventHistory", {"cardInstanceId": demo["cardInstanceId"]})
    stamps = [e for e in history["events"] if e["eventType"] == EventType.STAMP.value]
    assert len(stamps) == 3

    scan_from_device(kiosk, demo["cardUrl"])
    qtbot.waitUntil(lambda: window.current is window.card, timeout=WAIT)
    local = kiosk.writer.call(lambda o: o.card(demo["cardInstanceId"]))
    assert local is not None and local.stamps == 3 and local.total_stamps
    assert window.card.stamps.text() == f"3 of {local.total_stamps} stamps"
    assert window.card.filled_stamps() == 3
    assert threads, "the terminal was never called"
    assert threading.get_ident() not in threads


def test_offline_stamps_wait_in_the_outbox_and_the_badge_counts_them(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config())
    window = kiosk.window
    card = str(uuid.uuid4())
    scan_from_device(kiosk, card)
    qtbot.waitUntil(lambda: window.current is window.card, timeout=WAIT)
    assert "next sync" in window.card.stamps.text()

    confirm(qtbot, kiosk, 3)
    assert window.current is window.success
    assert counts(kiosk)[EventState.PENDING] == 3
    qtbot.waitUntil(lambda: window.badge.text() == "No server · 3 pending")
    assert window.badge.property("tone") == "warn"


def test_a_foreign_code_is_refused_with_its_reason(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(Config())
    window = kiosk.window
    with qtbot.waitSignal(kiosk.controller.refused, timeout=WAIT):
        scan_from_device(kiosk, "https://example.com/menu?table=4")
    assert window.current is window.refused
    assert "not a loyalty card" in window.refused.headline.text()
    assert window.refused.icon.text() == "✕"
    assert window.refused.property("tone") == "bad"
    assert counts(kiosk)[EventState.PENDING] == 0


def test_the_same_card_again_within_the_debounce_is_not_counted_twice(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config(debounce_seconds=30))
    window = kiosk.window
    card = str(uuid.uuid4())
    scan_from_device(kiosk, card)
    qtbot.waitUntil(lambda: window.current is window.card, timeout=WAIT)
    confirm(qtbot, kiosk, 1)

    scan_from_device(kiosk, card)
    qtbot.waitUntil(lambda: window.current is window.card, timeout=WAIT)
    with qtbot.waitSignal(kiosk.controller.refused, timeout=WAIT):
        qtbot.mouseClick(window.card.confirm_button, Qt.MouseButton.LeftButton)
    assert window.current is window.refused
    assert "not counted twice" in window.refused.headline.text()
    assert counts(kiosk)[EventState.PENDING] == 1


def test_outcome_screens_return_to_ready_by_themselves(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config(), outcome_ms=150)
    window = kiosk.window
    scan_from_device(kiosk, str(uuid.uuid4()), ScanKind.STAMP)
    qtbot.waitUntil(lambda: window.current is window.card, timeout=WAIT)
    confirm(qtbot, kiosk, 2)
    assert window.current is window.success
    qtbot.waitUntil(lambda: window.current is window.ready, timeout=WAIT)
    assert window.ready.instruction.text() == ready_text()

    scan_from_device(kiosk, "hello")
    qtbot.waitUntil(lambda: window.current is window.refused, timeout=WAIT)
    qtbot.waitUntil(lambda: window.current is window.ready, timeout=WAIT)


def test_stamps_per_purchase_stay_within_the_policy(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(Config(max_stamps_per_visit=3))
    card = kiosk.window.card
    scan_from_device(kiosk, str(uuid.uuid4()))
    qtbot.waitUntil(lambda: kiosk.window.current is card, timeout=WAIT)
    assert not card.minus.isEnabled()
    for _ in range(5):
        qtbot.mouseClick(card.plus, Qt.MouseButton.LeftButton)
    assert card.count == 3
    assert not card.plus.isEnabled()
    qtbot.mouseClick(card.cancel_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.current is kiosk.window.ready
    assert counts(kiosk)[EventState.PENDING] == 0


def test_a_missing_device_is_a_state_on_the_ready_screen(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    device = UnavailableDevice("camera:9", "No camera 9 — plug the webcam in.")
    kiosk = make_kiosk(Config(), devices=[device])
    qtbot.waitUntil(lambda: "plug the webcam in" in kiosk.window.ready.device_text("camera:9"))


def test_the_window_fits_a_small_kiosk_screen_with_the_style_sheet(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    try:
        assert load_style(instance)
        kiosk = make_kiosk(Config())
        window = kiosk.window
        assert window.minimumWidth() <= 1024
        assert window.minimumHeight() <= 600
        central = window.centralWidget()
        assert central is not None
        hint = central.minimumSizeHint()
        assert hint.width() <= 1024
        assert hint.height() <= 600
        assert window.badge.isVisible()
        widest = max(
            (SyncStatus(SyncState.CREDENTIALS, {"pending": 9999}), "credentials"),
            (SyncStatus(SyncState.ONLINE, {"pending": 9999, "review": 9999}), "review"),
            (SyncStatus(SyncState.NOT_CONFIGURED, {"pending": 99999}), "no server"),
            key=lambda case: len(badge_text(case[0])[0]),
        )
        window.badge.show_status(widest[0])
        assert central.minimumSizeHint().width() <= 1024, widest[1]
    finally:
        instance.setStyleSheet("")


@pytest.mark.parametrize(
    ("state", "queue", "text", "tone"),
    [
        (SyncState.ONLINE, {"pending": 0}, "Online", "ok"),
        (SyncState.OFFLINE, {"pending": 4}, "Offline · 4 pending", "warn"),
        (SyncState.BACKING_OFF, {"pending": 1}, "Offline · 1 pending", "warn"),
        (SyncState.ONLINE, {"pending": 0, "rejected": 2}, "Needs attention", "bad"),
        (SyncState.CREDENTIALS, {"pending": 0}, "Needs attention", "bad"),
    ],
)
def test_badge_wording(state: SyncState, queue: dict[str, int], text: str, tone: str) -> None:
    shown, shown_tone = badge_text(SyncStatus(state, queue))
    assert shown.startswith(text)
    assert shown_tone == tone


def test_sounds_follow_the_outcome(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(Config())
    scan_from_device(kiosk, "not a card")
    qtbot.waitUntil(lambda: kiosk.window.current is kiosk.window.refused, timeout=WAIT)
    assert kiosk.window.sounds.played == ["error.wav"]


def test_a_card_shown_to_the_real_camera_source_opens_the_card_screen(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    card = str(uuid.uuid4())
    folder = tmp_path / "camera"
    folder.mkdir()
    cv2.imwrite(str(folder / "card.png"), card_picture(card))
    camera = open_device(f"images:{folder}?fps=10")
    kiosk = make_kiosk(Config(), devices=[camera])
    window = kiosk.window
    qtbot.waitUntil(lambda: window.current is window.card, timeout=WAIT)
    assert window.card.card_id == card
    assert "ready" in window.ready.device_text(f"images:{folder}?fps=10")
    preview = window.ready.preview
    qtbot.waitUntil(lambda: preview.codes_shown == 1, timeout=WAIT)
    assert preview.pixmap() is not None and not preview.pixmap().isNull()


def card_picture(text: str) -> np.ndarray:
    """A card's QR code in black on a white 640x480 picture, as a camera would see it."""
    qr = qrcode.QRCode(border=4)
    qr.add_data(text)
    qr.make(fit=True)
    modules = np.where(np.array(qr.get_matrix(), dtype=bool), 0, 255).astype(np.uint8)
    code = np.kron(modules, np.ones((8, 8), np.uint8))
    picture = np.full((480, 640), 255, np.uint8)
    top, left = (480 - code.shape[0]) // 2, (640 - code.shape[1]) // 2
    picture[top : top + code.shape[0], left : left + code.shape[1]] = code
    return picture


def test_a_card_left_open_returns_to_ready_without_counting(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(Config(), card_idle_ms=150)
    window = kiosk.window
    scan_from_device(kiosk, str(uuid.uuid4()))
    qtbot.waitUntil(lambda: window.current is window.card, timeout=WAIT)
    qtbot.waitUntil(lambda: window.current is window.ready, timeout=WAIT)
    assert counts(kiosk)[EventState.PENDING] == 0


def test_run_kiosk_opens_the_ready_screen_and_shuts_down_cleanly(
    qtbot: QtBot, tmp_path: Path
) -> None:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    seen: list[KioskWindow] = []

    def close_the_kiosk() -> None:
        windows = [w for w in instance.topLevelWidgets() if isinstance(w, KioskWindow)]
        seen.extend(w for w in windows if w.isVisible())
        for window in windows:
            window.close()

    QTimer.singleShot(300, close_the_kiosk)
    try:
        config = Config(camera="", nfc_device="")
        code = run_kiosk(config, tmp_path / "run-home", full_screen=False)
    finally:
        instance.setStyleSheet("")
    assert code == 0
    assert len(seen) == 1
    assert seen[0].current is seen[0].ready
    assert (tmp_path / "run-home" / "terminal.sqlite3").is_file()
    for window in seen:
        window.deleteLater()


def test_an_unexpected_failure_is_shown_and_the_counter_recovers(
    qtbot: QtBot, make_kiosk: KioskFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = make_kiosk(Config())
    window = kiosk.window

    def broken(*_args: object, **_kw: object) -> Recorded:
        raise RuntimeError("disk gone")

    scan_from_device(kiosk, str(uuid.uuid4()))
    qtbot.waitUntil(lambda: window.current is window.card, timeout=WAIT)
    monkeypatch.setattr(kiosk.terminal, "stamp", broken)
    with qtbot.waitSignal(kiosk.controller.failed, timeout=WAIT):
        qtbot.mouseClick(window.card.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not kiosk.controller.busy, timeout=WAIT)
    assert window.current is window.refused
    assert window.refused.headline.text() == "Something went wrong"
    assert "nothing was counted" in window.refused.detail.text()
    assert window.card.confirm_button.isEnabled()
