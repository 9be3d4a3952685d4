"""A guided, headless demonstration on its own database: what happens at the counter."""

from __future__ import annotations

import dataclasses
import io
import json
import uuid
from pathlib import Path
from typing import Any

import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import paths
from app.config import Config
from app.domain import card_code
from app.domain.events import EventState
from app.domain.scan import Scan, ScanKind
from app.policy.payload import Refusal
from app.store.writer import StoreWriter
from app.terminal import Terminal

DEMO_BASE_URL = "https://stamps.example/"
_DEMO_NAMESPACE = uuid.UUID("6f1c7d52-4f0e-4c43-9a59-5d1f0d3c2b10")


def _demo_key(directory: Path) -> Ed25519PrivateKey:
    key_file = directory / "demo-card-signing-key.pem"
    if key_file.exists():
        return card_code.private_key_from_text(key_file.read_text(encoding="ascii"))
    key = card_code.generate_private_key()
    directory.mkdir(parents=True, exist_ok=True)
    key_file.write_text(card_code.private_key_to_text(key), encoding="ascii")
    return key


def _qr_text(data: str) -> str:
    qr = qrcode.QRCode(border=1)
    qr.add_data(data)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    return out.getvalue()


def run_demo(config: Config, *, json_output: bool = False) -> int:
    """Scan a signed card, a repeat, a manual entry and a foreign code; print what happened."""
    directory = paths.data_dir() / "demo"
    key = _demo_key(directory)
    public = card_code.public_key_to_text(key.public_key())
    config = dataclasses.replace(config, card_public_key=public, require_signed_codes=True)
    card_id = str(uuid.uuid5(_DEMO_NAMESPACE, "customer-1"))
    url = card_code.card_url(DEMO_BASE_URL, card_id, card_code.sign_card_id(key, card_id))
    steps: list[dict[str, Any]] = []

    def say(text: str) -> None:
        if not json_output:
            print(text)

    writer = StoreWriter.open(directory / paths.DATABASE_NAME)
    try:
        terminal = Terminal(config, writer)
        say(f"Demo database: {directory / paths.DATABASE_NAME}\n")
        say("The customer shows this card code (a signed card URL):")
        say(_qr_text(url))
        say(url + "\n")
        scans = [
            ("customer shows the card", Scan(ScanKind.QR, url, source="demo"), 2),
            ("the camera sees the same code again", Scan(ScanKind.QR, url, source="demo"), 1),
            ("a code that is not a card", Scan(ScanKind.QR, "WIFI:S:cafe;T:WPA;P:x;;"), 1),
            ("a forged card code", Scan(ScanKind.QR, url[:-4] + "AAAA", source="demo"), 1),
        ]
        for label, scan, count in scans:
            found = terminal.identify(scan)
            if isinstance(found, Refusal):
                steps.append({"step": label, "refused": found.code, "message": found.message})
                say(f"- {label}: refused - {found.message}")
                continue
            recorded = terminal.stamp(found.card_instance_id, count, source="demo")
            if recorded.refused:
                code, message = recorded.verdict.code, recorded.verdict.message
                steps.append({"step": label, "refused": code, "message": message})
                say(f"- {label}: refused - {message}")
                continue
            stamps = None if recorded.card is None else recorded.card.stamps
            steps.append(
                {
                    "step": label,
                    "eventIds": [e.event_id for e in recorded.events],
                    "stamps": stamps,
                }
            )
            say(
                f"- {label}: {count} stamp(s) committed to the outbox "
                f"(card now shows {stamps}); events wait to be synced"
            )
        counts = writer.call(lambda o: o.counts())
    finally:
        writer.close()
    queue = {state.value: counts[state] for state in EventState}
    if json_output:
        print(json.dumps({"cardUrl": url, "steps": steps, "queue": queue}))
    else:
        say("\nOutbox: " + ", ".join(f"{n} {state}" for state, n in queue.items()))
    return 0
