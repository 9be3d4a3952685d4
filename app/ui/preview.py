"""The live camera picture on the Ready screen, with a frame drawn around each code read."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

if TYPE_CHECKING:
    from hardware.camera.pipeline import PreviewFrame

CODE_COLOUR = QColor("#1f7a3a")


def to_qimage(image: np.ndarray) -> QImage:
    """A QImage that owns a copy of a grayscale or BGR ``uint8`` camera image."""
    data = np.ascontiguousarray(image, dtype=np.uint8)
    height, width = data.shape[:2]
    if data.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    elif data.ndim == 3 and data.shape[2] == 3:
        fmt = QImage.Format.Format_BGR888
    else:
        raise ValueError(f"unsupported camera image shape {data.shape}")
    return QImage(data.data, width, height, data.strides[0], fmt).copy()


class CameraPreview(QLabel):
    """Shows preview frames scaled to fit; hidden until the first frame arrives."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(160, 120)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.codes_shown = 0
        self.hide()

    def show_frame(self, preview: PreviewFrame) -> None:
        pixmap = QPixmap.fromImage(to_qimage(preview.frame.image))
        self.codes_shown = len(preview.codes)
        if preview.codes:
            painter = QPainter(pixmap)
            pen = QPen(CODE_COLOUR)
            pen.setWidth(max(3, pixmap.width() // 160))
            painter.setPen(pen)
            for code in preview.codes:
                painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in code.corners]))
            painter.end()
        self.setPixmap(
            pixmap.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )
        self.show()
