"""Device diagnostics of the command line: ``decode``, ``devices``, ``nfc read|write``."""

from __future__ import annotations

import argparse
import glob
import json
import threading
import time
from typing import Any

from app.config import Config
from app.errors import ConfigError, StampTerminalError

EXIT_NOTHING = 1
EXIT_DEVICE = 7


class DeviceProblem(StampTerminalError):
    """A device could not be used; the message says what to check."""


def add_device_commands(sub: Any) -> None:
    """Register the diagnostics an installer runs."""
    decode = sub.add_parser("decode", help="decode QR codes in image files, one JSON line each")
    decode.add_argument("images", nargs="+", metavar="IMAGE")
    decode.add_argument("--decoder", help="zxing (default from the settings) or pyzbar")

    devices = sub.add_parser("devices", help="cameras, NFC readers and scanners, and their state")
    devices.add_argument("--wait", type=float, default=3.0, help="seconds to let devices open")
    devices.add_argument("--json", action="store_true")

    nfc = sub.add_parser("nfc", help="read or write one NFC tag")
    nfc_sub = nfc.add_subparsers(dest="nfc_command", required=True, metavar="ACTION")
    read = nfc_sub.add_parser("read", help="wait for one tag and print it as JSON")
    read.add_argument("--device", help="reader URI (default: the nfc_device setting)")
    read.add_argument("--timeout", type=float, default=10.0)
    write = nfc_sub.add_parser("write", help="write a card URL onto a blank NTAG21x")
    write.add_argument("url")
    write.add_argument("--device", help="reader URI (default: the nfc_device setting)")
    write.add_argument("--timeout", type=float, default=10.0)
    write.add_argument("--overwrite", action="store_true", help="replace what the tag holds")


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
    return 0 if any(r.get("codes") for r in results) else EXIT_NOTHING


def run_nfc(config: Config, args: argparse.Namespace) -> int:
    """``nfc read`` / ``nfc write``; a reader problem is exit 7 with the reader's message."""
    from hardware.nfc import NfcError, read_one, write_url  # noqa: PLC0415 - nfcpy only here

    uri = args.device or config.nfc_device
    try:
        if args.nfc_command == "read":
            tag = read_one(uri, args.timeout)
            if tag is None:
                raise DeviceProblem(f"no tag was presented to {uri} within {args.timeout:g} s")
            print(json.dumps(tag))
            return 0
        print(json.dumps(write_url(uri, args.url, args.timeout, overwrite=args.overwrite)))
    except NfcError as exc:
        raise DeviceProblem(exc.message) from None
    return 0


def _probe(uris: list[tuple[str, str]], decoder: str, wait: float) -> list[dict[str, Any]]:
    """Start each configured device, give it ``wait`` seconds, and report its state."""
    from hardware.device import DeviceStatus  # noqa: PLC0415
    from hardware.factory import open_device  # noqa: PLC0415

    devices = [(role, open_device(uri, decoder=decoder)) for role, uri in uris if uri]
    settled = threading.Event()
    for _role, device in devices:
        device.start(lambda scan: None, lambda state: settled.set())
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if all(d.state.status is not DeviceStatus.STOPPED for _r, d in devices):
            break
        settled.wait(0.05)
        settled.clear()
    report = [
        {
            "role": role,
            "uri": d.state.uri,
            "state": d.state.status.value,
            "message": d.state.message,
        }
        for role, d in devices
    ]
    for _role, device in devices:
        device.stop()
    return report


def run_devices(config: Config, args: argparse.Namespace) -> int:
    """``devices``: what is plugged in, and the state of each configured device."""
    found = {
        "cameras": sorted(glob.glob("/dev/video*")),
        "cameraLinks": sorted(glob.glob("/dev/v4l/by-id/*")),
        "keyboards": sorted(glob.glob("/dev/input/by-id/*-event-kbd")),
    }
    configured = [
        ("camera", config.camera),
        ("nfc", config.nfc_device),
        ("scanner", config.wedge_device),
    ]
    states = _probe(configured, config.decoder, args.wait)
    if args.json:
        print(json.dumps({"found": found, "configured": states}))
    else:
        for kind, paths in found.items():
            print(f"{kind:<12} {', '.join(paths) or 'none found'}")
        for entry in states:
            line = f"{entry['role']:<8} {entry['uri']:<28} {entry['state']}"
            print(line + (f" - {entry['message']}" if entry["message"] else ""))
    return 0 if all(e["state"] == "ready" for e in states) else EXIT_DEVICE
