"""The demo's simulated devices: customers one at a time, pictures that wait for their turn."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from app.demo_devices import CAMERA, NFC, CustomerTurns, TurnTakingFrames
from app.demo_frames import Shown, write_camera_frames
from hardware.camera.decoders import as_gray, make_decoder
from hardware.camera.files import read_image

CARD = "https://stamps.example/c/0131cef8-56e1-461a-b82b-7e220b925481.Ab_9-x"
SIGN = "WIFI:S:Demo Coffee;T:WPA;P:espresso;;"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_customers_come_in_order_and_only_while_the_counter_is_offered() -> None:
    turns = CustomerTurns([CAMERA, NFC, CAMERA], clock=Clock())
    assert not turns.claim(CAMERA)  # not offered yet
    turns.offer()
    assert not turns.claim(NFC)  # the camera's turn
    assert turns.claim(CAMERA)
    assert not turns.claim(NFC)  # one customer per offer
    turns.close()
    turns.offer()
    assert turns.claim(NFC)
    turns.close()
    turns.offer()
    assert turns.claim(CAMERA)
    assert turns.claims == 3
    assert turns.whose == CAMERA  # the order starts again


def test_a_claim_that_never_reached_the_screen_is_given_up() -> None:
    clock = Clock()
    turns = CustomerTurns([CAMERA], claim_timeout=10.0, clock=clock)
    turns.offer()
    assert turns.claim(CAMERA)
    clock.now += 5
    turns.offer()  # still waiting for that customer's scan
    assert not turns.is_open
    clock.now += 5
    turns.offer()
    assert turns.is_open


def test_a_real_devices_turn_passes_on_after_a_while() -> None:
    clock = Clock()
    turns = CustomerTurns([CAMERA, NFC], real=[CAMERA], real_turn_seconds=12.0, clock=clock)
    turns.offer()
    assert not turns.claim(NFC)
    clock.now += 11.9
    assert not turns.claim(NFC)
    clock.now += 0.1
    assert turns.claim(NFC)


def test_no_turns_when_nothing_is_simulated() -> None:
    turns = CustomerTurns([])
    turns.offer()
    assert turns.whose is None
    assert not turns.claim(CAMERA)


def test_the_pictures_hold_each_code_and_nothing_else(tmp_path: Path) -> None:
    plan = write_camera_frames(
        tmp_path / "camera",
        [Shown(CARD, "Alex - stamp card"), Shown(SIGN, "Free Wi-Fi", on_phone=False)],
        fps=2.0,
        gap_seconds=1.0,
        show_seconds=1.0,
    )
    files = sorted((tmp_path / "camera").glob("*.jpg"))
    assert len(files) == plan.frames == 8
    assert plan.starts == frozenset({2, 6})
    assert plan.uri == f"images:{tmp_path / 'camera'}?fps=2"
    decoder = make_decoder("zxing")
    read = [[c.payload for c in decoder.decode(as_gray(read_image(f)))] for f in files]
    assert read == [[], [], [CARD], [CARD], [], [], [SIGN], [SIGN]]


def test_the_camera_keeps_the_empty_counter_in_view_until_its_turn(tmp_path: Path) -> None:
    plan = write_camera_frames(
        tmp_path / "camera", [Shown(CARD, "Alex")], fps=50.0, gap_seconds=0.04, show_seconds=0.04
    )
    assert plan.starts == frozenset({2})
    turns = CustomerTurns([CAMERA], clock=Clock())
    source = TurnTakingFrames(plan, turns)
    source.open()
    try:
        frames = [source.read() for _ in range(6)]
        empty = frames[0]
        assert all(f is not None for f in frames) and empty is not None
        assert [f.seq for f in frames if f is not None] == list(range(6))
        held = [f for f in frames[2:] if f is not None]
        assert all(np.array_equal(f.image, empty.image) for f in held)
        turns.offer()
        shown = source.read()
        assert shown is not None and shown.index == 2
        assert not np.array_equal(shown.image, empty.image)
        assert not turns.is_open  # the camera used its turn
        following = source.read()
        assert following is not None and following.index == 3  # the code's second frame
    finally:
        source.close()
