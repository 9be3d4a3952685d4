"""Signing in to the dashboard: passwords, sessions, CSRF, the login rate limit, and the
credentials the dashboard revokes or keeps to itself."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC
from pathlib import Path

import pytest
from fastapi import FastAPI
from server_testkit import Shop, TestClient, bearer
from web_kit import Dashboard, csrf_of

from server.app import create_app
from server.auth import DASHBOARD, digest
from server.cli import main
from server.db import tables as t
from server.settings import Settings
from server.web.accounts import MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL
from server.web.passwords import hash_password, verify_password


def test_passwords_are_stored_as_scrypt_hashes_only() -> None:
    stored = hash_password("a long secret phrase")
    assert stored.startswith("scrypt$15$8$1$")
    assert "a long secret phrase" not in stored
    assert verify_password("a long secret phrase", stored)
    assert not verify_password("a long secret phrasE", stored)
    assert hash_password("a long secret phrase") != stored  # salted
    assert not verify_password("anything", "not-a-hash")
    assert not verify_password("anything", "bcrypt$1$2$3$4$5")


def test_the_dashboard_asks_to_sign_in_first(client: TestClient) -> None:
    answer = client.get("/dashboard/?x=1", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/dashboard/login?next=/dashboard/%3Fx%3D1"
    page = client.get(answer.headers["location"])
    assert page.status_code == 200
    assert 'name="next" value="/dashboard/?x=1"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_signing_in_sets_a_private_session_cookie(dashboard: Dashboard) -> None:
    page = dashboard.get("/dashboard/")
    assert page.status_code == 200
    assert dashboard.demo["dashboardEmail"] in page.text
    assert page.headers["cache-control"] == "no-store"
    with dashboard.shop.write() as session:
        [stored] = session.query(t.WebSession).all()
        cookie = dashboard.client.cookies["stamp_session"]
        assert stored.id_hash == digest(cookie)  # only the digest is stored
    answer = dashboard.sign_in()
    cookie_header = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie_header and "samesite=lax" in cookie_header


def test_a_wrong_password_or_unknown_email_says_the_same(
    dashboard: Dashboard, client: TestClient
) -> None:
    client.cookies.clear()
    wrong = dashboard.sign_in("not the password")
    assert wrong.status_code == 401
    assert "is not right" in wrong.text
    assert dashboard.demo["dashboardEmail"] in wrong.text  # what was typed stays
    unknown = client.post(
        "/dashboard/login", data={"email": "nobody@nowhere.example", "password": "whatever12"}
    )
    assert unknown.status_code == 401
    assert "is not right" in unknown.text


def test_the_login_is_rate_limited_per_email(dashboard: Dashboard, shop: Shop) -> None:
    dashboard.client.cookies.clear()
    for _ in range(MAX_FAILURES_PER_EMAIL):
        assert dashboard.sign_in("wrong password").status_code == 401
    refused = dashboard.sign_in()
    assert refused.status_code == 401
    assert "Too many failed sign-ins. Try again in 15 minutes." in refused.text
    shop.clock.advance(minutes=14)
    assert "Try again in 1 minute." in dashboard.sign_in().text
    shop.clock.advance(minutes=1, seconds=1)
    assert dashboard.sign_in().status_code == 303


def test_the_login_is_rate_limited_per_address(client: TestClient, dashboard: Dashboard) -> None:
    client.cookies.clear()
    for n in range(MAX_FAILURES_PER_ADDRESS):
        form = {"email": f"guess{n}@shop.example", "password": "wrong password"}
        assert client.post("/dashboard/login", data=form).status_code == 401
    refused = dashboard.sign_in()
    assert "Too many failed sign-ins" in refused.text


def test_after_sign_in_only_dashboard_paths_are_followed(dashboard: Dashboard) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/static/../x", "/api"):
        answer = dashboard.client.post(
            "/dashboard/login",
            data={
                "email": dashboard.demo["dashboardEmail"],
                "password": dashboard.demo["dashboardPassword"],
                "next": target,
            },
            follow_redirects=False,
        )
        assert answer.headers["location"] == "/dashboard/", target


def test_forms_need_the_sessions_csrf_token(dashboard: Dashboard) -> None:
    refused = dashboard.post("/dashboard/logout", csrf="forged")
    assert refused.status_code == 403
    assert "This form has expired" in refused.text
    assert dashboard.get("/dashboard/").status_code == 200  # still signed in
    token = dashboard.csrf()
    foreign = dashboard.client.post(
        "/dashboard/logout",
        data={"csrf_token": token},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert foreign.status_code == 403
    assert dashboard.post("/dashboard/logout").status_code == 303
    assert dashboard.get("/dashboard/").status_code == 303  # signed out
    with dashboard.shop.write() as session:
        assert session.query(t.WebSession).count() == 0


def test_a_session_ends_after_twelve_hours(dashboard: Dashboard, shop: Shop) -> None:
    shop.clock.advance(hours=11, minutes=59)
    assert dashboard.get("/dashboard/").status_code == 200
    shop.clock.advance(minutes=2)
    assert dashboard.get("/dashboard/").status_code == 303


def test_https_servers_set_a_secure_host_only_cookie(
    settings: Settings, shop: Shop, tmp_path: Path
) -> None:
    demo = shop.new_demo(dashboard_login=True)
    secure = Settings(
        home=settings.home, database_url=settings.database_url, public_url="https://stamps.test"
    )
    app: FastAPI = create_app(secure, clock=shop.clock)
    browser = TestClient(app, base_url="https://stamps.test")
    answer = browser.post(
        "/dashboard/login",
        data={"email": demo["dashboardEmail"], "password": demo["dashboardPassword"]},
        follow_redirects=False,
    )
    header = answer.headers["set-cookie"]
    assert header.startswith("__Host-stamp_session=")
    assert "Secure" in header and "Path=/" in header
    assert browser.get("/dashboard/", follow_redirects=False).status_code == 200


def test_passwords_never_reach_the_logs(
    dashboard: Dashboard, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    dashboard.sign_in("a wrong password 123")
    dashboard.sign_in()
    assert "a wrong password 123" not in caplog.text
    assert dashboard.demo["dashboardPassword"] not in caplog.text


def test_the_api_refuses_revoked_and_dashboard_credentials(shop: Shop) -> None:
    assert shop.terminal("getMasterData", {}).status_code == 200
    with shop.write() as session:
        terminal = session.scalars(
            t.Credential.__table__.select().where(
                t.Credential.merchant_id == shop.demo["merchantId"]
            )
        ).first()
        assert terminal is not None
        row = session.get(t.Credential, terminal)
        assert row is not None
        row.revoked_at = shop.clock().astimezone(UTC)
        session.add(
            t.Credential(
                id="dashboard-credential",
                kind=DASHBOARD,
                token_hash=digest("dsh_known"),
                merchant_id=shop.demo["merchantId"],
                user_id=None,
                name="Dashboard (owner)",
                created_at=shop.clock(),
            )
        )
    shop.services.principals.clear()
    revoked = shop.terminal("getMasterData", {})
    assert revoked.status_code == 401
    assert revoked.json()["result"]["code"] == 20004
    assert "revoked" in revoked.json()["result"]["detail"]
    dashboard_token = shop.post(
        "/stamp/v2/getMasterData", {}, bearer(shop.demo["apiKey"], "dsh_known")
    )
    assert dashboard_token.status_code == 401


def test_stamp_server_user_create_makes_a_login(
    shop: Shop,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = ["--database-url", settings.database_url]
    merchant = shop.demo["merchantId"]
    command = ["user", "create", "--merchant-id", merchant, "--password-stdin", *database]
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main([*command, "--email", "owner@shop.example"]) == 2
    assert "at least 10 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("a good long password\n"))
    assert main([*command, "--email", "Owner@Shop.example"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["email"] == "owner@shop.example"
    monkeypatch.setattr("sys.stdin", io.StringIO("a good long password\n"))
    assert main([*command, "--email", "owner@shop.example"]) == 2
    assert "exists already" in capsys.readouterr().err
    answer = shop.client.post(
        "/dashboard/login",
        data={"email": "OWNER@shop.example ", "password": "a good long password"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = shop.client.get("/dashboard/")
    csrf_of(page.text)
