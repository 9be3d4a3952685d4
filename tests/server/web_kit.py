"""Helpers of the web page tests: a merchant signed in to the dashboard through a TestClient."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx
from server_testkit import PREFIX, Shop, TestClient, api_time, bearer

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(page: str) -> str:
    """The CSRF token of the first form of ``page``."""
    found = CSRF_FIELD.search(page)
    assert found is not None, "no form with a CSRF token on this page"
    return found.group(1)


@dataclass
class Dashboard:
    """One browser (its own cookie jar) of the dashboard user of ``demo``."""

    client: TestClient
    shop: Shop
    demo: dict[str, Any]

    @property
    def merchant_id(self) -> str:
        return str(self.demo["merchantId"])

    def sign_in(self, password: str | None = None) -> httpx.Response:
        return self.client.post(
            "/dashboard/login",
            data={
                "email": self.demo["dashboardEmail"],
                "password": password if password is not None else self.demo["dashboardPassword"],
                "next": "/dashboard/",
            },
            follow_redirects=False,
        )

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path, follow_redirects=False)

    def csrf(self, path: str = "/dashboard/") -> str:
        page = self.get(path)
        assert page.status_code == 200, page.text
        return csrf_of(page.text)

    def post(
        self, path: str, data: dict[str, Any] | None = None, *, csrf: str | None = None
    ) -> httpx.Response:
        """POST a form with the session's CSRF token (``csrf`` replaces it)."""
        fields = dict(data or {})
        fields["csrf_token"] = csrf if csrf is not None else self.csrf()
        return self.client.post(path, data=fields, follow_redirects=False)


def open_dashboard(shop: Shop, client: TestClient) -> Dashboard:
    """A new demo merchant with a dashboard login, signed in on ``client``."""
    demo = shop.new_demo(dashboard_login=True)
    dashboard = Dashboard(client=client, shop=shop, demo=demo)
    answer = dashboard.sign_in()
    assert answer.status_code == 303, answer.text
    return dashboard


def report_as(dashboard: Dashboard, *events: dict[str, Any]) -> list[dict[str, Any]]:
    """Report a batch with the terminal of ``dashboard``'s merchant; the per-event results."""
    headers = bearer(dashboard.demo["apiKey"], dashboard.demo["terminalToken"])
    answer = dashboard.shop.post(
        f"{PREFIX}/reportMultiStampEvents", {"events": list(events)}, headers
    )
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["eventResults"]
    return results


def event(
    dashboard: Dashboard, event_id: str, event_type: str = "STAMP", **extra: Any
) -> dict[str, Any]:
    """An event of ``dashboard``'s demo card at the server's current time."""
    return {
        "eventId": event_id,
        "cardInstanceId": dashboard.demo["cardInstanceId"],
        "eventTime": api_time(dashboard.shop.clock()),
        "eventType": event_type,
        **extra,
    }
