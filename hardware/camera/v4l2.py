"""USB cameras through OpenCV's V4L2 backend, set up for low latency.

V4L2 queues several buffers by default, so a frame read late can be 100+ ms old. The source asks
for MJPG (so 640x480 and more fit USB 2 at full rate), a small size and one buffer, and reads
back what the camera really granted. The reader reads it continuously on one thread.
"""

from __future__ import annotations

import glob
import os
import re
import time

import cv2

from hardware.camera.decoders import as_image
from hardware.camera.frames import Frame, SourceFailed, SourceInfo, SourceMissing

_VIDEO_NODE = re.compile(r"/dev/video(\d+)")
READ_TIMEOUT_MS = 2000


def _fourcc_text(value: float) -> str:
    code = int(value)
    text = "".join(chr((code >> (8 * i)) & 0xFF) for i in range(4))
    return text if text.isprintable() and text.strip() else ""


def cameras_present() -> list[str]:
    """The V4L2 video nodes on this machine (a camera often has two; the first captures)."""
    return sorted(glob.glob("/dev/video*"), key=lambda p: (len(p), p))


class CameraSource:
    """A V4L2 camera by index (``0``) or path (``/dev/video0``, a ``/dev/v4l/by-id/`` link)."""

    def __init__(
        self,
        device: int | str,
        *,
        width: int = 640,
        height: int = 480,
        fps: float | None = None,
        fourcc: str = "MJPG",
        buffer_size: int = 1,
        uri: str | None = None,
    ) -> None:
        self.device = device
        self.uri = uri or f"camera:{device}"
        self._request = (width, height, fps, fourcc, buffer_size)
        self._cap: cv2.VideoCapture | None = None
        self._info: SourceInfo | None = None
        self._seq = 0
        self._path = f"/dev/video{device}" if isinstance(device, int) else device

    def _missing_message(self) -> str:
        present = ", ".join(cameras_present()) or "none"
        return (
            f"The camera {self._path} is not connected: plug it in (try another USB port or "
            f"cable) or check the camera setting. Video devices found: {present}."
        )

    def _index(self) -> int:
        node = os.path.realpath(self._path)
        match = _VIDEO_NODE.fullmatch(node)
        if match is None:
            raise SourceFailed(
                f"{self._path} is not a camera device; the camera setting needs an index "
                "(camera:0) or a /dev/videoN path."
            )
        return int(match.group(1))

    def open(self) -> None:
        self.close()
        if not os.path.exists(self._path):
            raise SourceMissing(self._missing_message())
        index = self._index()
        if not os.access(self._path, os.R_OK | os.W_OK):
            raise SourceFailed(
                f"No permission to use the camera {self._path}: add the kiosk user to the "
                "'video' group and log in again."
            )
        cap = cv2.VideoCapture(index, cv2.CAP_V4L2)
        if not cap.isOpened():
            cap.release()
            raise SourceFailed(
                f"The camera {self._path} is there but could not be opened; another program "
                "may be using it, or it is not a capture device (try the next /dev/videoN)."
            )
        width, height, fps, fourcc, buffer_size = self._request
        cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*fourcc))
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        if fps:
            cap.set(cv2.CAP_PROP_FPS, fps)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, buffer_size)
        cap.set(cv2.CAP_PROP_READ_TIMEOUT_MSEC, READ_TIMEOUT_MS)
        self._cap = cap
        self._seq = 0
        self._info = SourceInfo(
            uri=self.uri,
            width=int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)),
            height=int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)),
            fps=float(cap.get(cv2.CAP_PROP_FPS)),
            fourcc=_fourcc_text(cap.get(cv2.CAP_PROP_FOURCC)),
            detail=f"V4L2 {self._path}, {int(cap.get(cv2.CAP_PROP_BUFFERSIZE))} buffer(s)",
        )

    def read(self) -> Frame | None:
        if self._cap is None:
            raise SourceFailed(f"The camera {self._path} is not open.")
        ok, image = self._cap.read()
        captured = time.monotonic()
        if not ok or image is None:
            if not os.path.exists(self._path):
                raise SourceMissing(
                    f"The camera {self._path} was unplugged; plug it back in and it will be "
                    "used again."
                )
            raise SourceFailed(
                f"The camera {self._path} stopped delivering frames; check its cable, or "
                "unplug it and plug it back in."
            )
        info = self._info
        if info is not None and (info.width, info.height) != (image.shape[1], image.shape[0]):
            self._info = SourceInfo(
                info.uri, image.shape[1], image.shape[0], info.fps, info.fourcc, info.detail
            )
        frame = Frame(as_image(image), self._seq, self._seq, captured)
        self._seq += 1
        return frame

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None

    def describe(self) -> SourceInfo:
        if self._info is None:
            return SourceInfo(self.uri, 0, 0, 0.0, detail="not open")
        return self._info
