"""Pictures for the simulated camera of the demonstration: a shop counter, and codes held up.

``write_camera_frames`` draws, for each code to show, a customer's phone with the code on its
screen over the counter (or a printed sign for a code that is not a card), and writes an image
folder the camera's ``images:`` source plays in name order: some frames of the empty counter,
then the code for ``show_seconds``, and so on for every code. Frames that repeat are hard links
of one file. Nothing here imports Qt.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import qrcode

Image = npt.NDArray[np.uint8]

FRAME_SIZE = (640, 480)
FPS = 2.0
FONT = cv2.FONT_HERSHEY_SIMPLEX
INK = (40, 36, 32)
BRAND = (52, 96, 170)  # BGR: the demo shop's warm orange


@dataclass(frozen=True, slots=True)
class Shown:
    """A code held up to the camera: what it encodes, the caption under it, and on what."""

    payload: str
    caption: str
    on_phone: bool = True  # False: a printed sign on the counter


@dataclass(frozen=True, slots=True)
class FramePlan:
    """The written folder: its ``images:`` address and where each code's frames begin."""

    folder: Path
    fps: float
    starts: frozenset[int]
    frames: int

    @property
    def uri(self) -> str:
        return f"images:{self.folder}?fps={self.fps:g}"


def code_image(payload: str, module_px: int) -> Image:
    """The QR code of ``payload`` in black on white, with its quiet zone."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(payload)
    qr.make(fit=True)
    modules = np.array(qr.get_matrix(), dtype=bool)
    gray = np.where(modules, 0, 255).astype(np.uint8)
    return np.kron(gray, np.ones((module_px, module_px), np.uint8))


def counter(size: tuple[int, int] = FRAME_SIZE, seed: int = 7) -> Image:
    """A wooden counter seen from the till: grain, a cup of coffee, a receipt."""
    w, h = size
    rng = np.random.default_rng(seed)
    rows = np.arange(h, dtype=np.float32)[:, None]
    cols = np.arange(w, dtype=np.float32)[None, :]
    grain = np.sin(rows / 9.0 + np.sin(cols / 57.0) * 2.5) * 9 + rng.normal(0, 3, (h, w))
    wood = np.stack([58 + grain, 98 + grain * 1.2, 146 + grain * 1.4], axis=-1)
    image = np.clip(wood, 0, 255).astype(np.uint8)
    cv2.ellipse(image, (108, 372), (78, 52), 0, 0, 360, (235, 238, 240), -1, cv2.LINE_AA)
    cv2.circle(image, (108, 366), 44, (250, 250, 250), -1, cv2.LINE_AA)
    cv2.circle(image, (108, 366), 36, (34, 62, 96), -1, cv2.LINE_AA)
    cv2.ellipse(image, (96, 356), (14, 8), 20, 0, 360, (120, 170, 210), -1, cv2.LINE_AA)
    receipt = np.array([[488, 60], [600, 74], [584, 250], [472, 236]], np.int32)
    cv2.fillConvexPoly(image, receipt, (242, 242, 238), cv2.LINE_AA)
    for line in range(7):
        y = 96 + line * 20
        cv2.line(image, (492, y), (574 - (line % 3) * 14, y + 3), (150, 150, 150), 2)
    blurred: Image = cv2.GaussianBlur(image, (0, 0), 0.7)
    return blurred


def _paste(image: Image, patch: Image, left: int, top: int) -> None:
    h, w = patch.shape[:2]
    image[top : top + h, left : left + w] = (
        patch if patch.ndim == 3 else cv2.cvtColor(patch, cv2.COLOR_GRAY2BGR)
    )


def _centred_text(image: Image, text: str, centre_x: int, y: int, scale: float) -> None:
    (tw, _th), _base = cv2.getTextSize(text, FONT, scale, 2)
    cv2.putText(image, text, (centre_x - tw // 2, y), FONT, scale, INK, 2, cv2.LINE_AA)


def with_phone(background: Image, shown: Shown) -> Image:
    """A phone held over the counter showing ``shown``'s code under the shop's name."""
    image = background.copy()
    code = code_image(shown.payload, 4)
    side = code.shape[0]
    w, h = image.shape[1], image.shape[0]
    left, top = (w - side) // 2, (h - side) // 2 + 12
    cv2.rectangle(image, (left - 26, top - 78), (left + side + 26, h + 20), (28, 28, 32), -1)
    cv2.rectangle(image, (left - 14, top - 62), (left + side + 14, h), (246, 244, 240), -1)
    cv2.rectangle(image, (left - 14, top - 62), (left + side + 14, top - 22), BRAND, -1)
    cv2.putText(
        image, "Demo Coffee", (left - 4, top - 34), FONT, 0.7, (255, 255, 255), 2, cv2.LINE_AA
    )
    _paste(image, code, left, top)
    if top + side + 26 < h:
        _centred_text(image, shown.caption, w // 2, top + side + 22, 0.55)
    return image


def with_sign(background: Image, shown: Shown) -> Image:
    """A printed sign on the counter with a code that is not a stamp card."""
    image = background.copy()
    code = code_image(shown.payload, 4)
    side = code.shape[0]
    w, h = image.shape[1], image.shape[0]
    left, top = (w - side) // 2, (h - side) // 2 + 10
    cv2.rectangle(image, (left - 20, top - 56), (left + side + 20, top + side + 20), INK, -1)
    cv2.rectangle(image, (left - 16, top - 52), (left + side + 16, top + side + 16), (255,) * 3, -1)
    _centred_text(image, shown.caption, w // 2, top - 18, 0.8)
    _paste(image, code, left, top)
    return image


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_camera_frames(
    folder: Path,
    shows: Sequence[Shown],
    *,
    fps: float = FPS,
    gap_seconds: float = 3.0,
    show_seconds: float = 1.5,
) -> FramePlan:
    """Write the camera's picture folder: the counter, then each code in turn, looping."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jpg"):
        old.unlink()
    background = counter()
    pictures = folder / "pictures"
    pictures.mkdir(exist_ok=True)
    empty = pictures / "counter.jpg"
    cv2.imwrite(str(empty), background, [cv2.IMWRITE_JPEG_QUALITY, 92])
    gap, hold = max(1, round(gap_seconds * fps)), max(1, round(show_seconds * fps))
    index = 0
    starts: set[int] = set()
    for number, shown in enumerate(shows):
        picture = pictures / f"code-{number}.jpg"
        drawn = with_phone(background, shown) if shown.on_phone else with_sign(background, shown)
        cv2.imwrite(str(picture), drawn, [cv2.IMWRITE_JPEG_QUALITY, 92])
        for source, count in ((empty, gap), (picture, hold)):
            if source is picture:
                starts.add(index)
            for _ in range(count):
                _link_or_copy(source, folder / f"{index:04d}.jpg")
                index += 1
    if not shows:
        _link_or_copy(empty, folder / "0000.jpg")
        index = 1
    return FramePlan(folder, fps, frozenset(starts), index)
