"""The reference server for the kiosk demonstration: a subprocess on loopback with a demo shop.

``DemoServer`` runs ``stamp-server`` (``python -m server``) with its own data directory, on a
free loopback port, never on a database of the person running the demo (every
``STAMP_SERVER_*`` variable of the environment is dropped). ``open_demo_shop`` creates the demo
shop (``stamp-server init-demo``), starts the server and issues the demo customers' cards
through the stamp API, with the stamps they already have.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from app.domain.dates import format_api_datetime
from app.errors import StampTerminalError

START_SECONDS = 30.0
STOP_SECONDS = 10.0
ISSUE_CARD_PATH = "/api/stamp/v1/create"
REPORT_PATH = "/stamp/v2/reportMultiStampEvents"
REGISTER_TAG_PATH = "/stamp/v2/registerTag"


class DemoError(StampTerminalError):
    """The demonstration could not be set up; the message says what failed and what to do."""


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Run as ``python -c DYING_WITH_PARENT <parent pid> <program> <arguments...>``: on Linux the
# process asks to be sent SIGTERM when the process that started it dies (even by SIGKILL), then
# becomes the program it was asked to run (the request survives ``execv``).
DYING_WITH_PARENT = """
import ctypes, os, signal, sys
ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
if os.getppid() != int(sys.argv[1]):
    sys.exit(0)  # the parent is already gone
os.execv(sys.argv[2], sys.argv[2:])
"""


def dying_with_parent(program: str, *arguments: str) -> list[str]:
    """The command line for ``program`` (a full path); on Linux it ends when this process ends."""
    if not sys.platform.startswith("linux"):
        return [program, *arguments]
    return [sys.executable, "-c", DYING_WITH_PARENT, str(os.getpid()), program, *arguments]


def python_command(*arguments: str) -> list[str]:
    """This interpreter with ``arguments``; on Linux it ends when this process ends."""
    return dying_with_parent(sys.executable, *arguments)


def _log_tail(path: Path, chars: int = 600) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return " ".join(text[-chars:].split())


class DemoServer:
    """``stamp-server`` in a subprocess with its own home directory, on a free loopback port."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = home / "server.log"
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("STAMP_SERVER_")}
        self.env = {
            **inherited,
            "STAMP_SERVER_HOME": str(home),
            "STAMP_SERVER_PUBLIC_URL": self.url,
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid

    def init_demo(self) -> dict[str, Any]:
        """Create the demo shop in the server's database (migrated first) and return it."""
        self.home.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "server", "init-demo"],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DemoError(f"the demo shop could not be created ({exc})") from None
        if done.returncode != 0:
            detail = " ".join(done.stderr.strip().split())[-400:]
            raise DemoError(f"the demo shop could not be created: {detail}")
        shop: dict[str, Any] = json.loads(done.stdout)
        return shop

    def start(self, timeout: float = START_SECONDS) -> None:
        """Start serving and wait until the API answers; ``DemoError`` with the log's end."""
        self.home.mkdir(parents=True, exist_ok=True)
        port = str(self.port)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
                python_command("-m", "server", "serve", "--host", "127.0.0.1", "--port", port),
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # Ctrl+C reaches the demo, which stops the server
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.process = None
                raise DemoError(
                    f"the demo server stopped at start ({_log_tail(self.log)}); see {self.log}"
                )
            try:
                httpx.get(f"{self.url}/openapi.json", timeout=1.0)
            except httpx.TransportError:
                time.sleep(0.05)
                continue
            return
        self.stop()
        raise DemoError(f"the demo server did not answer within {timeout:g} s; see {self.log}")

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        """SIGTERM and wait, SIGKILL if it does not end; the process is always reaped."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True, slots=True)
class DemoCard:
    """One demo customer's card: how it is shown at the counter and what it already holds."""

    holder: str
    card_instance_id: str
    url: str
    phone: str
    stamps: int
    shown_by: str  # "camera" or "nfc"
    tag_uid: str = ""  # the NFC tag registered to the card (hex), for cards shown by NFC


@dataclass(frozen=True, slots=True)
class DemoShop:
    """The demo shop on the running server: the terminal's settings and the customers' cards."""

    server_url: str
    api_key: str = field(repr=False)
    terminal_token: str = field(repr=False)
    stamp_value: str
    public_key: str
    cards: tuple[DemoCard, ...]
    card_idx: int = 0
    dashboard_email: str = ""
    dashboard_password: str = field(default="", repr=False)

    def shown_by(self, device: str) -> list[DemoCard]:
        return [card for card in self.cards if card.shown_by == device]


@dataclass(frozen=True, slots=True)
class DemoCustomer:
    """A customer the demo shop has: name, phone, stamps already on the card, how it is shown.

    A card URL with its signature does not fit on an NTAG213, so a customer shown by NFC has a
    tag whose UID is registered to the card on the server (``tag_uid``, hex).
    """

    holder: str
    phone: str
    stamps: int
    shown_by: str
    tag_uid: str = ""


CUSTOMERS = (
    DemoCustomer("Alex", "+1 555 0100 101", 4, "camera"),
    DemoCustomer("Sam", "+1 555 0100 102", 9, "camera"),
    DemoCustomer("Noor", "+1 555 0100 103", 2, "nfc", tag_uid="04A1B2C3D4E5F6"),
)


def _answer(response: httpx.Response, operation: str) -> dict[str, Any]:
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    if response.status_code >= 400 or not isinstance(body, dict):
        raise DemoError(f"the demo server refused to {operation} (HTTP {response.status_code})")
    return body


def issue_card(
    http: httpx.Client, headers: dict[str, str], card_idx: int, customer: DemoCustomer
) -> tuple[str, str]:
    """Issue a card of the demo stamp card to ``customer``: its id and signed URL."""
    today = datetime.now(UTC).date()
    body = {
        "cardIdx": card_idx,
        "strtYmd": today.isoformat(),
        "endYmd": (today + timedelta(days=365)).isoformat(),
        "userId": f"demo-{customer.holder.lower()}",
        "userNm": customer.holder,
        "userPhnno": customer.phone,
    }
    answer = _answer(http.post(ISSUE_CARD_PATH, json=body, headers=headers), "issue a card")
    card_id, url = answer.get("result"), answer.get("cardUrl")
    if answer.get("code") != 0 or not isinstance(card_id, str) or not isinstance(url, str):
        raise DemoError(f"the demo server did not issue a card: {answer.get('message')}")
    return card_id, url


def add_stamps(http: httpx.Client, headers: dict[str, str], card_id: str, count: int) -> None:
    """Report ``count`` stamps for one earlier visit, as another terminal of the shop would."""
    if count <= 0:
        return
    when = format_api_datetime(datetime.now(UTC) - timedelta(days=1))
    events = [
        {
            "eventId": str(uuid.uuid4()),
            "cardInstanceId": card_id,
            "eventTime": when,
            "eventType": "STAMP",
        }
        for _ in range(count)
    ]
    answer = _answer(http.post(REPORT_PATH, json={"events": events}, headers=headers), "stamp")
    codes = {r.get("result", {}).get("code") for r in answer.get("eventResults", [])}
    if codes != {0}:
        raise DemoError("the demo server did not take the demo customers' earlier stamps")


def register_tag(http: httpx.Client, headers: dict[str, str], tag_uid: str, card_id: str) -> None:
    """Register an NFC tag's UID to a card, as the shop does when it hands out a tag."""
    body = {"tagUid": tag_uid, "cardInstanceId": card_id}
    _answer(http.post(REGISTER_TAG_PATH, json=body, headers=headers), "register a tag")


def open_demo_shop(server: DemoServer, customers: tuple[DemoCustomer, ...] = CUSTOMERS) -> DemoShop:
    """Create the demo shop, start the server and issue each customer's card with its stamps."""
    created = server.init_demo()
    server.start()
    headers = {
        "api-key": created["apiKey"],
        "Authorization": f"Bearer {created['terminalToken']}",
    }
    cards: list[DemoCard] = []
    try:
        with httpx.Client(base_url=server.url, timeout=30.0) as http:
            for c in customers:
                card_id, url = issue_card(http, headers, int(created["cardIdx"]), c)
                add_stamps(http, headers, card_id, c.stamps)
                if c.tag_uid:
                    register_tag(http, headers, c.tag_uid, card_id)
                cards.append(
                    DemoCard(c.holder, card_id, url, c.phone, c.stamps, c.shown_by, c.tag_uid)
                )
    except httpx.HTTPError as exc:
        raise DemoError(f"the demo server could not be reached ({type(exc).__name__})") from None
    return DemoShop(
        server_url=server.url,
        api_key=created["apiKey"],
        terminal_token=created["terminalToken"],
        stamp_value=created["stampValue"],
        public_key=created["publicKey"],
        cards=tuple(cards),
        card_idx=int(created["cardIdx"]),
        dashboard_email=created.get("dashboardEmail", ""),
        dashboard_password=created.get("dashboardPassword", ""),
    )
