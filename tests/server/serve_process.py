"""``stamp-server`` as real processes with chosen options, for the deployment tests.

``ServeProcess`` runs ``python -m server serve`` on a free loopback port with its own standard
output and standard error files, waits until ``/readyz`` answers 200, and stops it with SIGTERM
as a service manager would, returning the exit code. ``run_cli`` runs any other command.
Several processes may share one home directory (the card-signing key) and one database.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
from live_server import free_port

STOP_SECONDS = 60.0


def server_env(home: Path, database_url: str | None, **extra: str) -> dict[str, str]:
    """The environment of a server command: no inherited STAMP_SERVER_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAMP_SERVER_")}
    env["STAMP_SERVER_HOME"] = str(home)
    if database_url:
        env["STAMP_SERVER_DATABASE_URL"] = database_url
    env.update(extra)
    return env


def run_cli(env: Mapping[str, str], *argv: str) -> Any:
    """``stamp-server ARGV`` in a subprocess; its JSON output, or an error with its stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "server", *argv],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"stamp-server {argv[0]} failed ({done.returncode}): {done.stderr}")
    return json.loads(done.stdout)


class ServeProcess:
    """One ``stamp-server serve`` process; ``options`` are extra command-line arguments."""

    def __init__(
        self,
        env: Mapping[str, str],
        logs: Path,
        *options: str,
        name: str = "server",
        port: int | None = None,
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.argv = [sys.executable, "-m", "server", "serve", *options]
        if port is None:
            self.argv += ["--host", "127.0.0.1", "--port", str(self.port)]
        self.env = dict(env)
        logs.mkdir(parents=True, exist_ok=True)
        self.stdout_path = logs / f"{name}.out"
        self.stderr_path = logs / f"{name}.err"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the process (without waiting for it to answer)."""
        assert self.process is None, "already running"
        with self.stdout_path.open("ab") as out, self.stderr_path.open("ab") as err:
            self.process = subprocess.Popen(self.argv, env=self.env, stdout=out, stderr=err)

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Wait until ``/readyz`` answers 200; an error with the log's end if it never does."""
        assert self.process is not None, "not started"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.stderr()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the server did not get ready: {self.stderr()[-2000:]}")

    def signal_stop(self) -> None:
        """SIGTERM, as ``systemctl stop`` sends it."""
        assert self.process is not None, "not started"
        self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout: float = STOP_SECONDS) -> int:
        """The exit code once the process has ended (SIGKILL after ``timeout``)."""
        assert self.process is not None, "not started"
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        finally:
            self.process = None
        return code

    def stop(self, timeout: float = STOP_SECONDS) -> int:
        """SIGTERM and the exit code."""
        self.signal_stop()
        return self.wait(timeout)

    def ensure_stopped(self) -> None:
        """For clean-up: stop the process if it still runs, whatever happens."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.stop(STOP_SECONDS)
        self.process = None

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")
