"""Device diagnostics of the command line: ``decode``, ``devices``, ``nfc read|write``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.config import Config
from app.errors import ConfigError


def add_device_commands(sub: Any) -> None:
    """Register the diagnostics an installer runs."""
    decode = sub.add_parser("decode", help="decode QR codes in image files, one JSON line each")
    decode.add_argument("images", nargs="+", metavar="IMAGE")
    decode.add_argument("--decoder", help="zxing (default from the settings) or pyzbar")


def run_decode(config: Config, args: argparse.Namespace) -> int:
    """``decode IMAGE...``: one JSON line per image; exit 1 when no image held a code."""
    from hardware.camera import DecoderUnavailable, decode_files  # noqa: PLC0415 - heavy

    name = args.decoder or config.decoder
    try:
        results = decode_files(args.images, name)
    except (ValueError, DecoderUnavailable) as exc:
        raise ConfigError(f"decoder '{name}': {exc}") from None
    for result in results:
        print(json.dumps(result))
    return 0 if any(r.get("codes") for r in results) else 1
