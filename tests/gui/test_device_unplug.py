"""A camera that is not there, comes, scans, and goes again, seen through the real kiosk: the
Ready screen says what is wrong, scans work once it is back, and nothing recorded is lost."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import cv2
import numpy as np
import qrcode
from kiosk_kit import KioskFactory
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config import Config
from app.domain.events import EventState
from hardware.factory import open_device

WAIT = 15000


def write_code_image(path: Path, text: str) -> None:
    """A 640x480 grey frame with ``text`` as a QR code in the middle, 6 px a module."""
    code = qrcode.QRCode(border=4)
    code.add_data(text)
    modules = np.array(code.get_matrix(), dtype=np.uint8)
    image = np.kron(1 - modules, np.ones((6, 6), dtype=np.uint8)) * 255
    frame = np.full((480, 640), 200, dtype=np.uint8)
    top = (480 - image.shape[0]) // 2
    left = (640 - image.shape[1]) // 2
    frame[top : top + image.shape[0], left : left + image.shape[1]] = image
    assert cv2.imwrite(str(path), frame)


def test_a_camera_unplugged_and_plugged_in_again(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "camera"
    uri = f"images:{folder}"
    camera = open_device(uri)
    kiosk = make_kiosk(Config(), devices=[camera])
    ready = kiosk.window.ready

    qtbot.waitUntil(lambda: "does not exist" in ready.device_text(uri), timeout=WAIT)
    assert ready.device_text(uri).startswith(f"{uri}: missing")

    card = str(uuid.uuid4())
    folder.mkdir()
    write_code_image(folder / "card.png", card)
    # The reader opens the folder again by itself and reads the card.
    qtbot.waitUntil(lambda: kiosk.window.current is kiosk.window.card, timeout=WAIT)
    assert kiosk.window.card.card_id == card
    assert ready.device_text(uri) == f"{uri}: ready"
    with qtbot.waitSignal(kiosk.controller.recorded, timeout=WAIT):
        qtbot.mouseClick(kiosk.window.card.confirm_button, Qt.MouseButton.LeftButton)

    shutil.rmtree(folder)  # unplugged
    qtbot.waitUntil(lambda: not ready.device_text(uri).endswith(": ready"), timeout=WAIT)
    assert "can be read" in ready.device_text(uri) or "does not exist" in ready.device_text(uri)
    counts = kiosk.writer.call(lambda o: o.counts())
    assert counts[EventState.PENDING] == 1
