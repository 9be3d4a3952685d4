"""Decode QR codes in image files, for ``stamp-terminal decode IMAGE...`` and for checking."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hardware.camera.decoders import DEFAULT_DECODER, QrDecoder, as_gray, make_decoder
from hardware.camera.files import read_image


def decode_file(path: Path, decoder: QrDecoder) -> dict[str, Any]:
    """One file's entry: ``file``, ``codes`` (``DecodedCode.as_dict``), ``ms``; or ``error``."""
    entry: dict[str, Any] = {"file": str(path), "codes": [], "ms": None}
    try:
        image = read_image(path)
    except FileNotFoundError:
        entry["error"] = "no such file"
        return entry
    except IsADirectoryError:
        entry["error"] = "a directory, not an image"
        return entry
    except OSError as exc:
        entry["error"] = f"cannot be read: {exc.strerror or exc}"
        return entry
    except ValueError as exc:
        entry["error"] = str(exc)
        return entry
    started = time.perf_counter()
    try:
        codes = decoder.decode(as_gray(image))
    except Exception as exc:  # noqa: BLE001 - reported in the entry, like an unreadable file
        entry["error"] = f"the {decoder.name} decoder failed: {type(exc).__name__}: {exc}"
        return entry
    entry["ms"] = round((time.perf_counter() - started) * 1000, 2)
    entry["codes"] = [code.as_dict() for code in codes]
    return entry


def decode_files(
    paths: Iterable[str | Path], decoder_name: str = DEFAULT_DECODER
) -> list[dict[str, Any]]:
    """Decode each image; a file that cannot be read gets an ``error`` entry, not an exception.

    An unknown decoder name raises ``ValueError``, an uninstalled one ``DecoderUnavailable``.
    """
    decoder = make_decoder(decoder_name)
    return [decode_file(Path(path), decoder) for path in paths]
