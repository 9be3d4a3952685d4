"""Frame sources for demonstrations, tests and benches: a video file, a folder of images."""

from __future__ import annotations

import logging
import math
import time
from pathlib import Path

import cv2
import numpy as np

from hardware.camera.decoders import Image, as_image
from hardware.camera.frames import Frame, Pacer, SourceFailed, SourceInfo, SourceMissing

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff"})
DEFAULT_VIDEO_FPS = 30.0


def read_image(path: Path) -> Image:
    """Decode one image file as BGR; ``OSError`` or ``ValueError`` with a readable reason."""
    data = path.read_bytes()
    if not data:
        raise ValueError("the file is empty")
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError("not an image OpenCV can read (PNG, JPEG, BMP, WebP, TIFF)")
    return as_image(image)


class VideoFileSource:
    """A video file played at its own frame rate (``pace``) or as fast as it decodes.

    At the end it starts again (``loop``) or ends: ``read`` then returns None.
    """

    def __init__(
        self, path: str | Path, *, loop: bool = True, pace: bool = True, uri: str | None = None
    ) -> None:
        self.path = Path(path)
        self.uri = uri or f"video:{path}"
        self.loop = loop
        self.pace = pace
        self._cap: cv2.VideoCapture | None = None
        self._pacer: Pacer | None = None
        self._info: SourceInfo | None = None
        self._seq = 0
        self._index = 0

    def _open_capture(self) -> cv2.VideoCapture:
        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            cap.release()
            raise SourceFailed(f"The video file {self.path} cannot be played (not a video?).")
        return cap

    def open(self) -> None:
        self.close()
        if not self.path.is_file():
            raise SourceMissing(f"The video file {self.path} does not exist; check the path.")
        cap = self._open_capture()
        fps = float(cap.get(cv2.CAP_PROP_FPS))
        if not math.isfinite(fps) or fps <= 0:
            fps = DEFAULT_VIDEO_FPS
        self._cap = cap
        self._pacer = Pacer(fps) if self.pace else None
        self._seq = self._index = 0
        self._info = SourceInfo(
            uri=self.uri,
            width=int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)),
            height=int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)),
            fps=fps,
            detail=("paced" if self.pace else "unpaced") + (", looping" if self.loop else ""),
        )

    def read(self) -> Frame | None:
        if self._cap is None:
            raise SourceFailed(f"The video file {self.path} is not open.")
        if self._pacer is not None:
            self._pacer.wait()
        ok, image = self._cap.read()
        if not ok and self.loop and self._index > 0:
            self._cap.release()
            self._cap = self._open_capture()
            self._index = 0
            ok, image = self._cap.read()
        if not ok or image is None:
            if self._seq == 0:
                raise SourceFailed(f"The video file {self.path} holds no frames.")
            return None
        frame = Frame(as_image(image), self._seq, self._index, time.monotonic())
        self._seq += 1
        self._index += 1
        return frame

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None

    def describe(self) -> SourceInfo:
        return self._info or SourceInfo(self.uri, 0, 0, 0.0, detail="not open")


class ImageFolderSource:
    """The images of a folder in name order, each shown for one frame at ``fps``."""

    def __init__(
        self,
        folder: str | Path,
        *,
        fps: float = 2.0,
        loop: bool = True,
        pace: bool = True,
        uri: str | None = None,
    ) -> None:
        if fps <= 0:
            raise ValueError("An image folder's fps must be positive.")
        self.folder = Path(folder)
        self.uri = uri or f"images:{folder}"
        self.fps = fps
        self.loop = loop
        self.pace = pace
        self._files: list[Path] = []
        self._pacer: Pacer | None = None
        self._seq = 0
        self._index = 0
        self._size = (0, 0)

    def open(self) -> None:
        if not self.folder.is_dir():
            raise SourceMissing(f"The image folder {self.folder} does not exist; check the path.")
        files = sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not files:
            raise SourceFailed(
                f"The folder {self.folder} holds no images ({', '.join(sorted(IMAGE_SUFFIXES))})."
            )
        self._files = files
        self._pacer = Pacer(self.fps) if self.pace else None
        self._seq = self._index = 0

    def read(self) -> Frame | None:
        skipped = 0
        while True:
            if self._index >= len(self._files):
                if not self.loop or not self._files:
                    return None
                self._index = 0
            path = self._files[self._index]
            self._index += 1
            try:
                image = read_image(path)
            except (OSError, ValueError) as exc:
                log.warning("Skipping %s: %s", path, exc)
                skipped += 1
                if skipped >= len(self._files):
                    raise SourceFailed(f"No image in {self.folder} can be read.") from exc
                continue
            break
        if self._pacer is not None:
            self._pacer.wait()
        self._size = (image.shape[1], image.shape[0])
        frame = Frame(image, self._seq, self._index - 1, time.monotonic())
        self._seq += 1
        return frame

    def close(self) -> None:
        self._files = []

    def describe(self) -> SourceInfo:
        width, height = self._size
        count = f"{len(self._files)} images" + (", looping" if self.loop else "")
        return SourceInfo(self.uri, width, height, self.fps if self.pace else 0.0, detail=count)
