"""Structured logs: ``serve --log-format json`` writes one JSON object per line on standard
error, requests with method, path, status and duration, and no secret ever."""

from __future__ import annotations

import json
import logging
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx
from serve_process import ServeProcess, run_cli, server_env

from server.logging_setup import JsonFormatter, log_line

DB_PASSWORD = "db-pass-7f3a9c"  # the test cluster trusts every connection; it must not leak


def secrets_of(demo: dict[str, Any]) -> list[str]:
    return [demo["apiKey"], demo["terminalToken"], demo["userToken"], demo["appSecret"]]


def test_json_logs_are_one_object_a_line_without_secrets(postgres_url: str, tmp_path: Path) -> None:
    url = postgres_url.replace("://postgres@", f"://postgres:{DB_PASSWORD}@")
    assert DB_PASSWORD in url
    env = server_env(tmp_path / "home", url)
    run_cli(env, "migrate")
    demo = run_cli(env, "init-demo")
    server = ServeProcess(env, tmp_path / "logs", "--log-format", "json")
    body_marker = f"body-{uuid.uuid4()}"
    headers = {"api-key": demo["apiKey"], "Authorization": f"Bearer {demo['terminalToken']}"}
    server.start()
    try:
        server.wait_ready()
        with httpx.Client(base_url=server.url, headers=headers, timeout=30) as http:
            event = {
                "eventId": body_marker,
                "cardInstanceId": demo["cardInstanceId"],
                "eventTime": "2025-06-15T12:00:00.000+0000",
                "eventType": "STAMP",
            }
            answer = http.post("/stamp/v2/reportMultiStampEvents", json={"events": [event]})
            assert answer.status_code == 200
            assert answer.json()["eventResults"][0]["result"] == {"code": 0}
            refused = http.post(
                "/stamp/v2/getServerTime",
                headers={"Authorization": "Bearer trm_wrong-token-5d1e"},
            )
            assert refused.status_code == 401
            assert http.get("/healthz?probe=1").status_code == 200
    finally:
        assert server.stop() == 0
    lines = server.stderr().splitlines()
    assert lines
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    for record in records:
        assert isinstance(record, dict)
        assert {"time", "level", "logger", "message"} <= set(record)
    access = [r for r in records if r["logger"] == "server.access"]
    assert [(r["method"], r["path"], r["status"]) for r in access if r["path"] != "/readyz"] == [
        ("POST", "/stamp/v2/reportMultiStampEvents", 200),
        ("POST", "/stamp/v2/getServerTime", 401),
        ("GET", "/healthz", 200),
    ]
    assert all(isinstance(r["duration_ms"], float) and r["duration_ms"] >= 0 for r in access)
    messages = " ".join(r["message"] for r in records)
    assert "Shutting down" in messages
    assert "Application startup complete." in messages
    text = server.stderr()
    for secret in [*secrets_of(demo), DB_PASSWORD, "trm_wrong-token-5d1e", body_marker]:
        assert secret not in text
    assert "probe=1" not in text  # query strings are left out, like everything else sent


def test_a_server_that_cannot_start_says_why_in_the_chosen_format(tmp_path: Path) -> None:
    """An explicit database that is not migrated: exit 3 and one JSON line saying what to do."""
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    server = ServeProcess(
        server_env(tmp_path / "home", url), tmp_path / "logs", "--log-format=json"
    )
    server.start()
    assert server.wait() == 3
    [line] = server.stderr().splitlines()
    record = json.loads(line)
    assert record["level"] == "ERROR"
    assert "stamp-server migrate" in record["message"]


def test_an_exception_stays_on_its_one_line() -> None:
    try:
        raise ValueError("first\nsecond")
    except ValueError:
        record = logging.LogRecord("server.x", logging.ERROR, __file__, 1, "failed", None, None)
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "failed"
    assert "ValueError: first\nsecond" in parsed["exception"]


def test_text_lines_name_the_level_and_the_logger() -> None:
    line = log_line("text", logging.WARNING, "server.cli", "the database is far away")
    assert line.endswith(" WARNING server.cli: the database is far away")
    assert json.loads(log_line("json", logging.INFO, "server.cli", "x"))["level"] == "INFO"
