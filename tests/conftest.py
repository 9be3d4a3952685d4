"""Test-wide isolation: no test sees the developer's configuration, data or display."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_terminal_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every terminal path at a fresh directory and drop inherited overrides."""
    for name in list(os.environ):
        if name.startswith("STAMP_TERMINAL_") or name.startswith("STAMP_SERVER_"):
            monkeypatch.delenv(name)
    home = tmp_path / "terminal-home"
    monkeypatch.setenv("STAMP_TERMINAL_HOME", str(home))
    yield home


# A real PostgreSQL server for the tests that ask for it (tests/pg_harness.py).
from live_server import live_server  # noqa: E402, F401
from pg_harness import postgres_cluster, postgres_url  # noqa: E402, F401
