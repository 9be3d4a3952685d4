"""QR decoders behind one small protocol, picked by name: zxing-cpp, pyzbar, OpenCV.

Each decoder takes a grayscale or BGR ``uint8`` image and returns what it read, with the
corners of each code in image pixels. The libraries are imported when a decoder is made, so a
missing library (pyzbar without the system's ``libzbar0``) is a clear error for that decoder
only, never an import error for the terminal.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Protocol, cast

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]
Point = tuple[float, float]

DEFAULT_DECODER = "zxing"
DECODER_NAMES = ("zxing", "pyzbar", "opencv", "zxing+pyzbar")
"""Names ``make_decoder`` accepts; the terminal's settings offer the first two."""


class DecoderUnavailable(RuntimeError):
    """The decoder's library is not installed; the message says what to install."""


@dataclass(frozen=True, slots=True)
class DecodedCode:
    """One code read from an image: its bytes, their UTF-8 text if they are UTF-8, its corners."""

    raw: bytes
    text: str | None
    corners: tuple[Point, ...]

    @classmethod
    def from_bytes(cls, raw: bytes, corners: tuple[Point, ...]) -> DecodedCode:
        try:
            text: str | None = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        return cls(raw, text, corners)

    @property
    def payload(self) -> str | bytes:
        """What a scan carries: the text, or the raw bytes when they are not UTF-8."""
        return self.text if self.text is not None else self.raw

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form: ``text`` (None for binary content), ``hex``, ``corners``."""
        return {
            "text": self.text,
            "hex": self.raw.hex(),
            "corners": [[round(x, 1), round(y, 1)] for x, y in self.corners],
        }


class QrDecoder(Protocol):
    """Reads every QR code in one image; may raise, and the caller counts that as an error."""

    name: str

    def decode(self, image: Image) -> list[DecodedCode]: ...


def as_image(array: object) -> Image:
    """An OpenCV result as an 8-bit image; ``ValueError`` for any other pixel type."""
    image = np.asarray(array)
    if image.dtype != np.uint8:
        raise ValueError(f"Expected an 8-bit image, not {image.dtype}.")
    return cast(Image, image)


def as_gray(image: Image) -> Image:
    """The image as one contiguous 8-bit channel (BGR and BGRA are converted)."""
    if image.ndim == 2:
        return np.ascontiguousarray(image)
    if image.ndim == 3 and image.shape[2] == 3:
        return as_image(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
    if image.ndim == 3 and image.shape[2] == 4:
        return as_image(cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY))
    raise ValueError(f"Expected a grayscale, BGR or BGRA image, not shape {image.shape}.")


def _import(module: str, missing: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise DecoderUnavailable(f"{missing} ({exc})") from exc


class ZxingDecoder:
    """zxing-cpp: the fastest on frames without a code and the best reader; releases the GIL."""

    name = "zxing"

    def __init__(self, *, try_invert: bool = True, try_downscale: bool = True) -> None:
        self._zxing = _import("zxingcpp", "The zxing decoder needs: pip install zxing-cpp")
        self._format = self._zxing.BarcodeFormat.QRCode
        self._try_invert = try_invert
        self._try_downscale = try_downscale

    def decode(self, image: Image) -> list[DecodedCode]:
        found = self._zxing.read_barcodes(
            np.ascontiguousarray(image),
            formats=self._format,
            try_rotate=False,
            try_invert=self._try_invert,
            try_downscale=self._try_downscale,
        )
        codes = []
        for barcode in found:
            p = barcode.position
            corners = tuple(
                (float(q.x), float(q.y))
                for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
            )
            codes.append(DecodedCode.from_bytes(bytes(barcode.bytes), corners))
        return codes


class PyzbarDecoder:
    """pyzbar over the system's zbar library; reads some codes zxing-cpp misses, ~10x slower.

    zbar hands back text it has already converted to UTF-8, so raw binary content is not kept.
    """

    name = "pyzbar"

    def __init__(self) -> None:
        try:
            self._pyzbar = importlib.import_module("pyzbar.pyzbar")
        except ImportError as exc:
            if "zbar shared library" in str(exc):
                raise DecoderUnavailable(
                    "The pyzbar decoder needs the system library libzbar0, which is not "
                    "installed: run 'sudo apt install libzbar0' (Debian/Ubuntu), or choose the "
                    "zxing decoder."
                ) from exc
            raise DecoderUnavailable(
                f"The pyzbar decoder needs the Python package pyzbar: pip install pyzbar ({exc})"
            ) from exc
        self._symbols = [self._pyzbar.ZBarSymbol.QRCODE]

    def decode(self, image: Image) -> list[DecodedCode]:
        found = self._pyzbar.decode(as_gray(image), symbols=self._symbols)
        codes = []
        for symbol in found:
            corners = tuple((float(q.x), float(q.y)) for q in symbol.polygon)
            codes.append(DecodedCode.from_bytes(bytes(symbol.data), corners))
        return codes


class OpenCvDecoder:
    """OpenCV's ``QRCodeDetector``: a baseline for the bench; slower and reads fewer codes."""

    name = "opencv"

    def __init__(self) -> None:
        self._detector = cv2.QRCodeDetector()

    def decode(self, image: Image) -> list[DecodedCode]:
        ok, contents, points, _ = self._detector.detectAndDecodeBytesMulti(image)
        if not ok or points is None:
            return []
        codes = []
        for content, quad in zip(contents, points, strict=True):
            raw = bytes(content)
            if raw:
                corners = tuple((float(x), float(y)) for x, y in np.asarray(quad).reshape(-1, 2))
                codes.append(DecodedCode.from_bytes(raw, corners))
        return codes


class FallbackDecoder:
    """Asks a second decoder only when the first read nothing (zxing-cpp, then pyzbar)."""

    def __init__(self, first: QrDecoder, second: QrDecoder) -> None:
        self.name = f"{first.name}+{second.name}"
        self._first = first
        self._second = second

    def decode(self, image: Image) -> list[DecodedCode]:
        return self._first.decode(image) or self._second.decode(image)


def make_decoder(name: str = DEFAULT_DECODER) -> QrDecoder:
    """A decoder by name (see ``DECODER_NAMES``); ``DecoderUnavailable`` if its library is not."""
    if name == "zxing":
        return ZxingDecoder()
    if name == "pyzbar":
        return PyzbarDecoder()
    if name == "opencv":
        return OpenCvDecoder()
    if name == "zxing+pyzbar":
        return FallbackDecoder(ZxingDecoder(), PyzbarDecoder())
    raise ValueError(f"Unknown QR decoder {name!r}; choose one of {', '.join(DECODER_NAMES)}.")
