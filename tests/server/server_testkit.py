"""Helpers of the server tests: a fake clock and a shop to talk to through the TestClient."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.orm import Session

from app.domain.dates import format_api_datetime
from server import admin
from server.demo import init_demo
from server.services import Services

with warnings.catch_warnings():
    # Starlette 1.10 prefers httpx2 for its TestClient and warns on import with httpx; the
    # TestClient itself works the same with httpx.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

PREFIX = "/stamp/v2"
OTHER_PREFIX = "/stampcard/v2"
START = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)

__all__ = [
    "OTHER_PREFIX",
    "PREFIX",
    "START",
    "FakeClock",
    "Shop",
    "TestClient",
    "api_time",
    "bearer",
]


class FakeClock:
    """The server's clock in a test: fixed until a test moves it."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def api_time(moment: datetime) -> str:
    """A date-time in the documents' format."""
    return format_api_datetime(moment)


def bearer(api_key: str, token: str) -> dict[str, str]:
    return {"api-key": api_key, "Authorization": f"Bearer {token}"}


@dataclass
class Shop:
    """A migrated server with one demo set (``demo``), reached through ``client``."""

    client: TestClient
    services: Services
    clock: FakeClock
    demo: dict[str, Any] = field(default_factory=dict)

    @property
    def terminal_headers(self) -> dict[str, str]:
        return bearer(self.demo["apiKey"], self.demo["terminalToken"])

    @property
    def customer_headers(self) -> dict[str, str]:
        return bearer(self.demo["apiKey"], self.demo["userToken"])

    @property
    def card(self) -> str:
        return str(self.demo["cardInstanceId"])

    def new_demo(self, *, dashboard_login: bool = False) -> dict[str, Any]:
        """Another independent demo set: another merchant, customer and card (and a dashboard
        login, whose scrypt hash takes a tenth of a second, when asked for)."""
        services = self.services
        return init_demo(
            services.db,
            services.settings.public_url,
            services.signing_key,
            services.now(),
            dashboard_login=dashboard_login,
        )

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.services.db.write() as session:
            yield session

    def post(
        self, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        if body is None:
            return self.client.post(path, headers=headers or {})
        return self.client.post(path, json=body, headers=headers or {})

    def terminal(self, op: str, body: Any = None, prefix: str = PREFIX) -> httpx.Response:
        return self.post(f"{prefix}/{op}", body, self.terminal_headers)

    def customer(self, op: str, body: Any = None, prefix: str = PREFIX) -> httpx.Response:
        return self.post(f"{prefix}/{op}", body, self.customer_headers)

    def event(
        self,
        event_id: str,
        event_type: str = "STAMP",
        *,
        card: str | None = None,
        at: datetime | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """An event body; its time is the clock's unless ``at`` is given."""
        return {
            "eventId": event_id,
            "cardInstanceId": card or self.card,
            "eventTime": api_time(at or self.clock()),
            "eventType": event_type,
            **extra,
        }

    def report(self, *events: dict[str, Any]) -> list[dict[str, Any]]:
        """Report a batch; the per-event results."""
        response = self.terminal("reportMultiStampEvents", {"events": list(events)})
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["eventResults"]
        return results

    def stamps(self, count: int, prefix: str = "s", **kwargs: Any) -> list[dict[str, Any]]:
        """Report ``count`` STAMP events with the same time (one visit)."""
        return self.report(*(self.event(f"{prefix}{i}", **kwargs) for i in range(count)))

    def card_state(self, card: str | None = None) -> dict[str, Any]:
        response = self.terminal("lookupCard", {"cardInstanceId": card or self.card})
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()
        return found

    def stamp_card(self, *, issue: bool = True, **options: Any) -> dict[str, Any]:
        """A new stamp card of the demo merchant with a reward; with ``issue`` a card of it for
        the demo customer too (``cardInstanceId``)."""
        threshold = options.pop("threshold", 10)
        validity = options.pop("reward_validity_days", 30)
        now = self.services.now()
        with self.write() as session:
            card = admin.create_stamp_card(
                session, now, merchant_id=self.demo["merchantId"], name="Test card", **options
            )
            reward = admin.create_reward(
                session,
                now,
                stamp_card_id=card.id,
                name="Reward",
                threshold=threshold,
                validity_days=validity,
            )
            stamps = admin.stamps_of_card(session, card.id)
            instance = (
                admin.issue_card(session, now, stamp_card_id=card.id, user_id=self.demo["userId"])
                if issue
                else None
            )
        return {
            "stampCardId": card.id,
            "rewardId": reward.id,
            "stampValue": stamps[0]["stampValue"],
            "redeemStampValue": stamps[1]["stampValue"],
            "cardInstanceId": instance.id if instance is not None else None,
        }
