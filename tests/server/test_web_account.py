"""The account page (password change, the shop's time zone, signing out everywhere), the
dashboard's days and times in the shop's time zone, and ``stamp-server user set-password``."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from server_testkit import Shop, TestClient, api_time
from web_kit import Dashboard, event, report_as

from server.cli import main
from server.db import tables as t
from server.settings import Settings
from server.web.accounts import MAX_FAILURES_PER_EMAIL
from server.web.sessions import COOKIE_NAME
from server.web.shop_time import day_bounds, format_datetime, is_zone_name, zone_names

NEW_PASSWORD = "a brand new long password"
ZONE_PATH = "/dashboard/account/timezone"
PASSWORD_PATH = "/dashboard/account/password"


def second_browser(app: FastAPI, dashboard: Dashboard) -> Dashboard:
    """The same user signed in on another browser (a cookie jar of its own)."""
    other = Dashboard(client=TestClient(app), shop=dashboard.shop, demo=dashboard.demo)
    assert other.sign_in().status_code == 303
    return other


def change_password(
    dashboard: Dashboard, current: str, new: str = NEW_PASSWORD, again: str | None = None
) -> httpx.Response:
    return dashboard.post(
        PASSWORD_PATH,
        {
            "current_password": current,
            "new_password": new,
            "new_password_again": new if again is None else again,
        },
    )


def signed_in(dashboard: Dashboard) -> bool:
    return dashboard.get("/dashboard/").status_code == 200


def set_zone(dashboard: Dashboard, name: str) -> None:
    answer = dashboard.post(ZONE_PATH, {"timezone": name})
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/dashboard/account?done=timezone"


def stored_zone(dashboard: Dashboard) -> str | None:
    with dashboard.shop.services.db.read() as session:
        merchant = session.get(t.Merchant, dashboard.merchant_id)
        assert merchant is not None
        return merchant.timezone


def at(dashboard: Dashboard, event_id: str, moment: datetime) -> dict[str, Any]:
    """A STAMP of ``dashboard``'s demo card that happened at ``moment``."""
    return {**event(dashboard, event_id), "eventTime": api_time(moment)}


def per_day(page: str) -> dict[str, int]:
    """The overview's table of the numbers per day: day -> stamps given."""
    rows = re.findall(r'<tr><th scope="row">([0-9-]+)</th><td class="number">(\d+)</td>', page)
    return {day: int(stamps) for day, stamps in rows}


def figure(page: str, name: str) -> str:
    found = re.search(rf'id="today-{name}">(?:<a [^>]*>)?(\d+)', page)
    assert found is not None, name
    return found.group(1)


def row_of(page: str, text: str) -> str:
    for row in re.findall(r"<tr[^>]*>.*?</tr>", page, re.S):
        if text in row:
            return str(row)
    raise AssertionError(f"no row with {text!r}")


# The account page and the password


def test_the_header_links_to_the_account_page(dashboard: Dashboard) -> None:
    overview = dashboard.get("/dashboard/").text
    assert 'href="/dashboard/account"' in overview
    page = dashboard.get("/dashboard/account")
    assert page.status_code == 200
    text = page.text
    assert 'class="account-link" href="/dashboard/account" aria-current="page"' in text
    assert dashboard.demo["dashboardEmail"] in text
    assert '<option value="UTC" selected>UTC</option>' in text
    assert '<option value="Europe/Berlin">Europe/Berlin</option>' in text
    assert '<option value="localtime"' not in text
    assert text.count("<option ") == len(zone_names())
    assert " style=" not in text
    assert "<script" not in text


def test_a_wrong_current_password_is_refused_and_changes_nothing(
    app: FastAPI, dashboard: Dashboard
) -> None:
    other = second_browser(app, dashboard)
    answer = change_password(dashboard, "not my password at all")
    assert answer.status_code == 400
    assert "This is not your current password." in answer.text
    assert "The password was not changed." in answer.text
    assert "not my password at all" not in answer.text
    assert NEW_PASSWORD not in answer.text
    assert signed_in(dashboard)
    assert signed_in(other)
    third = Dashboard(client=TestClient(app), shop=dashboard.shop, demo=dashboard.demo)
    assert third.sign_in(NEW_PASSWORD).status_code == 401
    assert third.sign_in().status_code == 303


def test_a_weak_or_mistyped_new_password_is_refused(dashboard: Dashboard) -> None:
    current = dashboard.demo["dashboardPassword"]
    weak = change_password(dashboard, current, "short")
    assert weak.status_code == 400
    assert "The password must have at least 10 characters." in weak.text
    mistyped = change_password(dashboard, current, NEW_PASSWORD, NEW_PASSWORD + "!")
    assert mistyped.status_code == 400
    assert "The two new passwords differ." in mistyped.text
    empty = change_password(dashboard, "")
    assert empty.status_code == 400
    assert "Enter your current password." in empty.text
    same = change_password(dashboard, current, current)
    assert same.status_code == 400
    assert "the same as the current one" in same.text
    assert signed_in(dashboard)
    dashboard.client.cookies.clear()
    assert dashboard.sign_in(NEW_PASSWORD).status_code == 401
    assert dashboard.sign_in().status_code == 303


def test_wrong_current_passwords_count_as_failed_sign_ins(
    app: FastAPI, dashboard: Dashboard, shop: Shop
) -> None:
    for _ in range(MAX_FAILURES_PER_EMAIL):
        assert change_password(dashboard, "a wrong guess 123").status_code == 400
    refused = change_password(dashboard, dashboard.demo["dashboardPassword"])
    assert refused.status_code == 429
    assert "Too many wrong passwords. Try again in 15 minutes." in refused.text
    other = Dashboard(client=TestClient(app), shop=shop, demo=dashboard.demo)
    assert "Too many failed sign-ins" in other.sign_in().text
    shop.clock.advance(minutes=15, seconds=1)
    assert change_password(dashboard, dashboard.demo["dashboardPassword"]).status_code == 303


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_a_new_password_ends_other_sessions_and_renews_this_one(
    app: FastAPI, dashboard: Dashboard
) -> None:
    other = second_browser(app, dashboard)
    old_cookie = dashboard.client.cookies[COOKIE_NAME]
    old_csrf = dashboard.csrf()
    answer = change_password(dashboard, dashboard.demo["dashboardPassword"])
    assert answer.status_code == 303
    assert answer.headers["location"] == "/dashboard/account?done=password"
    set_cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in set_cookie
    assert "samesite=lax" in set_cookie.lower()
    new_cookie = dashboard.client.cookies[COOKIE_NAME]
    assert new_cookie != old_cookie
    page = dashboard.get("/dashboard/account?done=password")
    assert page.status_code == 200
    assert "Your password was changed." in page.text
    assert dashboard.csrf() != old_csrf
    assert not signed_in(other)
    stolen = TestClient(app)
    stolen.cookies.set(COOKIE_NAME, old_cookie)
    assert stolen.get("/dashboard/", follow_redirects=False).status_code == 303
    assert other.sign_in().status_code == 401
    assert other.sign_in(NEW_PASSWORD).status_code == 303
    assert signed_in(dashboard)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        (PASSWORD_PATH, {"current_password": "x", "new_password": "y" * 12}),
        (ZONE_PATH, {"timezone": "Europe/Berlin"}),
        ("/dashboard/account/sign-out-everywhere", {}),
    ],
)
def test_the_account_forms_need_the_csrf_token(
    dashboard: Dashboard, path: str, data: dict[str, str]
) -> None:
    answer = dashboard.post(path, data, csrf="forged")
    assert answer.status_code == 403
    assert "This form has expired" in answer.text
    assert stored_zone(dashboard) is None
    assert signed_in(dashboard)
    cross_site = dashboard.client.post(
        path,
        data={**data, "csrf_token": dashboard.csrf()},
        headers={"origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert cross_site.status_code == 403


def test_sign_out_everywhere_ends_every_session_of_the_user(
    app: FastAPI, dashboard: Dashboard, other_dashboard: Dashboard
) -> None:
    other = second_browser(app, dashboard)
    answer = dashboard.post("/dashboard/account/sign-out-everywhere")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/dashboard/signed-out"
    assert f'{COOKIE_NAME}=""' in answer.headers["set-cookie"]
    page = dashboard.get("/dashboard/signed-out")
    assert page.status_code == 200
    assert "You are signed out everywhere" in page.text
    assert not signed_in(dashboard)
    assert not signed_in(other)
    assert signed_in(other_dashboard)
    assert dashboard.sign_in().status_code == 303
    assert signed_in(dashboard)


# The shop's time zone


def test_the_time_zone_is_saved_for_the_merchant_and_checked(
    dashboard: Dashboard, other_dashboard: Dashboard
) -> None:
    for wrong in ("Mars/Olympus_Mons", "europe/berlin", "localtime", ""):
        answer = dashboard.post(ZONE_PATH, {"timezone": wrong})
        assert answer.status_code == 400, wrong
        assert "The time zone was not changed." in answer.text
        assert 'aria-invalid="true"' in answer.text
    assert stored_zone(dashboard) is None
    set_zone(dashboard, "Europe/Berlin")
    assert stored_zone(dashboard) == "Europe/Berlin"
    page = dashboard.get("/dashboard/account?done=timezone").text
    assert "The time zone was saved." in page
    assert '<option value="Europe/Berlin" selected>' in page
    assert "Now: 2025-06-15 14:00 CEST." in page
    assert stored_zone(other_dashboard) is None
    assert '<option value="UTC" selected>' in other_dashboard.get("/dashboard/account").text


def test_an_unknown_zone_shows_what_was_sent(dashboard: Dashboard) -> None:
    answer = dashboard.post(ZONE_PATH, {"timezone": "Mars/Olympus_Mons"})
    assert "Choose a time zone from the list. (“Mars/Olympus_Mons”)" in html.unescape(answer.text)


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_the_overview_counts_the_shops_days(
    dashboard: Dashboard, other_dashboard: Dashboard, shop: Shop
) -> None:
    set_zone(dashboard, "Asia/Seoul")
    shop.clock.now = datetime(2025, 6, 15, 16, 0, tzinfo=UTC)  # 16 June, 01:00 in Seoul
    report_as(
        dashboard,
        at(dashboard, "late", datetime(2025, 6, 15, 14, 59, tzinfo=UTC)),  # 15 June, 23:59
        at(dashboard, "midnight", datetime(2025, 6, 15, 15, 0, tzinfo=UTC)),  # 16 June, 00:00
        at(dashboard, "early", datetime(2025, 6, 15, 15, 30, tzinfo=UTC)),  # 16 June, 00:30
    )
    report_as(other_dashboard, at(other_dashboard, "theirs", shop.clock.now))
    text = dashboard.get("/dashboard/").text
    assert 'Today <span class="muted">(2025-06-16, Asia/Seoul)</span>' in text
    days = per_day(text)
    assert len(days) == 30
    assert days["2025-06-15"] == 1
    assert days["2025-06-16"] == 2
    assert min(days) == "2025-05-18"
    assert figure(text, "stamps") == "2"
    assert figure(text, "terminals") == "1"
    assert figure(text, "cards") == "0"  # the demo card: 15 June, 21:00 in Seoul
    assert "<title>2025-06-16: 2 stamps given</title>" in text
    assert "Day (Asia/Seoul)" in text
    assert "Per day (Asia/Seoul), newest first" in text
    theirs = other_dashboard.get("/dashboard/").text
    assert "(2025-06-15, UTC)" in theirs
    assert per_day(theirs)["2025-06-15"] == 1
    assert "2025-06-16" not in per_day(theirs)
    assert figure(theirs, "cards") == "1"


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
@pytest.mark.parametrize(
    ("day", "hours", "on_the_day", "next_day"),
    [(date(2025, 10, 26), 25, 3, 1), (date(2026, 3, 29), 23, 2, 2)],
    ids=["autumn-25-hours", "spring-23-hours"],
)
def test_a_day_on_which_the_clocks_change_is_bucketed_right(
    dashboard: Dashboard, shop: Shop, day: date, hours: int, on_the_day: int, next_day: int
) -> None:
    start, end = day_bounds(day, "Europe/Berlin")
    assert end - start == timedelta(hours=hours)
    set_zone(dashboard, "Europe/Berlin")
    shop.clock.now = end + timedelta(hours=9)
    assert dashboard.sign_in().status_code == 303
    minute = timedelta(minutes=1)
    report_as(
        dashboard,
        at(dashboard, "before", start - minute),
        at(dashboard, "first", start),
        at(dashboard, "last", end - minute),
        # 24.5 hours after midnight: still the day when it has 25 hours, else the next day
        at(dashboard, "probe", start + timedelta(hours=24, minutes=30)),
        at(dashboard, "next", end),
    )
    text = dashboard.get("/dashboard/").text
    days = per_day(text)
    after = day + timedelta(days=1)
    assert days[(day - timedelta(days=1)).isoformat()] == 1
    assert days[day.isoformat()] == on_the_day
    assert days[after.isoformat()] == next_day
    assert f"({after.isoformat()}, Europe/Berlin)" in text
    assert figure(text, "stamps") == str(next_day)


def test_the_terminals_events_today_start_at_the_shops_midnight(
    dashboard: Dashboard, shop: Shop
) -> None:
    set_zone(dashboard, "Asia/Seoul")
    report_as(dashboard, event(dashboard, "evening"))  # 15 June, 21:00 in Seoul
    shop.clock.advance(hours=3, minutes=30)  # 16 June, 00:30 in Seoul, still 15 June in UTC
    report_as(dashboard, event(dashboard, "after-midnight"))
    page = dashboard.get("/dashboard/terminals").text
    row = row_of(page, "2025-06-16 00:30 KST")
    assert re.search(r'<td class="number">1</td>', row)
    assert "since midnight (Asia/Seoul)" in page


def test_history_times_show_in_the_shops_zone(
    dashboard: Dashboard, other_dashboard: Dashboard
) -> None:
    set_zone(dashboard, "Europe/Berlin")
    report_as(dashboard, event(dashboard, "one"))
    report_as(other_dashboard, event(other_dashboard, "theirs"))
    user = dashboard.demo["userId"]
    mine = html.unescape(dashboard.get(f"/dashboard/customers/{user}").text)
    history = mine[mine.index('class="history"') :]
    assert "2025-06-15 14:00 CEST" in history
    assert "12:00 UTC" not in mine
    assert "2025-06-15 14:00 CEST" in dashboard.get("/dashboard/customers").text
    theirs = other_dashboard.get(f"/dashboard/customers/{other_dashboard.demo['userId']}").text
    assert "2025-06-15 12:00 UTC" in theirs
    assert "CEST" not in theirs


def test_a_review_time_shows_in_the_shops_zone(dashboard: Dashboard) -> None:
    set_zone(dashboard, "America/New_York")
    with dashboard.shop.write() as session:
        card = session.get(t.CardInstance, dashboard.demo["cardInstanceId"])
        assert card is not None
        card.expiration_date = dashboard.shop.clock() - timedelta(days=1)
    [refused] = report_as(dashboard, event(dashboard, "expired"))
    assert refused["result"]["code"] != 0
    page = dashboard.get("/dashboard/review").text
    assert "2025-06-15 08:00 EDT" in page


def test_a_zone_the_server_cannot_use_falls_back_to_utc(dashboard: Dashboard) -> None:
    with dashboard.shop.write() as session:
        merchant = session.get(t.Merchant, dashboard.merchant_id)
        assert merchant is not None
        merchant.timezone = "Atlantis/Capital"
    report_as(dashboard, event(dashboard, "one"))
    page = dashboard.get("/dashboard/").text
    assert "(2025-06-15, UTC)" in page
    assert "2025-06-15 12:00 UTC" in dashboard.get("/dashboard/terminals").text
    assert '<option value="UTC" selected>' in dashboard.get("/dashboard/account").text


def test_times_carry_the_zones_abbreviation() -> None:
    winter = datetime(2026, 11, 25, 17, 4, tzinfo=UTC)
    assert format_datetime(winter, "Europe/Berlin") == "2026-11-25 18:04 CET"
    assert format_datetime(winter, "Asia/Seoul") == "2026-11-26 02:04 KST"
    assert format_datetime(winter, None) == "2026-11-25 17:04 UTC"
    assert format_datetime(winter, "Asia/Dubai") == "2026-11-25 21:04 UTC+04"
    assert format_datetime(winter, "No/Such_Zone") == "2026-11-25 17:04 UTC"
    assert is_zone_name("Europe/Berlin")
    assert not is_zone_name("localtime")
    assert not is_zone_name("Factory")
    assert "UTC" in zone_names()
    assert list(zone_names()) == sorted(zone_names())


# stamp-server user set-password


def test_stamp_server_user_set_password(
    app: FastAPI,
    dashboard: Dashboard,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = second_browser(app, dashboard)
    email = dashboard.demo["dashboardEmail"]
    command = ["user", "set-password", "--password-stdin"]
    database = ["--database-url", settings.database_url]
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main([*command, "--email", email, *database]) == 2
    assert "at least 10 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{NEW_PASSWORD}\n"))
    assert main([*command, "--email", "nobody@shop.example", *database]) == 2
    assert "no dashboard user with the e-mail 'nobody@shop.example'" in capsys.readouterr().err
    assert signed_in(dashboard)

    forgetful = Dashboard(client=TestClient(app), shop=dashboard.shop, demo=dashboard.demo)
    for _ in range(MAX_FAILURES_PER_EMAIL):
        assert forgetful.sign_in("forgotten password").status_code == 401
    assert "Too many failed sign-ins" in forgetful.sign_in().text
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{NEW_PASSWORD}\n"))
    assert main([*command, "--email", f" {email.upper()} ", *database]) == 0
    changed = json.loads(capsys.readouterr().out)
    assert changed["email"] == email
    assert changed["passwordChanged"] is True
    assert NEW_PASSWORD not in json.dumps(changed)
    assert not signed_in(dashboard)
    assert not signed_in(other)
    assert forgetful.sign_in().status_code == 401
    assert forgetful.sign_in(NEW_PASSWORD).status_code == 303
    assert signed_in(forgetful)
