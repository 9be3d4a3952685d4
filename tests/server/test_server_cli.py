"""The ``stamp-server`` command line, and the real server started by ``serve`` over the network."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.cli import main
from server.db.migrate import head_revision
from server.settings import sqlite_url

HERE = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "cli.sqlite3")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "server-home"
    monkeypatch.setenv("STAMP_SERVER_HOME", str(path))
    return path


def test_an_explicit_database_must_be_migrated_first(
    capsys: pytest.CaptureFixture[str], db_url: str, home: Path
) -> None:
    code, _out, err = run(capsys, "merchant", "create", "--name", "X", "--database-url", db_url)
    assert code == 3
    assert "stamp-server migrate" in err
    code, _out, err = run(capsys, "serve", "--database-url", db_url)
    assert code == 3
    assert run(capsys, "migrate", "--database-url", db_url)[1] == {"revision": head_revision()}
    assert run(capsys, "migrate", "--database-url", db_url)[0] == 0


def test_init_demo_twice_on_the_embedded_default_makes_two_sets(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, first, _err = run(capsys, "init-demo")
    assert code == 0
    code, second, _err = run(capsys, "init-demo")
    assert code == 0
    keys = {
        "apiKey",
        "terminalToken",
        "userToken",
        "merchantId",
        "stampCardId",
        "cardIdx",
        "stampValue",
        "cardInstanceId",
        "cardUrl",
        "appId",
        "appSecret",
        "publicKey",
        "serverUrl",
    }
    assert keys <= set(first)
    assert first["serverUrl"] == "http://127.0.0.1:8080"
    assert first["cardUrl"].startswith(f"http://127.0.0.1:8080/c/{first['cardInstanceId']}.")
    assert first["merchantId"] != second["merchantId"]
    assert first["publicKey"] == second["publicKey"]
    assert second["cardIdx"] == first["cardIdx"] + 1
    assert (home / "stamp-server.sqlite3").exists()
    assert stat.S_IMODE((home / "card-signing-key.pem").stat().st_mode) == 0o600


def test_a_shop_sets_itself_up_with_admin_commands(
    capsys: pytest.CaptureFixture[str], db_url: str, home: Path
) -> None:
    run(capsys, "migrate", "--database-url", db_url)

    def admin(*argv: str) -> Any:
        code, out, err = run(capsys, *argv, "--database-url", db_url)
        assert code == 0, err
        return out

    merchant = admin("merchant", "create", "--name", "Corner Cafe")["merchantId"]
    store = admin(
        "store",
        "create",
        "--merchant-id",
        merchant,
        "--name",
        "Main St",
        "--latitude",
        "52.52",
        "--longitude",
        "13.405",
    )
    assert store["merchantId"] == merchant
    card = admin(
        "stamp-card",
        "create",
        "--merchant-id",
        merchant,
        "--name",
        "Coffee",
        "--cooldown-seconds",
        "60",
        "--max-stamps-per-day",
        "5",
    )
    assert [s["stampEventType"] for s in card["stamps"]] == ["STAMP", "REDEEM"]
    reward = admin(
        "reward",
        "create",
        "--stamp-card-id",
        card["stampCardId"],
        "--name",
        "Free",
        "--threshold",
        "8",
    )
    double = admin("stamp", "create", "--stamp-card-id", card["stampCardId"], "--award-stamps", "2")
    assert double["stampValue"]
    app = admin("app", "create", "--merchant-id", merchant)
    terminal = admin("terminal", "create", "--merchant-id", merchant)
    customer = admin("customer", "create", "--name", "Ann", "--stamp-card-id", card["stampCardId"])
    assert terminal["terminalToken"].startswith("trm_")
    assert app["apiKey"].startswith("key_") and len(app["appSecret"]) == 32
    assert customer["cardInstanceId"] and reward["threshold"] == 8
    assert admin("events", "list") == []
    code, _out, err = run(
        capsys, "store", "create", "--merchant-id", "nope", "--name", "x", "--database-url", db_url
    )
    assert code == 2
    assert "no merchant" in err


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def command() -> list[str]:
    """The ``stamp-server`` console script when installed, else ``python -m server``."""
    script = Path(sys.executable).with_name("stamp-server")
    return [str(script)] if script.exists() else [sys.executable, "-m", "server"]


def cli(env: dict[str, str], *argv: str) -> Any:
    done = subprocess.run(
        [*command(), *argv],
        env=env,
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``migrate``, ``init-demo`` and ``serve`` as separate processes on one SQLite file."""
    port = free_port()
    url = sqlite_url(tmp_path / "served.sqlite3")
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "STAMP_SERVER_HOME": str(tmp_path / "home"),
        "STAMP_SERVER_PUBLIC_URL": base,
    }
    cli(env, "migrate", "--database-url", url)
    demo = cli(env, "init-demo", "--database-url", url)
    server = subprocess.Popen(
        [*command(), "serve", "--database-url", url, "--port", str(port)],
        env=env,
        cwd=HERE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/openapi.json", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base, demo
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        assert server.stderr is not None
        server.stderr.close()


def test_serve_answers_over_the_network(served: tuple[str, dict[str, Any]]) -> None:
    base, demo = served
    terminal = {"api-key": demo["apiKey"], "Authorization": f"Bearer {demo['terminalToken']}"}
    customer = {"api-key": demo["apiKey"], "Authorization": f"Bearer {demo['userToken']}"}
    events = [
        {
            "eventId": f"net-{i}",
            "cardInstanceId": demo["cardInstanceId"],
            "eventTime": "2025-06-15T12:00:00.000+0000",
            "eventType": "STAMP",
            "stampValue": demo["stampValue"],
        }
        for i in range(3)
    ]
    with httpx.Client(base_url=base, timeout=10) as client:
        first = client.post(
            "/stampcard/v2/reportMultiStampEvents", json={"events": events}, headers=terminal
        )
        again = client.post(
            "/stamp/v2/reportMultiStampEvents", json={"events": events}, headers=terminal
        )
        cards = client.post("/stampcard/v2/getCards", json={}, headers=customer)
    assert first.status_code == 200
    assert [r["result"]["code"] for r in first.json()["eventResults"]] == [0, 0, 0]
    assert again.content == first.content
    assert cards.status_code == 200
    [card] = cards.json()["cards"]
    assert card["cardInstanceId"] == demo["cardInstanceId"]
    assert card["currentStamps"] == 3
    assert demo["cardUrl"].startswith(f"{base}/c/")
