"""A guided, headless demonstration: a counter offline, then the network comes back.

It sets up the reference server's demo shop in its own directory, scans that shop's signed card
code (and a repeat, a foreign code and a forged one) with the server not running, then starts
the server, syncs once and shows that the server holds exactly the stamps the counter recorded.
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import qrcode

from app import paths
from app.config import Config
from app.domain.events import EventState
from app.domain.scan import Scan, ScanKind
from app.policy.payload import Refusal
from app.store.writer import StoreWriter
from app.sync.factory import http_client, sync_worker
from app.terminal import Terminal


def _qr_text(data: str) -> str:
    qr = qrcode.QRCode(border=1)
    qr.add_data(data)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    return out.getvalue()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DemoServer:
    """The reference server in a subprocess, on loopback, with its own data directory."""

    def __init__(self, home: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "STAMP_SERVER_HOME": str(home),
            "STAMP_SERVER_PUBLIC_URL": self.url,
        }
        self.process: subprocess.Popen[bytes] | None = None

    def init_demo(self) -> dict[str, Any]:
        done = subprocess.run(
            [sys.executable, "-m", "server", "init-demo"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        shop: dict[str, Any] = json.loads(done.stdout)
        return shop

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
            [sys.executable, "-m", "server", "serve", "--port", str(self.port)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/openapi.json", timeout=1.0)
            except httpx.TransportError:
                time.sleep(0.1)
            else:
                return
        raise RuntimeError("the demo server did not start within 30 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(15)


def _scan_steps(terminal: Terminal, url: str, say: Callable[[str], None]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
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
        ids = [e.event_id for e in recorded.events]
        steps.append({"step": label, "eventIds": ids, "stamps": stamps})
        say(f"- {label}: {count} stamp(s) committed to the outbox; the card shows {stamps}")
    return steps


def run_demo(config: Config, *, json_output: bool = False) -> int:
    """The whole offline-first story on a demo server and a demo terminal database."""
    directory = paths.data_dir() / "demo" / str(int(time.time()))

    def say(text: str) -> None:
        if not json_output:
            print(text, flush=True)

    server = DemoServer(directory / "server")
    shop = server.init_demo()
    config = Config(
        server_url=server.url,
        api_key=shop["apiKey"],
        terminal_token=shop["terminalToken"],
        stamp_value=shop["stampValue"],
        card_public_key=shop["publicKey"],
        require_signed_codes=True,
        debounce_seconds=config.debounce_seconds,
    )
    url = shop["cardUrl"]
    say(f"Demo shop and terminal in {directory}\n")
    say("The customer shows this card code (a signed card URL):")
    say(_qr_text(url))
    say(url + "\n")
    say("The network is down. The counter keeps working:")
    with StoreWriter.open(directory / paths.DATABASE_NAME) as writer:
        steps = _scan_steps(Terminal(config, writer), url, say)
        before = writer.call(lambda o: o.counts())[EventState.PENDING]
        say(f"\nOutbox: {before} pending. The network comes back; the reference server starts.")
        server.start()
        try:
            with http_client(config) as http:
                report = sync_worker(config, writer, http).sync_once()
                remote = http.post(
                    "/stamp/v2/lookupCard",
                    json={"cardInstanceId": shop["cardInstanceId"]},
                    headers={
                        "api-key": config.api_key,
                        "Authorization": f"Bearer {config.terminal_token}",
                    },
                ).json()["cardInstance"]
        finally:
            server.stop()
        card = writer.call(lambda o: o.card(shop["cardInstanceId"]))
        queue = {s.value: n for s, n in writer.call(lambda o: o.counts()).items()}
    local = None if card is None else card.stamps
    say(f"Sync: {report.state.value}, {report.sent} sent, {report.rejected} rejected")
    say(
        f"Server card: {remote['currentStamps']} of {remote['totalStamps']} stamps; "
        f"terminal shows {local}"
    )
    say("Outbox: " + ", ".join(f"{n} {state}" for state, n in queue.items()))
    if json_output:
        print(
            json.dumps(
                {
                    "cardUrl": url,
                    "steps": steps,
                    "sync": {"state": report.state.value, "sent": report.sent},
                    "serverStamps": remote["currentStamps"],
                    "terminalStamps": local,
                    "queue": queue,
                }
            )
        )
    return 0 if report.state.value == "online" else 5
