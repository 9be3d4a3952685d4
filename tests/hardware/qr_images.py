"""Deterministic test images for QR decoding: signed card codes in hard conditions, and decoys.

Every image is drawn here from fixed seeds with qrcode, numpy and OpenCV, so the tests and
``bench/decode.py`` need no stored pictures. Positive samples are tagged ``easy`` (every decoder
worth using must read them) or ``hard``; negative samples hold no code and must read as nothing.
"""

from __future__ import annotations

import functools
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.card_code import card_url, sign_card_id

Image = npt.NDArray[np.uint8]
Quad = npt.NDArray[np.float32]

BASE_URL = "https://stamps.example"
SIGNING_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
VGA = (640, 480)
HD = (1280, 720)


@dataclass(frozen=True)
class Sample:
    name: str
    image: Image
    payload: str | None
    difficulty: str  # "easy", "hard" or "none"


def card_payload(n: int) -> str:
    """A signed card URL, the same for the same ``n``."""
    card_id = str(uuid.UUID(int=random.Random(n).getrandbits(128), version=4))
    return card_url(BASE_URL, card_id, sign_card_id(SIGNING_KEY, card_id))


def render_code(payload: str, module_px: int, *, border: int = 4) -> Image:
    """The code in black on white, ``module_px`` pixels a module, with a quiet zone."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    qr.add_data(payload)
    qr.make(fit=True)
    modules = np.array(qr.get_matrix(), dtype=bool)
    image = np.where(modules, 0, 255).astype(np.uint8)
    return np.kron(image, np.ones((module_px, module_px), np.uint8))


def scrambled_code(payload: str, module_px: int, rng: np.random.Generator) -> Image:
    """A code's three finder patterns with random modules everywhere else: looks like a QR code."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(payload)
    qr.make(fit=True)
    modules = np.array(qr.get_matrix(), dtype=bool)
    n = modules.shape[0]
    rows, cols = np.mgrid[0:n, 0:n]
    finders = (
        ((rows < 8) & (cols < 8)) | ((rows < 8) & (cols >= n - 8)) | ((rows >= n - 8) & (cols < 8))
    )
    modules = np.where(finders, modules, rng.integers(0, 2, (n, n)).astype(bool))
    image = np.pad(np.where(modules, 0, 255).astype(np.uint8), 4, constant_values=255)
    return np.kron(image, np.ones((module_px, module_px), np.uint8))


def square(center: tuple[float, float], side: float, angle: float = 0.0) -> Quad:
    """Corners (top-left, top-right, bottom-right, bottom-left) of a square turned ``angle``°."""
    half = side / 2
    corners = np.array([[-half, -half], [half, -half], [half, half], [-half, half]])
    theta = np.deg2rad(angle)
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    return (corners @ turn.T + np.array(center)).astype(np.float32)


def tilted(center: tuple[float, float], side: float, tilt: float, sideways: bool = False) -> Quad:
    """A square seen at an angle: one edge shortened by ``tilt`` (0..1) of its length."""
    quad = square(center, side)
    shrink = side * tilt / 2
    if sideways:
        quad[1, 1] += shrink
        quad[2, 1] -= shrink
    else:
        quad[0, 0] += shrink
        quad[1, 0] -= shrink
    return quad


def paste(canvas: Image, code: Image, quad: Quad, *, dark: int = 0, light: int = 255) -> Image:
    """The code warped onto ``quad`` of a BGR canvas, its modules drawn in ``dark``/``light``."""
    h, w = code.shape
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    warp = cv2.getPerspectiveTransform(src, quad)
    size = (canvas.shape[1], canvas.shape[0])
    tone = (dark + (light - dark) * (code.astype(np.float32) / 255)).astype(np.float32)
    warped = cv2.warpPerspective(tone, warp, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), warp, size, flags=cv2.INTER_LINEAR)
    out = canvas.astype(np.float32) * (1 - mask[..., None]) + (warped * mask)[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def paper(size: tuple[int, int], rng: np.random.Generator, level: int = 215) -> Image:
    """A lit sheet of paper: a soft gradient and grain."""
    w, h = size
    ramp = np.linspace(-18, 12, w)[None, :] + np.linspace(-8, 8, h)[:, None]
    grain = cv2.GaussianBlur(rng.normal(0, 6, (h, w)), (0, 0), 1.2)
    gray = np.clip(level + ramp + grain, 0, 255).astype(np.uint8)
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def scene(size: tuple[int, int], rng: np.random.Generator) -> Image:
    """A counter seen by a camera: a wooden-ish surface, boxes, cables, a receipt."""
    w, h = size
    base = rng.normal(0, 1, (h // 8, w // 8, 3)).astype(np.float32)
    base = cv2.resize(cv2.GaussianBlur(base, (0, 0), 2), (w, h)) * 25
    image = np.clip(base + np.array([70, 100, 140], np.float32), 0, 255).astype(np.uint8)
    for _ in range(12):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        colour = tuple(int(c) for c in rng.integers(30, 230, 3))
        if rng.random() < 0.5:
            size_x, size_y = int(rng.integers(30, w // 3)), int(rng.integers(30, h // 3))
            cv2.rectangle(image, (x, y), (x + size_x, y + size_y), colour, -1)
        else:
            end = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            cv2.line(image, (x, y), end, colour, int(rng.integers(2, 9)), cv2.LINE_AA)
    rx, ry = int(w * 0.62), int(h * 0.15)
    cv2.rectangle(image, (rx, ry), (rx + w // 6, ry + h // 2), (235, 235, 235), -1)
    for line in range(8):
        text = "".join(rng.choice(list("ABCDEFGH0123456789 .,:")) for _ in range(10))
        org = (rx + 6, ry + 20 + line * (h // 20))
        cv2.putText(image, text, org, cv2.FONT_HERSHEY_PLAIN, 0.8, (40, 40, 40), 1, cv2.LINE_AA)
    return cv2.GaussianBlur(image, (0, 0), 0.8)


def phone(
    size: tuple[int, int], rng: np.random.Generator, screen: tuple[int, int, int, int]
) -> Image:
    """A phone held over the counter; ``screen`` is x, y, width, height of its lit screen."""
    image = scene(size, rng)
    x, y, sw, sh = screen
    cv2.rectangle(image, (x - 14, y - 40), (x + sw + 14, y + sh + 50), (20, 20, 24), -1)
    cv2.rectangle(image, (x, y), (x + sw, y + sh), (242, 240, 238), -1)
    cv2.rectangle(image, (x, y), (x + sw, y + 28), (160, 90, 40), -1)
    return image


def glare(image: Image, centre: tuple[float, float], radius: float, strength: float) -> Image:
    """A bright reflection: pixels pushed towards white, most at ``centre``."""
    h, w = image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    distance = np.hypot(xx - centre[0], yy - centre[1]) / radius
    amount = strength * np.clip(1 - distance, 0, 1)[..., None]
    out = image.astype(np.float32) * (1 - amount) + 255 * amount
    return out.astype(np.uint8)


def text_page(size: tuple[int, int], rng: random.Random) -> Image:
    """A page of printed words in three sizes, like a menu or a receipt."""
    w, h = size
    page = np.full((h, w, 3), 245, np.uint8)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for row in range(h // 22):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(8)]
        scale = 0.45 + 0.1 * (row % 3)
        org = (10, 20 + row * 21)
        cv2.putText(page, " ".join(words), org, cv2.FONT_HERSHEY_SIMPLEX, scale, (20, 20, 20), 1)
    return page


def finish(
    image: Image, rng: np.random.Generator, *, blur: float = 0.0, noise: float = 2.0, jpeg: int = 90
) -> Image:
    """Camera artefacts: optical blur, sensor noise, JPEG (MJPG) compression."""
    if blur > 0:
        image = cv2.GaussianBlur(image, (0, 0), blur)
    if noise > 0:
        image = np.clip(image + rng.normal(0, noise, image.shape), 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, jpeg])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


@dataclass(frozen=True)
class Look:
    """How a code is shown: where, how big, how turned or tilted, and what the camera adds."""

    module_px: int = 4
    size: tuple[int, int] = VGA
    background: str = "paper"  # "paper", "scene" or "phone"
    angle: float = 0.0
    tilt: float = 0.0
    sideways: bool = False
    centre: tuple[float, float] | None = None
    level: int = 215
    dark: int = 0
    light: int = 255
    glare: tuple[float, float, float, float] | None = None  # x, y, radius, strength
    blur: float = 0.0
    motion: int = 0
    noise: float = 2.0
    jpeg: int = 90


def draw(look: Look, payload: str, seed: int) -> Image:
    """The code for ``payload`` shown as ``look`` says, as a camera would deliver it."""
    rng = np.random.default_rng(seed)
    w, h = look.size
    if look.background == "phone":
        background = phone(look.size, rng, (w // 2 - 130, h // 2 - 150, 260, 320))
    elif look.background == "scene":
        background = scene(look.size, rng)
    else:
        background = paper(look.size, rng, level=look.level)
    code = render_code(payload, look.module_px)
    centre = look.centre or (w / 2, h / 2)
    side = float(code.shape[0])
    if look.tilt:
        quad = tilted(centre, side, look.tilt, sideways=look.sideways)
    else:
        quad = square(centre, side, look.angle)
    image = paste(background, code, quad, dark=look.dark, light=look.light)
    if look.glare is not None:
        x, y, radius, strength = look.glare
        image = glare(image, (x, y), radius, strength)
    if look.motion:
        kernel = np.zeros((look.motion, look.motion), np.float32)
        kernel[look.motion // 2, :] = 1.0 / look.motion
        image = cv2.filter2D(image, -1, kernel)
    return finish(image, rng, blur=look.blur, noise=look.noise, jpeg=look.jpeg)


POSITIVE_LOOKS: tuple[tuple[str, str, Look], ...] = (
    ("clean-3px", "easy", Look(module_px=3)),
    ("clean-4px", "easy", Look(module_px=4)),
    ("clean-6px", "easy", Look(module_px=6)),
    ("clean-8px", "easy", Look(module_px=8)),
    ("rotated-15", "easy", Look(angle=15)),
    ("rotated-45", "easy", Look(angle=45)),
    ("rotated-90", "easy", Look(angle=90)),
    ("rotated-180", "easy", Look(angle=180)),
    ("tilted-15", "easy", Look(module_px=5, tilt=0.15)),
    ("blur-0.8", "easy", Look(blur=0.8)),
    ("scene", "easy", Look(background="scene", angle=8)),
    ("phone", "easy", Look(background="phone")),
    ("hd", "easy", Look(size=HD, background="scene")),
    ("clean-2px", "hard", Look(module_px=2)),
    ("rotated-30-2px", "hard", Look(module_px=2, angle=30)),
    ("tilted-35", "hard", Look(tilt=0.35)),
    ("sideways-45", "hard", Look(module_px=5, tilt=0.45, sideways=True)),
    ("blur-1.2", "hard", Look(blur=1.2)),
    ("blur-1.6", "hard", Look(blur=1.6)),
    ("blur-2.0", "hard", Look(blur=2.0)),
    ("blur-2.6", "hard", Look(blur=2.6)),
    ("blur-1.2-3px", "hard", Look(module_px=3, blur=1.2)),
    ("motion-5", "hard", Look(motion=5)),
    ("motion-9", "hard", Look(module_px=5, motion=9)),
    ("contrast-40", "hard", Look(level=140, dark=115, light=155)),
    ("contrast-25-noisy", "hard", Look(level=140, dark=125, light=150, noise=5.0)),
    ("dim-noisy", "hard", Look(level=60, dark=25, light=75, noise=6.0)),
    ("dark-mode", "hard", Look(background="scene", dark=235, light=20)),
    ("small-hd-2px", "hard", Look(module_px=2, size=HD, background="scene", centre=(300, 500))),
    (
        "small-hd-3px-turned",
        "hard",
        Look(module_px=3, size=HD, background="scene", angle=20, centre=(1000, 200)),
    ),
    ("phone-glare-0.45", "hard", Look(background="phone", glare=(300, 200, 260, 0.45))),
    ("phone-glare-0.65", "hard", Look(background="phone", glare=(300, 200, 260, 0.65))),
    ("phone-glare-0.85", "hard", Look(background="phone", glare=(330, 230, 150, 0.85))),
    (
        "phone-glare-3px-turned",
        "hard",
        Look(module_px=3, background="phone", angle=12, glare=(360, 260, 200, 0.6)),
    ),
    (
        "everything",
        "hard",
        Look(module_px=3, background="scene", angle=45, blur=1.1, noise=6.0, jpeg=60),
    ),
    ("jpeg-30", "hard", Look(module_px=3, angle=5, noise=4.0, jpeg=30)),
)


@functools.cache
def positive_samples() -> tuple[Sample, ...]:
    """Signed card codes: clean at several module sizes, turned, tilted, blurred, dim, glared."""
    return tuple(
        Sample(name, draw(look, card_payload(n), 1000 + n), card_payload(n), difficulty)
        for n, (name, difficulty, look) in enumerate(POSITIVE_LOOKS)
    )


@functools.cache
def negative_samples() -> tuple[Sample, ...]:
    """Frames without a code: noise, gradients, checkerboards, text, scenes, QR-like texture."""
    out: list[Sample] = []
    w, h = VGA

    def add(name: str, image: Image) -> None:
        out.append(Sample(name, image, None, "none"))

    rng = np.random.default_rng(7)
    gray = rng.integers(0, 256, (h, w), dtype=np.uint8)
    add("noise", cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))
    add("noise-blurred", cv2.GaussianBlur(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), (0, 0), 2.5))
    add("noise-colour", rng.integers(0, 256, (h, w, 3), dtype=np.uint8))
    ramp = np.tile(np.linspace(0, 255, w, dtype=np.float32), (h, 1)).astype(np.uint8)
    add("gradient", cv2.cvtColor(ramp, cv2.COLOR_GRAY2BGR))
    yy, xx = np.mgrid[0:h, 0:w]
    radial = np.clip(np.hypot(xx - w / 2, yy - h / 2) / 1.6, 0, 255).astype(np.uint8)
    add("gradient-radial", cv2.cvtColor(radial, cv2.COLOR_GRAY2BGR))
    for cell in (6, 16, 40):
        board = (((xx // cell) + (yy // cell)) % 2 * 255).astype(np.uint8)
        add(f"checkerboard-{cell}", cv2.cvtColor(board, cv2.COLOR_GRAY2BGR))
    board = (((xx // 14) + (yy // 14)) % 2 * 255).astype(np.uint8)
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), 30, 1.0)
    add(
        "checkerboard-turned", cv2.cvtColor(cv2.warpAffine(board, turn, (w, h)), cv2.COLOR_GRAY2BGR)
    )
    add("text", text_page(VGA, random.Random(3)))
    add("counter", finish(scene(VGA, np.random.default_rng(8)), np.random.default_rng(9)))
    add("counter-hd", finish(scene(HD, np.random.default_rng(10)), np.random.default_rng(11)))
    screen = phone(VGA, np.random.default_rng(12), (190, 90, 260, 320))
    add("phone-no-code", glare(screen, (300.0, 200.0), 260.0, 0.6))
    modules = rng.integers(0, 2, (45, 45), dtype=np.uint8)
    texture = np.kron(np.where(modules, 0, 255).astype(np.uint8), np.ones((6, 6), np.uint8))
    canvas = np.full((h, w), 255, np.uint8)
    canvas[105:375, 185:455] = texture
    add("module-texture", cv2.cvtColor(canvas, cv2.COLOR_GRAY2BGR))
    fake = scrambled_code(card_payload(99), 6, rng)
    canvas = np.full((h, w), 255, np.uint8)
    top, left = (h - fake.shape[0]) // 2, (w - fake.shape[1]) // 2
    canvas[top : top + fake.shape[0], left : left + fake.shape[1]] = fake
    add("finder-patterns-only", cv2.cvtColor(canvas, cv2.COLOR_GRAY2BGR))
    return tuple(out)


def empty_frame(size: tuple[int, int], seed: int = 20) -> Image:
    """A camera frame of the counter with no code in it."""
    return finish(scene(size, np.random.default_rng(seed)), np.random.default_rng(seed + 1))


def frame_with_code(size: tuple[int, int], n: int = 0, module_px: int = 4, seed: int = 30) -> Image:
    """A camera frame of the counter with a card code held up in the middle."""
    return draw(
        Look(module_px=module_px, size=size, background="scene", angle=6), card_payload(n), seed
    )


def write_video(
    path: Path,
    segments: Sequence[tuple[str | None, int]],
    *,
    fps: float = 30.0,
    size: tuple[int, int] = VGA,
    seed: int = 40,
) -> Path:
    """An MJPG video of ``(payload or None, frame count)`` segments: a counter, a code held up."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, size)
    assert writer.isOpened(), f"OpenCV cannot write MJPG to {path}"
    rng = np.random.default_rng(seed)
    background = scene(size, rng)
    w, h = size
    grain = [rng.normal(0, 2, (h, w, 3)).astype(np.int16) for _ in range(5)]
    shown = 0
    try:
        for payload, count in segments:
            code = None if payload is None else render_code(payload, 4)
            for _ in range(count):
                frame = background
                if code is not None:
                    centre = (w / 2 + rng.normal(0, 3), h / 2 + rng.normal(0, 3))
                    quad = square(centre, float(code.shape[0]), float(rng.normal(5, 2)))
                    frame = paste(background, code, quad)
                noisy = frame.astype(np.int16) + grain[shown % len(grain)]
                writer.write(np.clip(noisy, 0, 255).astype(np.uint8))
                shown += 1
    finally:
        writer.release()
    return path
