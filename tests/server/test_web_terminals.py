"""The dashboard's terminals: a new terminal's settings shown once and working against the API,
its last sync and today's events in the list, and revoking it."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import httpx
import pytest
from server_testkit import PREFIX, Shop, bearer
from sqlalchemy import func, select
from web_kit import Dashboard

from server.auth import digest
from server.db import tables as t
from server.web.accounts import dashboard_credential

SETTING = re.compile(r'<code class="secret" data-setting="(\w+)">([^<]+)</code>')


def settings_shown(page: str) -> dict[str, str]:
    """The settings of the page after creating a terminal, by their config key."""
    return dict(SETTING.findall(page))


def create_terminal(dashboard: Dashboard, name: str, *, new_api_key: bool) -> httpx.Response:
    data = {"name": name}
    if new_api_key:
        data["new_api_key"] = "on"
    return dashboard.post("/dashboard/terminals", data)


def report(dashboard: Dashboard, api_key: str, token: str, event_id: str) -> httpx.Response:
    event = dashboard.shop.event(event_id, card=dashboard.demo["cardInstanceId"])
    return dashboard.shop.post(
        f"{PREFIX}/reportMultiStampEvents", {"events": [event]}, bearer(api_key, token)
    )


def terminal_row(page: str, name: str) -> str:
    """The table row of the terminal ``name`` in the terminals page."""
    for row in re.findall(r"<tr[^>]*>.*?</tr>", page, re.S):
        if f"<td>{name}</td>" in row:
            return str(row)
    raise AssertionError(f"no row of {name!r}")


def credential(dashboard: Dashboard, name: str) -> t.Credential:
    with dashboard.shop.services.db.read() as session:
        found = session.scalar(
            select(t.Credential).where(
                t.Credential.name == name, t.Credential.merchant_id == dashboard.merchant_id
            )
        )
        assert found is not None
        return found


def test_a_new_terminal_works_is_listed_with_its_sync_and_can_be_revoked(
    dashboard: Dashboard,
) -> None:
    shop = dashboard.shop
    created = create_terminal(dashboard, "Front counter", new_api_key=True)
    assert created.status_code == 200, created.text
    assert created.headers["cache-control"] == "no-store"
    assert "shown only this once" in created.text
    shown = settings_shown(created.text)
    assert shown["server_url"] == shop.services.settings.public_url
    token, api_key = shown["terminal_token"], shown["api_key"]
    assert token.startswith("trm_")
    assert api_key.startswith("key_")
    assert f'terminal_token = "{token}"' in created.text
    stored = credential(dashboard, "Front counter")
    assert stored.kind == "terminal"
    assert stored.token_hash == digest(token)
    with shop.services.db.read() as session:
        assert session.scalar(select(t.App).where(t.App.api_key_hash == digest(api_key)))

    listing = dashboard.get("/dashboard/terminals")
    assert token not in listing.text
    row = terminal_row(listing.text, "Front counter")
    assert "Never" in row
    assert "Active" in row

    shop.clock.advance(minutes=5)
    answer = report(dashboard, api_key, token, "first")
    assert answer.status_code == 200, answer.text
    assert answer.json()["eventResults"][0]["result"]["code"] == 0
    row = terminal_row(dashboard.get("/dashboard/terminals").text, "Front counter")
    assert "2025-06-15 12:05 UTC" in row
    assert '<td class="number">1</td>' in row

    revoked = dashboard.post(f"/dashboard/terminals/{stored.id}/revoke")
    assert revoked.status_code == 303
    assert revoked.headers["location"] == "/dashboard/terminals?done=revoked"
    refused = report(dashboard, api_key, token, "second")
    assert refused.status_code == 401
    assert refused.json()["result"]["code"] == 20004
    page = dashboard.get(revoked.headers["location"]).text
    assert "other server processes refuse it within 5 seconds" in page
    row = terminal_row(page, "Front counter")
    assert "Revoked" in row
    assert "on 2025-06-15 12:05 UTC" in row
    assert "/revoke" not in row
    other = report(dashboard, dashboard.demo["apiKey"], dashboard.demo["terminalToken"], "x")
    assert other.status_code == 200


def test_events_today_count_the_reports_of_the_utc_day_only(dashboard: Dashboard) -> None:
    created = create_terminal(dashboard, "Till", new_api_key=True)
    shown = settings_shown(created.text)
    api_key, token = shown["api_key"], shown["terminal_token"]
    for number in range(2):
        assert report(dashboard, api_key, token, f"y{number}").status_code == 200
    dashboard.shop.clock.advance(hours=12)
    assert dashboard.sign_in().status_code == 303  # a session lasts 12 hours
    row = terminal_row(dashboard.get("/dashboard/terminals").text, "Till")
    assert '<td class="number">0</td>' in row
    assert "2025-06-15 12:00 UTC" in row
    assert report(dashboard, api_key, token, "today").status_code == 200
    row = terminal_row(dashboard.get("/dashboard/terminals").text, "Till")
    assert '<td class="number">1</td>' in row
    assert "2025-06-16 00:00 UTC" in row


def test_without_a_new_api_key_the_page_points_to_the_apps_key(dashboard: Dashboard) -> None:
    with dashboard.shop.services.db.read() as session:
        apps_before = session.scalar(select(func.count()).select_from(t.App))
        [app_id] = session.scalars(
            select(t.App.app_id).where(t.App.merchant_id == dashboard.merchant_id)
        )
    created = create_terminal(dashboard, "Back office", new_api_key=False)
    assert created.status_code == 200
    assert f"app id <code>{app_id}</code>" in created.text
    shown = settings_shown(created.text)
    assert "api_key" not in shown
    with dashboard.shop.services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(t.App)) == apps_before
    answer = report(dashboard, dashboard.demo["apiKey"], shown["terminal_token"], "z1")
    assert answer.status_code == 200


def test_a_terminal_without_a_name_comes_back_with_the_message(dashboard: Dashboard) -> None:
    answer = dashboard.post("/dashboard/terminals", {"name": "   "})
    assert answer.status_code == 400
    assert 'id="terminal-name-error">This field is required.' in answer.text
    too_long = dashboard.post("/dashboard/terminals", {"name": "n" * 101, "new_api_key": "on"})
    assert too_long.status_code == 400
    assert f'value="{"n" * 101}"' in too_long.text
    assert "At most 100 characters." in too_long.text
    with dashboard.shop.services.db.read() as session:
        count = session.scalar(
            select(func.count())
            .select_from(t.Credential)
            .where(t.Credential.merchant_id == dashboard.merchant_id)
        )
    assert count == 1


@pytest.mark.parametrize("csrf", ["", "wrong"])
def test_terminal_forms_without_the_csrf_token_change_nothing(
    dashboard: Dashboard, csrf: str
) -> None:
    demo = credential(dashboard, "Demo terminal")
    made = dashboard.post("/dashboard/terminals", {"name": "Sneaky"}, csrf=csrf)
    assert made.status_code == 403
    assert "trm_" not in made.text
    revoked = dashboard.post(f"/dashboard/terminals/{demo.id}/revoke", csrf=csrf)
    assert revoked.status_code == 403
    assert credential(dashboard, "Demo terminal").revoked_at is None
    with dashboard.shop.services.db.read() as session:
        assert session.scalar(select(t.Credential).where(t.Credential.name == "Sneaky")) is None


def test_only_the_merchants_terminals_are_listed_and_revoked(
    dashboard: Dashboard, other_dashboard: Dashboard, shop: Shop
) -> None:
    mine = credential(dashboard, "Demo terminal")
    answer = other_dashboard.post(f"/dashboard/terminals/{mine.id}/revoke")
    assert answer.status_code == 404
    assert credential(dashboard, "Demo terminal").revoked_at is None
    assert mine.id not in other_dashboard.get("/dashboard/terminals").text
    works = report(dashboard, dashboard.demo["apiKey"], dashboard.demo["terminalToken"], "ok")
    assert works.status_code == 200

    with shop.services.db.read() as session:
        customer = session.scalar(select(t.Credential).where(t.Credential.kind == "customer"))
    assert customer is not None
    assert dashboard.post(f"/dashboard/terminals/{customer.id}/revoke").status_code == 404
    assert dashboard.post("/dashboard/terminals/unknown/revoke").status_code == 404
    listing = dashboard.get("/dashboard/terminals").text
    assert customer.name not in listing
    assert listing.count("<td>Demo terminal</td>") == 1


def test_a_dashboard_credential_is_not_a_terminal(dashboard: Dashboard) -> None:
    shop = dashboard.shop
    with shop.write() as session:
        user = session.scalar(
            select(t.MerchantUser).where(t.MerchantUser.merchant_id == dashboard.merchant_id)
        )
        assert user is not None
        credential_id = dashboard_credential(session, user, shop.services.now())
    listing = dashboard.get("/dashboard/terminals").text
    assert "Dashboard (" not in listing
    assert dashboard.post(f"/dashboard/terminals/{credential_id}/revoke").status_code == 404


def test_the_terminals_page_needs_a_signed_in_viewer(client: Any) -> None:
    answer = client.get("/dashboard/terminals", follow_redirects=False)
    assert answer.status_code == 303
    revoke = client.post("/dashboard/terminals/x/revoke", follow_redirects=False)
    assert revoke.status_code == 303


def test_revoking_twice_keeps_the_first_date(dashboard: Dashboard) -> None:
    demo = credential(dashboard, "Demo terminal")
    assert dashboard.post(f"/dashboard/terminals/{demo.id}/revoke").status_code == 303
    first = credential(dashboard, "Demo terminal").revoked_at
    dashboard.shop.clock.advance(hours=1)
    assert dashboard.post(f"/dashboard/terminals/{demo.id}/revoke").status_code == 303
    assert credential(dashboard, "Demo terminal").revoked_at == first
    assert first is not None
    assert first + timedelta(hours=1) == dashboard.shop.services.now()
