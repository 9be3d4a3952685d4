"""The overview: today's figures and the chart of the last 30 days, limited to the merchant."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from web_kit import Dashboard, event, report_as

from server import admin
from server.web.chart import ChartDay, render_chart, scale


def per_day(page: str) -> dict[str, tuple[int, int, int]]:
    """The table of the chart's numbers: day -> (stamps, rewards earned, rewards redeemed)."""
    rows = re.findall(
        r'<tr><th scope="row">([0-9-]+)</th><td class="number">(\d+)</td>'
        r'<td class="number">(\d+)</td><td class="number">(\d+)</td></tr>',
        page,
    )
    return {day: (int(s), int(r), int(d)) for day, s, r, d in rows}


def next_day(*dashboards: Dashboard, days: int = 1) -> None:
    """Move the clock on; the dashboard sessions (12 hours) have ended, so sign in again."""
    dashboards[0].shop.clock.advance(days=days)
    for dashboard in dashboards:
        assert dashboard.sign_in().status_code == 303


def figure(page: str, name: str) -> str:
    found = re.search(rf'id="today-{name}">(?:<a [^>]*>)?(\d+)', page)
    assert found is not None, name
    return found.group(1)


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_the_chart_counts_the_merchants_events_per_day(
    dashboard: Dashboard, other_dashboard: Dashboard
) -> None:
    results = report_as(dashboard, *(event(dashboard, f"a{i}") for i in range(10)))
    [reward] = results[-1]["rewards"]
    report_as(
        dashboard, event(dashboard, "redeem", "REDEEM", rewardInstanceId=reward["rewardInstanceId"])
    )
    next_day(dashboard, other_dashboard)
    report_as(dashboard, *(event(dashboard, f"b{i}") for i in range(3)))
    [again] = report_as(
        dashboard,
        event(dashboard, "redeem-again", "REDEEM", rewardInstanceId=reward["rewardInstanceId"]),
    )
    assert again["result"]["code"] == 32003
    report_as(other_dashboard, *(event(other_dashboard, f"o{i}") for i in range(5)))

    page = dashboard.get("/dashboard/")
    assert page.status_code == 200
    text = page.text
    days = per_day(text)
    assert len(days) == 30
    assert days["2025-06-15"] == (10, 1, 1)
    assert days["2025-06-16"] == (3, 0, 0)
    assert sum(stamps for stamps, _, _ in days.values()) == 13
    assert min(days) == "2025-05-18"
    assert figure(text, "stamps") == "3"
    assert figure(text, "rewards") == "0"
    assert figure(text, "redeems") == "0"
    assert figure(text, "review") == "1"
    assert figure(text, "terminals") == "1"
    assert "<title>2025-06-15: 10 stamps given</title>" in text
    assert "<title>2025-06-15: 1 reward redeemed</title>" in text
    assert "<title>2025-06-16: 3 stamps given</title>" in text
    assert "5 stamps given" not in text
    theirs = per_day(other_dashboard.get("/dashboard/").text)
    assert theirs["2025-06-16"] == (5, 0, 0)
    assert theirs["2025-06-15"] == (0, 0, 0)


def test_the_page_goes_through_the_content_security_policy(dashboard: Dashboard) -> None:
    report_as(dashboard, event(dashboard, "a"))
    page = dashboard.get("/dashboard/")
    assert "style-src 'self'" in page.headers["content-security-policy"]
    body = page.text
    assert "<svg" in body
    assert 'class="bar-stamps"' in body
    assert " style=" not in body
    assert "<style" not in body
    assert "<script" not in body


def test_today_counts_new_cards_and_only_synced_terminals(dashboard: Dashboard) -> None:
    shop = dashboard.shop
    next_day(dashboard)
    with shop.write() as session:
        admin.create_terminal(session, shop.services.now(), merchant_id=dashboard.merchant_id)
        user, _token = admin.create_customer(session, shop.services.now(), name="New")
        session.flush()
        admin.issue_card(
            session,
            shop.services.now(),
            stamp_card_id=dashboard.demo["stampCardId"],
            user_id=user.id,
        )
    page = dashboard.get("/dashboard/").text
    assert figure(page, "cards") == "1"
    assert figure(page, "terminals") == "0"
    assert "of 2)" in page
    report_as(dashboard, event(dashboard, "today"))
    page = html.unescape(dashboard.get("/dashboard/").text)
    assert figure(page, "terminals") == "1"
    assert figure(page, "stamps") == "1"


def test_an_event_outside_the_30_days_is_not_counted(dashboard: Dashboard) -> None:
    report_as(dashboard, event(dashboard, "old"))
    next_day(dashboard, days=30)
    days = per_day(dashboard.get("/dashboard/").text)
    assert sum(stamps for stamps, _, _ in days.values()) == 0
    assert "No stamps given and no rewards redeemed" in dashboard.get("/dashboard/").text


def test_the_scale_has_round_steps() -> None:
    assert scale(0) == (1, 1)
    assert scale(3) == (3, 1)
    assert scale(9) == (10, 5)
    assert scale(41) == (60, 20)
    assert scale(1234) == (1500, 500)


def test_bars_are_as_high_as_their_numbers() -> None:
    days = [ChartDay(date(2025, 6, 1), 8, 2), ChartDay(date(2025, 6, 2), 4, 0)]
    svg = str(render_chart(days, title="T <1>", description="D & E"))
    heights = {
        title: float(height)
        for height, title in re.findall(r'height="([\d.]+)"><title>([^<]+)</title>', svg)
    }
    assert heights["2025-06-01: 8 stamps given"] == pytest.approx(
        2 * heights["2025-06-02: 4 stamps given"]
    )
    assert heights["2025-06-01: 8 stamps given"] == pytest.approx(
        4 * heights["2025-06-01: 2 rewards redeemed"]
    )
    assert "2025-06-02: 0 rewards redeemed" not in svg
    assert "T &lt;1&gt;" in svg
    assert "D &amp; E" in svg
    assert ">2 Jun<" in svg
