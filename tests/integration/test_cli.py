"""The headless command line, run as a real process on a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

CARD = "0131cef8-56e1-461a-b82b-7e220b925481"


def cli(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "STAMP_TERMINAL_HOME": str(home), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
        check=False,
    )


def test_status_of_a_new_terminal(tmp_path: Path) -> None:
    done = cli(tmp_path, "status", "--json")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["queue"] == {"pending": 0, "sent": 0, "rejected": 0, "review": 0}
    assert status["oldestPendingAgeSeconds"] is None
    assert status["lastSuccessfulSync"] is None
    assert uuid.UUID(status["terminalId"])


def test_stamp_records_events_and_status_counts_them(tmp_path: Path) -> None:
    done = cli(tmp_path, "stamp", CARD, "--count", "3", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["cardInstanceId"] == CARD
    assert len(out["eventIds"]) == 3
    assert len({uuid.UUID(i) for i in out["eventIds"]}) == 3
    assert out["stamps"] == 3

    status = json.loads(cli(tmp_path, "status", "--json").stdout)
    assert status["queue"]["pending"] == 3
    assert status["oldestPendingAgeSeconds"] >= 0

    listed = json.loads(cli(tmp_path, "events", "--state", "pending", "--json").stdout)
    assert [e["eventId"] for e in listed] == out["eventIds"]
    assert [e["seq"] for e in listed] == sorted(e["seq"] for e in listed)
    assert {e["eventType"] for e in listed} == {"STAMP"}


def test_plain_output_prints_one_event_id_per_line(tmp_path: Path) -> None:
    done = cli(tmp_path, "stamp", f"https://shop.example/c/{CARD}", "--count", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split()
    assert len(lines) == 2
    assert all(uuid.UUID(line) for line in lines)


def test_second_stamp_within_debounce_is_refused_with_exit_3(tmp_path: Path) -> None:
    assert cli(tmp_path, "stamp", CARD).returncode == 0
    again = cli(tmp_path, "stamp", CARD)
    assert again.returncode == 3
    assert again.stdout == ""
    assert "duplicate_scan" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    status = json.loads(cli(tmp_path, "status", "--json").stdout)
    assert status["queue"]["pending"] == 1


def test_garbage_card_is_refused_not_a_crash(tmp_path: Path) -> None:
    done = cli(tmp_path, "stamp", "WIFI:S:cafe;T:WPA;P:secret;;")
    assert done.returncode == 3
    assert "not_a_card" in done.stderr
    assert "Traceback" not in done.stderr


def test_too_many_stamps_for_one_visit(tmp_path: Path) -> None:
    done = cli(tmp_path, "--max-stamps-per-visit", "4", "stamp", CARD, "--count", "5")
    assert done.returncode == 3
    assert "too_many_stamps" in done.stderr


def test_unknown_config_key_exit_2_names_key(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "config.toml").write_text("colour = 'blue'\n", encoding="utf-8")
    done = cli(tmp_path, "status")
    assert done.returncode == 2
    assert "'colour'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_bad_environment_value_exit_2(tmp_path: Path) -> None:
    done = cli(tmp_path, "status", env={"STAMP_TERMINAL_DEBOUNCE_SECONDS": "soon"})
    assert done.returncode == 2
    assert "STAMP_TERMINAL_DEBOUNCE_SECONDS" in done.stderr


def test_corrupt_database_exit_4_and_file_untouched(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    db = tmp_path / "terminal.sqlite3"
    garbage = b"this is not a database at all" * 100
    db.write_bytes(garbage)
    done = cli(tmp_path, "status")
    assert done.returncode == 4
    assert str(db) in done.stderr
    assert "Traceback" not in done.stderr
    assert db.read_bytes() == garbage


def test_config_never_prints_secrets(tmp_path: Path) -> None:
    done = cli(
        tmp_path,
        "config",
        "--json",
        env={
            "STAMP_TERMINAL_API_KEY": "sk-live-123456",
            "STAMP_TERMINAL_TERMINAL_TOKEN": "tt-98765",
        },
    )
    assert done.returncode == 0, done.stderr
    assert "sk-live-123456" not in done.stdout
    assert "tt-98765" not in done.stdout
    assert json.loads(done.stdout)["api_key"] == "(set)"


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_demo_runs_headless(tmp_path: Path, json_flag: list[str]) -> None:
    done = cli(tmp_path, "demo", "--headless", *json_flag)
    assert done.returncode == 0, done.stderr
    if json_flag:
        out = json.loads(done.stdout)
        refused = [s["refused"] for s in out["steps"] if "refused" in s]
        assert refused == ["duplicate_scan", "not_a_card", "bad_signature"]
        assert out["sync"] == {"state": "online", "sent": 2}
        assert out["serverStamps"] == out["terminalStamps"] == 2
        assert out["queue"]["pending"] == 0
