"""Building the sync client and worker from the terminal's configuration."""

from __future__ import annotations

import httpx

from app.config import Config
from app.store.writer import StoreWriter
from app.sync.client import StampApiClient
from app.sync.worker import SyncWorker

TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def http_client(config: Config, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The HTTP client for ``server_url``, with the terminal's timeouts."""
    return httpx.Client(base_url=config.server_url, timeout=TIMEOUT, transport=transport)


def api_client(http: httpx.Client, config: Config) -> StampApiClient:
    """The API client with this terminal's credentials (and the app's, to register members)."""
    return StampApiClient(
        http,
        api_key=config.api_key,
        terminal_token=config.terminal_token,
        app_id=config.app_id,
        app_secret=config.app_secret,
    )


def sync_worker(config: Config, writer: StoreWriter, http: httpx.Client | None) -> SyncWorker:
    """The worker for ``config``; without a server it reports ``not_configured``."""
    client = None if http is None else api_client(http, config)
    return SyncWorker(writer, client, batch_size=config.sync_batch_size)
