"""Frame sources: a video written by OpenCV, a folder of images, cameras that are not there."""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from qr_images import card_payload, frame_with_code, write_video

from hardware.camera import (
    CameraSource,
    ImageFolderSource,
    SourceFailed,
    SourceMissing,
    VideoFileSource,
    frame_source_for,
    open_frame_source,
)
from hardware.camera.frames import Pacer


@pytest.fixture(scope="module")
def short_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("video")
    return write_video(folder / "short.avi", [(None, 4), (card_payload(3), 6)], fps=30)


def read_all(source: VideoFileSource | ImageFolderSource, limit: int = 100) -> list[int]:
    indexes = []
    while len(indexes) < limit and (frame := source.read()) is not None:
        indexes.append(frame.index)
    return indexes


def test_opencv_writes_an_mjpg_video_it_reads_back(short_video: Path) -> None:
    source = VideoFileSource(short_video, loop=False, pace=False)
    source.open()
    info = source.describe()
    assert (info.width, info.height, info.fps) == (640, 480, 30.0)
    frames = []
    while (frame := source.read()) is not None:
        frames.append(frame)
    source.close()
    assert [f.index for f in frames] == list(range(10))
    assert frames[0].image.shape == (480, 640, 3)
    assert frames[0].captured <= frames[-1].captured


def test_a_looping_video_starts_again_and_keeps_counting(short_video: Path) -> None:
    source = VideoFileSource(short_video, loop=True, pace=False)
    source.open()
    assert read_all(source, limit=25) == [*range(10), *range(10), *range(5)]
    source.close()


def test_a_paced_video_plays_at_its_frame_rate(short_video: Path) -> None:
    source = VideoFileSource(short_video, loop=False, pace=True)
    source.open()
    started = time.monotonic()
    assert len(read_all(source)) == 10
    assert 9 / 30 - 0.02 <= time.monotonic() - started < 9 / 30 + 0.25


def test_pacer_does_not_burst_after_a_stall() -> None:
    pacer = Pacer(100.0)
    pacer.wait()
    time.sleep(0.05)
    stamps = []
    for _ in range(4):
        pacer.wait()
        stamps.append(time.monotonic())
    assert stamps[-1] - stamps[0] >= 3 * 0.01 - 0.001


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(SourceMissing, match="does not exist"):
        VideoFileSource(tmp_path / "none.avi").open()
    garbage = tmp_path / "garbage.avi"
    garbage.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(SourceFailed, match="cannot be played"):
        VideoFileSource(garbage).open()
    with pytest.raises(SourceMissing, match="does not exist"):
        ImageFolderSource(tmp_path / "nowhere").open()
    with pytest.raises(SourceFailed, match="holds no images"):
        ImageFolderSource(tmp_path).open()


def test_image_folder_in_name_order_skipping_unreadable_files(tmp_path: Path) -> None:
    for name in ("b.png", "a.jpg"):
        cv2.imwrite(str(tmp_path / name), frame_with_code((320, 240), module_px=2))
    (tmp_path / "c.png").write_bytes(b"not a png")
    (tmp_path / "notes.txt").write_text("ignored")
    source = ImageFolderSource(tmp_path, loop=False, pace=False)
    source.open()
    frames = []
    while (frame := source.read()) is not None:
        frames.append(frame)
    assert [f.index for f in frames] == [0, 1]
    assert source.describe().width == 320
    looping = ImageFolderSource(tmp_path, loop=True, pace=False)
    looping.open()
    assert [looping.read() is not None for _ in range(5)] == [True] * 5


def test_a_missing_camera_names_the_device_and_what_to_check() -> None:
    with pytest.raises(SourceMissing) as missing:
        CameraSource("/dev/video99").open()
    message = str(missing.value)
    assert "/dev/video99" in message and "plug it in" in message
    with pytest.raises(SourceMissing, match="/dev/video97"):
        open_frame_source("camera:97")


def test_a_path_that_is_not_a_video_node_is_an_error(tmp_path: Path) -> None:
    node = tmp_path / "camera"
    node.write_bytes(b"")
    with pytest.raises(SourceFailed, match="not a camera device"):
        CameraSource(str(node)).open()


def test_uris_pick_and_configure_sources(tmp_path: Path) -> None:
    camera = frame_source_for("camera:2?size=1280x720&fps=30")
    assert isinstance(camera, CameraSource)
    assert camera.device == 2 and camera.uri == "camera:2?size=1280x720&fps=30"
    assert isinstance(frame_source_for("camera:/dev/v4l/by-id/usb-cam"), CameraSource)
    video = frame_source_for("video:demo.avi?loop=0&pace=0")
    assert isinstance(video, VideoFileSource)
    assert (video.loop, video.pace, video.path) == (False, False, Path("demo.avi"))
    images = frame_source_for(f"images:{tmp_path}?fps=5")
    assert isinstance(images, ImageFolderSource) and images.fps == 5.0 and images.loop


@pytest.mark.parametrize(
    ("uri", "complaint"),
    [
        ("usb:0", "not understood"),
        ("camera:", "not understood"),
        ("webcam", "not understood"),
        ("camera:0?size=big", "640x480"),
        ("camera:0?fps=-1", "positive"),
        ("camera:0?fourcc=MJPEG", "four characters"),
        ("video:a.avi?loop=maybe", "1 or 0"),
        ("video:a.avi?fps=3", "Unknown option"),
    ],
)
def test_bad_uris_say_what_is_wrong(uri: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        frame_source_for(uri)


def test_frames_hold_8_bit_images(short_video: Path) -> None:
    source = open_frame_source(f"video:{short_video}?pace=0&loop=0")
    frame = source.read()
    assert frame is not None and frame.image.dtype == np.uint8
    source.close()
    source.close()
