"""The QR reader with real threads: video through capture and decode threads to scans."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from qr_images import card_payload, write_video

from app.domain.scan import Scan, ScanKind
from hardware.camera import (
    DecodedCode,
    Frame,
    PreviewFrame,
    QrReader,
    SourceFailed,
    SourceInfo,
    SourceMissing,
    VideoFileSource,
    make_decoder,
)
from hardware.camera.frames import Image
from hardware.camera.pipeline import NewestFrameSlot, RepeatFilter
from hardware.device import DeviceState, DeviceStatus

A, B = card_payload(21), card_payload(22)


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.fixture(scope="module")
def appearances_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A, gone, A again, gone, B: three appearances in 80 frames, 1.3 s at 60 fps."""
    segments = [(None, 6), (A, 10), (None, 20), (A, 10), (None, 20), (B, 10), (None, 4)]
    return write_video(tmp_path_factory.mktemp("video") / "appearances.avi", segments, fps=60)


def test_a_video_through_the_pipeline_scans_once_per_appearance(appearances_video: Path) -> None:
    uri = f"video:{appearances_video}?loop=0"
    scans: list[Scan] = []
    states: list[DeviceState] = []
    reader = QrReader(uri, gone_seconds=0.15, gone_frames=3)
    reader.start(scans.append, states.append)
    assert reader.wait(20)
    assert [s.payload for s in scans] == [A, A, B]
    assert {(s.kind, s.source) for s in scans} == {(ScanKind.QR, uri)}
    assert [s.status for s in states] == [DeviceStatus.READY, DeviceStatus.STOPPED]
    assert "640x480" in states[0].message and "has ended" in states[1].message
    stats = reader.stats()
    assert stats.frames_captured == 80
    assert stats.scans == 3 and stats.repeats_suppressed > 10
    assert stats.decode_errors == 0 and stats.decode_ms_median is not None
    reader.stop()
    assert reader.state.status is DeviceStatus.STOPPED


def test_preview_frames_come_at_a_capped_rate_with_code_corners(appearances_video: Path) -> None:
    previews: list[tuple[float, PreviewFrame]] = []
    reader = QrReader(
        f"video:{appearances_video}?loop=0",
        on_preview=lambda p: previews.append((time.monotonic(), p)),
        preview_fps=8,
    )
    started = time.monotonic()
    reader.start(lambda scan: None)
    assert reader.wait(20)
    elapsed = time.monotonic() - started
    assert 0.5 * 8 * elapsed <= len(previews) <= 8 * elapsed + 2
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(previews)]
    assert min(gaps) >= 1 / 8 - 0.01
    with_codes = [p for _, p in previews if p.codes]
    assert with_codes, "no preview frame showed a code"
    for preview in with_codes:
        (code,) = preview.codes
        assert code.payload in (A, B)
        for x, y in code.corners:
            assert 200 < x < 440 and 120 < y < 360
        assert preview.frame.image.shape == (480, 640, 3)
    assert reader.stats().previews == len(previews)


def test_repeat_filter_needs_frames_and_time_without_a_code_to_forget_it() -> None:
    seen = RepeatFilter(gone_seconds=0.5, gone_frames=3)
    assert seen.update(["A", "A", "B"], 0.0) == ["A", "B"]
    assert seen.update(["A"], 0.1) == []
    for step in range(20):
        assert seen.update([], 0.11 + step * 0.01) == []
    assert seen.in_view() == ["A", "B"]  # many frames without A, but only 0.2 s
    seen.update([], 0.55)
    assert seen.in_view() == ["A"]
    assert seen.update(["A"], 0.56) == []
    seen.update([], 2.0)
    seen.update([], 2.1)
    assert seen.in_view() == ["A"]  # long ago, but only two frames without it
    seen.update([], 2.2)
    assert seen.in_view() == []
    assert seen.update(["A"], 2.3) == ["A"]


def test_newest_frame_slot_replaces_and_counts_and_drains_after_close() -> None:
    slot = NewestFrameSlot()
    frames = [Frame(np.zeros((1, 1), np.uint8), n, n, 0.0) for n in range(3)]
    for frame in frames:
        slot.put(frame)
    assert (slot.captured, slot.dropped) == (3, 2)
    assert slot.take(0) is frames[2]
    assert slot.take(0.01) is None and not slot.finished
    slot.put(frames[0])
    slot.close()
    assert not slot.finished
    assert slot.take() is frames[0]
    assert slot.take() is None and slot.finished


class NumberedSource:
    """Frames carrying their number in the first two pixels, one every ``period`` seconds."""

    uri = "test:numbered"

    def __init__(self, count: int, period: float) -> None:
        self.count, self.period = count, period
        self.latest = -1
        self.read_at: list[float] = []

    def open(self) -> None:
        self.latest = -1

    def read(self) -> Frame | None:
        if self.latest + 1 >= self.count:
            return None
        time.sleep(self.period)
        self.latest += 1
        image = np.zeros((8, 8), np.uint8)
        image[0, 0], image[0, 1] = divmod(self.latest, 256)
        self.read_at.append(time.monotonic())
        return Frame(image, self.latest, self.latest, self.read_at[-1])

    def close(self) -> None:
        pass

    def describe(self) -> SourceInfo:
        return SourceInfo(self.uri, 8, 8, 1 / self.period)


class SlowDecoder:
    """Takes ``delay`` per frame and notes which frame it got and which was newest then."""

    name = "slow"

    def __init__(self, source: NumberedSource, delay: float) -> None:
        self.source, self.delay = source, delay
        self.seen: list[tuple[int, int]] = []

    def decode(self, image: Image) -> list[DecodedCode]:
        self.seen.append((int(image[0, 0]) * 256 + int(image[0, 1]), self.source.latest))
        time.sleep(self.delay)
        return []


def test_a_slow_decoder_never_holds_up_capture_and_gets_only_the_newest_frame() -> None:
    source = NumberedSource(count=200, period=0.002)
    decoder = SlowDecoder(source, delay=0.1)
    reader = QrReader("test:numbered", source=source, decoder=decoder)
    reader.start(lambda scan: None)
    assert reader.wait(20)
    capture_time = source.read_at[-1] - source.read_at[0]
    assert capture_time < 200 * 0.1 / 4
    assert max(b - a for a, b in itertools.pairwise(source.read_at)) < 0.1
    stats = reader.stats()
    assert stats.frames_captured == 200
    assert stats.frames_decoded == len(decoder.seen) <= capture_time / 0.1 + 2
    assert stats.frames_decoded + stats.frames_dropped == 200
    assert all(newest - number <= 2 for number, newest in decoder.seen)
    assert decoder.seen[-1][0] == 199
    numbers = [number for number, _ in decoder.seen]
    assert numbers == sorted(set(numbers))


class FlakyDecoder:
    """zxing-cpp that raises on every other frame."""

    name = "flaky"

    def __init__(self) -> None:
        self.inner = make_decoder("zxing")
        self.calls = 0

    def decode(self, image: Image) -> list[DecodedCode]:
        self.calls += 1
        if self.calls % 2:
            raise RuntimeError("decoder bug")
        return self.inner.decode(image)


def test_decoder_exceptions_are_counted_and_never_fatal(appearances_video: Path) -> None:
    scans: list[Scan] = []
    decoder = FlakyDecoder()
    reader = QrReader(f"video:{appearances_video}?loop=0", decoder=decoder, gone_seconds=0.15)
    reader.start(scans.append)
    assert reader.wait(20)
    stats = reader.stats()
    assert [s.payload for s in scans] == [A, A, B]
    assert stats.decode_errors == (decoder.calls + 1) // 2 > 10
    assert stats.last_error == "RuntimeError: decoder bug"


class BrokenDecoder:
    name = "broken"

    def decode(self, image: Image) -> list[DecodedCode]:
        raise MemoryError("out of luck")


def test_a_decoder_failing_on_every_frame_is_an_error_state_not_a_crash(
    appearances_video: Path,
) -> None:
    states: list[DeviceState] = []
    reader = QrReader(f"video:{appearances_video}", decoder=BrokenDecoder(), failing_after=5)
    reader.start(lambda scan: None, states.append)
    wait_for(lambda: reader.state.status is DeviceStatus.ERROR)
    assert "broken QR decoder fails" in reader.state.message
    assert "MemoryError: out of luck" in reader.state.message
    reader.stop()
    assert reader.stats().decode_errors >= 5
    assert not any(t.is_alive() for t in threading.enumerate() if t.name.startswith("qr-"))


def test_a_missing_camera_is_a_state_with_a_message_and_is_retried() -> None:
    states: list[DeviceState] = []
    reader = QrReader("camera:/dev/video99", retry_seconds=0.02, retry_max_seconds=0.1)
    reader.start(lambda scan: None, states.append)
    wait_for(lambda: reader.stats().failed_opens >= 4)
    reader.stop()
    assert states[0].status is DeviceStatus.MISSING
    assert "/dev/video99" in states[0].message and "plug it in" in states[0].message
    assert states[-1].status is DeviceStatus.STOPPED


class UnpluggedSource:
    """A video that is missing for two opens, plays, is unplugged, then comes back."""

    def __init__(self, path: Path) -> None:
        self.uri = "test:unplugged"
        self.inner = VideoFileSource(path, loop=True, pace=True)
        self.opens: list[float] = []
        self.reads = 0

    def open(self) -> None:
        self.opens.append(time.monotonic())
        if len(self.opens) <= 2:
            raise SourceMissing("The test camera is not plugged in.")
        self.inner.open()

    def read(self) -> Frame | None:
        self.reads += 1
        if self.reads == 40:
            raise SourceMissing("The test camera was unplugged.")
        return self.inner.read()

    def close(self) -> None:
        self.inner.close()

    def describe(self) -> SourceInfo:
        return self.inner.describe()


def test_a_source_that_comes_and_goes_is_reopened_with_backoff(appearances_video: Path) -> None:
    source = UnpluggedSource(appearances_video)
    scans: list[Scan] = []
    states: list[DeviceState] = []
    reader = QrReader("test:unplugged", source=source, retry_seconds=0.05, gone_seconds=5.0)
    reader.start(scans.append, states.append)
    wait_for(lambda: len(source.opens) >= 4 and reader.state.status is DeviceStatus.READY)
    wait_for(lambda: len(scans) >= 2)
    reader.stop()
    assert [s.payload for s in scans] == [A, A]  # a reopened source starts with nothing in view
    assert [s.status for s in states] == [
        DeviceStatus.MISSING,
        DeviceStatus.READY,
        DeviceStatus.MISSING,
        DeviceStatus.READY,
        DeviceStatus.STOPPED,
    ]
    assert states[2].message == "The test camera was unplugged."
    first, second = (b - a for a, b in itertools.pairwise(source.opens[:3]))
    assert first >= 0.045 and second >= 0.095


class DeadSource:
    """Opens, then never delivers a frame."""

    uri = "test:dead"

    def __init__(self) -> None:
        self.opens: list[float] = []

    def open(self) -> None:
        self.opens.append(time.monotonic())

    def read(self) -> Frame | None:
        raise SourceFailed("The test camera delivers no frames.")

    def close(self) -> None:
        pass

    def describe(self) -> SourceInfo:
        return SourceInfo(self.uri, 0, 0, 0.0)


def test_a_source_that_opens_but_delivers_nothing_is_never_ready_and_backs_off() -> None:
    source = DeadSource()
    states: list[DeviceState] = []
    reader = QrReader("test:dead", source=source, retry_seconds=0.02, retry_max_seconds=0.08)
    reader.start(lambda scan: None, states.append)
    wait_for(lambda: len(source.opens) >= 5)
    reader.stop()
    assert [s.status for s in states] == [DeviceStatus.ERROR, DeviceStatus.STOPPED]
    assert states[0].message == "The test camera delivers no frames."
    gaps = [b - a for a, b in itertools.pairwise(source.opens)]
    assert gaps[0] >= 0.015 and gaps[2] >= 0.07


def test_bad_settings_are_error_states_and_callbacks_that_raise_are_contained(
    appearances_video: Path,
) -> None:
    reader = QrReader("webcam")
    reader.start(lambda scan: None)
    assert reader.state.status is DeviceStatus.ERROR and "not understood" in reader.state.message
    reader = QrReader("camera:0", decoder="quirc")
    reader.start(lambda scan: None)
    assert (
        reader.state.status is DeviceStatus.ERROR and "Unknown QR decoder" in reader.state.message
    )

    def refuse(scan: Scan) -> None:
        raise RuntimeError("the UI is gone")

    reader = QrReader(f"video:{appearances_video}?loop=0&pace=0")
    reader.start(refuse)
    assert reader.wait(20)
    assert reader.stats().callback_errors == reader.stats().scans >= 1


def test_stop_ends_both_threads_of_an_endless_source_and_start_works_again(
    appearances_video: Path,
) -> None:
    reader = QrReader(f"video:{appearances_video}")
    reader.start(lambda scan: None)
    wait_for(lambda: reader.stats().frames_decoded >= 3)
    with pytest.raises(RuntimeError, match="already running"):
        reader.start(lambda scan: None)
    reader.stop(timeout=5)
    assert reader.wait(0)
    captured = reader.stats().frames_captured
    reader.start(lambda scan: None)
    wait_for(lambda: reader.stats().frames_captured > captured + 3)
    reader.stop(timeout=5)
    assert reader.state == DeviceState(reader.uri, DeviceStatus.STOPPED)
