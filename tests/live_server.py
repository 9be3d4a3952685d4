"""The reference server as a real process on loopback, for end-to-end tests.

``LiveServer`` migrates a database, creates the demo shop (``stamp-server init-demo``) and runs
``stamp-server serve`` (uvicorn) in a subprocess on a free port. It can be stopped, killed with
SIGKILL and started again on the same port and database, as a server restart would.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """One server process with its own home directory and database."""

    def __init__(self, home: Path, database_url: str | None = None) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "STAMP_SERVER_HOME": str(home),
            "STAMP_SERVER_PUBLIC_URL": self.url,
        }
        if database_url:
            self.env["STAMP_SERVER_DATABASE_URL"] = database_url
        self.process: subprocess.Popen[bytes] | None = None
        self.log = home / "server.log"
        self.demo: dict[str, Any] = {}

    def cli(self, *argv: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "server", *argv],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"stamp-server {' '.join(argv)} failed: {done.stderr[-2000:]}")
        return done.stdout

    def prepare(self) -> dict[str, Any]:
        self.home.mkdir(parents=True, exist_ok=True)
        self.cli("migrate")
        self.demo = json.loads(self.cli("init-demo"))
        return self.demo

    def start(self, timeout: float = 30.0) -> None:
        assert self.process is None, "already running"
        log = self.log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=self.env,
            stdout=log,
            stderr=log,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log.read_text()[-2000:]}")
            try:
                httpx.get(f"{self.url}/openapi.json", timeout=1.0)
            except httpx.TransportError:
                time.sleep(0.05)
                continue
            return
        raise RuntimeError(f"the server did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        """Graceful stop (SIGTERM), as a service manager would."""
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def kill(self) -> None:
        """SIGKILL: the server dies mid-request."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def terminal_headers(self) -> dict[str, str]:
        return {
            "api-key": self.demo["apiKey"],
            "Authorization": f"Bearer {self.demo['terminalToken']}",
        }

    def post(self, operation: str, body: dict[str, Any]) -> dict[str, Any]:
        """One call of the stamp API with the demo terminal's credentials."""
        answer = httpx.post(
            f"{self.url}/stamp/v2/{operation}",
            json=body,
            headers=self.terminal_headers(),
            timeout=30,
        )
        answer.raise_for_status()
        data: dict[str, Any] = answer.json()
        return data


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A migrated server with the demo shop, running on loopback."""
    server = LiveServer(tmp_path / "server-home")
    server.prepare()
    server.start()
    try:
        yield server
    finally:
        server.stop()
