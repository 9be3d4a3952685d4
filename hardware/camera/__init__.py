"""Camera QR reading: frame sources, decoders, and the reader device that joins them.

``QrReader(uri, decoder=...)`` is the device; ``frame_source_for`` / ``open_frame_source`` pick
a source by URI (``camera:0``, ``video:FILE``, ``images:FOLDER``); ``make_decoder`` picks a
decoder by name; ``decode_files`` decodes image files for the command line.
"""

from hardware.camera.decoders import (
    DECODER_NAMES,
    DEFAULT_DECODER,
    DecodedCode,
    DecoderUnavailable,
    OpenCvDecoder,
    PyzbarDecoder,
    QrDecoder,
    ZxingDecoder,
    make_decoder,
)
from hardware.camera.files import ImageFolderSource, VideoFileSource
from hardware.camera.frames import (
    Frame,
    FrameSource,
    FrameSourceError,
    SourceFailed,
    SourceInfo,
    SourceMissing,
)
from hardware.camera.pipeline import PreviewFrame
from hardware.camera.reader import PreviewCallback, QrReader, ReaderStats
from hardware.camera.stills import decode_files
from hardware.camera.uri import frame_source_for, open_frame_source
from hardware.camera.v4l2 import CameraSource

__all__ = [
    "DECODER_NAMES",
    "DEFAULT_DECODER",
    "CameraSource",
    "DecodedCode",
    "DecoderUnavailable",
    "Frame",
    "FrameSource",
    "FrameSourceError",
    "ImageFolderSource",
    "OpenCvDecoder",
    "PreviewCallback",
    "PreviewFrame",
    "PyzbarDecoder",
    "QrDecoder",
    "QrReader",
    "ReaderStats",
    "SourceFailed",
    "SourceInfo",
    "SourceMissing",
    "VideoFileSource",
    "ZxingDecoder",
    "decode_files",
    "frame_source_for",
    "make_decoder",
    "open_frame_source",
]
