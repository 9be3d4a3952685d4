"""A QR code as a crisp picture: every module an exact square of whole pixels, quiet zone kept."""

from __future__ import annotations

import numpy as np
import qrcode
from PySide6.QtGui import QImage, QPixmap

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_modules(text: str, border: int = QUIET_ZONE) -> np.ndarray:
    """The code's modules (True: dark) with ``border`` light modules around them."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    return np.array(code.get_matrix(), dtype=bool)


def module_scale(modules: int, max_px: int) -> int:
    """The largest whole number of pixels per module that fits ``max_px`` (at least 1)."""
    return max(1, max_px // max(1, modules))


def qr_image(text: str, max_px: int) -> QImage:
    """Black on white, each module ``module_scale`` pixels square: no smoothing, no blur."""
    modules = qr_modules(text)
    scale = module_scale(len(modules), max_px)
    pixels = np.where(modules, 0, 255).astype(np.uint8)
    pixels = np.ascontiguousarray(np.repeat(np.repeat(pixels, scale, axis=0), scale, axis=1))
    height, width = pixels.shape
    image = QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8)
    return image.copy()  # the QImage must not keep pointing into the numpy buffer


def qr_pixmap(text: str, max_px: int) -> QPixmap:
    return QPixmap.fromImage(qr_image(text, max_px))
