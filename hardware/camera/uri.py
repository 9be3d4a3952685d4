"""Pick a frame source by URI, as nfcpy picks a driver by path.

``camera:0`` or ``camera:/dev/video0`` (also ``/dev/v4l/by-id/...`` links) with optional
``?size=1280x720&fps=30&fourcc=MJPG``; ``video:demo.avi`` with ``?loop=0&pace=0``;
``images:folder`` with ``?fps=2&loop=0&pace=0``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from hardware.camera.files import ImageFolderSource, VideoFileSource
from hardware.camera.frames import FrameSource
from hardware.camera.v4l2 import CameraSource

SCHEMES = ("camera", "video", "images")
_OPTIONS = {
    "camera": {"size", "fps", "fourcc"},
    "video": {"loop", "pace"},
    "images": {"fps", "loop", "pace"},
}


def _flag(options: dict[str, str], name: str, default: bool) -> bool:
    value = options.get(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name}={value!r} must be 1 or 0.")


def _number(options: dict[str, str], name: str) -> float | None:
    value = options.get(name)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} must be a number.") from None
    if number <= 0:
        raise ValueError(f"{name}={value!r} must be positive.")
    return number


def _size(options: dict[str, str]) -> tuple[int, int]:
    value = options.get("size", "640x480")
    width, sep, height = value.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit() and int(width) and int(height)):
        raise ValueError(f"size={value!r} must look like 640x480.")
    return int(width), int(height)


def frame_source_for(uri: str) -> FrameSource:
    """The source a URI names, not yet opened; ``ValueError`` saying what is wrong with it."""
    scheme, sep, rest = uri.partition(":")
    target, _, query = rest.partition("?")
    if not sep or scheme not in SCHEMES or not target:
        raise ValueError(
            f"The frame source {uri!r} is not understood; use camera:0, camera:/dev/video0, "
            "video:FILE or images:FOLDER."
        )
    options = dict(parse_qsl(query, keep_blank_values=True))
    unknown = set(options) - _OPTIONS[scheme]
    if unknown:
        raise ValueError(
            f"Unknown option(s) {', '.join(sorted(unknown))} in {uri!r}; {scheme}: takes "
            f"{', '.join(sorted(_OPTIONS[scheme]))}."
        )
    if scheme == "camera":
        width, height = _size(options)
        fourcc = options.get("fourcc", "MJPG")
        if len(fourcc) != 4:
            raise ValueError(f"fourcc={fourcc!r} must be four characters, like MJPG or YUYV.")
        device: int | str = int(target) if target.isdigit() else target
        return CameraSource(
            device,
            width=width,
            height=height,
            fps=_number(options, "fps"),
            fourcc=fourcc,
            uri=uri,
        )
    loop = _flag(options, "loop", True)
    pace = _flag(options, "pace", True)
    if scheme == "video":
        return VideoFileSource(target, loop=loop, pace=pace, uri=uri)
    fps = _number(options, "fps") or 2.0
    return ImageFolderSource(target, fps=fps, loop=loop, pace=pace, uri=uri)


def open_frame_source(uri: str) -> FrameSource:
    """The source a URI names, opened: ``ValueError``, ``SourceMissing`` or ``SourceFailed``."""
    source = frame_source_for(uri)
    source.open()
    return source
