"""Fixtures of the browser tests: one Chromium per session, a live server per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import launch_chromium
from live_server import LiveServer
from playwright.sync_api import Browser, sync_playwright


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The reference server on loopback with a demo shop (and its dashboard login)."""
    server = LiveServer(Path(tmp_path_factory.mktemp("web-server")))
    server.prepare()
    server.start()
    try:
        yield server
    finally:
        server.stop()
