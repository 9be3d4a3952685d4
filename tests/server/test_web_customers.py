"""The dashboard's customer pages: search, a customer's cards with their histories, corrections.

Every demo set has a customer named "Demo Customer" with the phone +15550100001, so another
merchant's customer matches the same searches: they must never show up.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from server_testkit import api_time
from sqlalchemy import func, select
from web_kit import Dashboard, event, report_as

from server import admin
from server.db import tables as t


def stamps_on(dashboard: Dashboard, card_id: str | None = None) -> int:
    with dashboard.shop.services.db.read() as session:
        card = session.get(t.CardInstance, card_id or dashboard.demo["cardInstanceId"])
        assert card is not None
        return card.current_stamps


def event_count(dashboard: Dashboard) -> int:
    with dashboard.shop.services.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(t.Event)) or 0)


def customer_link(demo: dict[str, Any]) -> str:
    return f'href="/dashboard/customers/{demo["userId"]}"'


def customer_page(dashboard: Dashboard) -> str:
    page = dashboard.get(f"/dashboard/customers/{dashboard.demo['userId']}")
    assert page.status_code == 200, page.text
    return page.text


def corrections_path(dashboard: Dashboard) -> str:
    return f"/dashboard/cards/{dashboard.demo['cardInstanceId']}/corrections"


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_search_finds_own_customer_by_phone_name_card_code_and_card_url(
    dashboard: Dashboard, other_dashboard: Dashboard
) -> None:
    mine, theirs = customer_link(dashboard.demo), customer_link(other_dashboard.demo)
    card = dashboard.demo["cardInstanceId"]
    searches = {
        "phone with spaces": "+1 555 0100 001",
        "part of the phone": "0100001",
        "part of the name, other case": "demo CUST",
        "card id in capitals": card.upper(),
        "card URL as a QR scanner gives it": dashboard.demo["cardUrl"],
    }
    for what, query in searches.items():
        page = dashboard.get(f"/dashboard/customers?{urlencode({'q': query})}")
        assert page.status_code == 200, what
        assert mine in page.text, what
        assert theirs not in page.text, what
    everyone = dashboard.get("/dashboard/customers").text
    assert mine in everyone
    assert theirs not in everyone
    for foreign in (other_dashboard.demo["cardInstanceId"], other_dashboard.demo["cardUrl"]):
        page = dashboard.get(f"/dashboard/customers?{urlencode({'q': foreign})}")
        assert mine not in page.text
        assert theirs not in page.text
        assert "No customer of yours matches" in page.text
    assert "No customer of yours matches" in dashboard.get("/dashboard/customers?q=Nobody").text


def test_search_by_a_name_with_like_wildcards_matches_only_literally(dashboard: Dashboard) -> None:
    page = dashboard.get("/dashboard/customers?q=%25").text
    assert customer_link(dashboard.demo) not in page
    assert "No customer of yours matches" in page


def test_another_merchants_customer_and_card_are_not_found(
    dashboard: Dashboard, other_dashboard: Dashboard
) -> None:
    unknown = dashboard.get("/dashboard/customers/00000000-0000-0000-0000-000000000000")
    assert unknown.status_code == 404
    foreign = dashboard.get(f"/dashboard/customers/{other_dashboard.demo['userId']}")
    assert foreign.status_code == 404
    assert foreign.text == unknown.text
    report_as(other_dashboard, event(other_dashboard, "theirs-1"))
    before = event_count(dashboard)
    answer = dashboard.post(
        corrections_path(other_dashboard),
        {"action": "remove_stamp", "count": "1", "reason": "not my card"},
    )
    assert answer.status_code == 404
    assert answer.text == unknown.text
    assert stamps_on(other_dashboard) == 1
    assert event_count(dashboard) == before


def test_history_shows_the_terminal_and_refusals_with_their_reason(dashboard: Dashboard) -> None:
    with dashboard.shop.write() as session:
        admin.set_stamp_card_limits(
            session, stamp_card_id=dashboard.demo["stampCardId"], cooldown_seconds=600
        )
    [applied] = report_as(dashboard, event(dashboard, "first"))
    assert applied["result"]["code"] == 0
    dashboard.shop.clock.advance(seconds=30)
    [refused] = report_as(dashboard, event(dashboard, "too-soon"))
    assert refused["result"]["code"] == 33003
    page = customer_page(dashboard)
    assert "10 stamps -&gt; free coffee" in page
    assert "1 of 10" in page
    rows = re.findall(r"<tr>\s*<td>.*?</tr>", page, flags=re.S)
    assert len(rows) == 2
    newest, oldest = rows
    assert "Refused:" in newest
    assert "Anti-fraud rule of the stamp card" in newest
    assert "Demo terminal" in newest
    assert "2025-06-15 12:00 UTC" in newest
    assert "Applied" in oldest
    assert "+1" in oldest
    assert "Demo terminal" in oldest


def test_remove_stamps_with_a_reason(dashboard: Dashboard) -> None:
    report_as(dashboard, *(event(dashboard, f"s{i}") for i in range(3)))
    assert stamps_on(dashboard) == 3
    answer = dashboard.post(
        corrections_path(dashboard),
        {"action": "remove_stamp", "count": "2", "reason": "Scanned twice by mistake"},
    )
    assert answer.status_code == 303, answer.text
    target = answer.headers["location"]
    assert target.startswith(f"/dashboard/customers/{dashboard.demo['userId']}?")
    assert stamps_on(dashboard) == 1
    page = dashboard.get(target).text
    assert "Removed 2 stamps." in page
    assert "1 of 10" in page
    removals = [
        row
        for row in re.findall(r"<tr>\s*<td>.*?</tr>", page, flags=re.S)
        if "Stamp removed" in row
    ]
    assert len(removals) == 2
    for row in removals:
        assert "Scanned twice by mistake" in row
        assert f"Dashboard ({dashboard.demo['dashboardEmail']})" in row
        assert "-1" in row
        assert "Applied" in row


def test_add_stamps_earns_the_reward_and_a_reward_can_be_removed(dashboard: Dashboard) -> None:
    answer = dashboard.post(
        corrections_path(dashboard),
        {"action": "add_stamp", "count": "10", "reason": "Paper card brought in"},
    )
    assert answer.status_code == 303, answer.text
    page = dashboard.get(answer.headers["location"]).text
    assert "Added 10 stamps." in page
    assert "Reward earned: Free coffee" in page
    with dashboard.shop.services.db.read() as session:
        [reward] = session.scalars(
            select(t.RewardInstance).where(
                t.RewardInstance.card_instance_id == dashboard.demo["cardInstanceId"]
            )
        ).all()
    assert reward.status == "ACTIVE"
    assert f'<option value="{reward.id}"' in page
    answer = dashboard.post(
        corrections_path(dashboard),
        {"action": "remove_reward", "reward_instance_id": reward.id, "reason": "Given on paper"},
    )
    assert answer.status_code == 303, answer.text
    page = dashboard.get(answer.headers["location"]).text
    assert "The reward was removed." in page
    assert "No reward to use." in page
    with dashboard.shop.services.db.read() as session:
        stored = session.get(t.RewardInstance, reward.id)
        assert stored is not None
        assert stored.status == "DELETED"


def test_added_stamps_refused_by_the_anti_fraud_rule_say_so(dashboard: Dashboard) -> None:
    with dashboard.shop.write() as session:
        admin.set_stamp_card_limits(
            session, stamp_card_id=dashboard.demo["stampCardId"], cooldown_seconds=600
        )
    report_as(dashboard, event(dashboard, "visit"))
    dashboard.shop.clock.advance(seconds=60)
    answer = dashboard.post(
        corrections_path(dashboard), {"action": "add_stamp", "count": "2", "reason": "Forgot"}
    )
    assert answer.status_code == 303, answer.text
    page = html.unescape(dashboard.get(answer.headers["location"]).text)
    assert "The correction was refused and nothing was changed." in page
    assert "Wait until the stamp card's cooldown has passed" in page
    assert stamps_on(dashboard) == 1
    refused = [
        row for row in re.findall(r"<tr>\s*<td>.*?</tr>", page, flags=re.S) if "Forgot" in row
    ]
    assert len(refused) == 2
    assert all("Refused:" in row for row in refused)
    dashboard.shop.clock.advance(seconds=600)
    answer = dashboard.post(
        corrections_path(dashboard), {"action": "add_stamp", "count": "2", "reason": "Forgot"}
    )
    assert "Added 2 stamps." in dashboard.get(answer.headers["location"]).text
    assert stamps_on(dashboard) == 3


def test_a_correction_without_reason_is_refused_and_keeps_the_values(dashboard: Dashboard) -> None:
    report_as(dashboard, *(event(dashboard, f"s{i}") for i in range(3)))
    before = event_count(dashboard)
    answer = dashboard.post(
        corrections_path(dashboard), {"action": "remove_stamp", "count": "2", "reason": "  "}
    )
    assert answer.status_code == 400
    assert "Give the reason for this correction" in answer.text
    assert 'value="2"' in answer.text
    assert '<option value="remove_stamp" selected>' in answer.text
    assert stamps_on(dashboard) == 3
    assert event_count(dashboard) == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"action": "remove_stamp", "count": "4"}, "Enter a number from 1 to 3."),
        ({"action": "remove_stamp", "count": "two"}, "Enter a whole number."),
        ({"action": "remove_reward"}, "This card has no active reward to remove."),
        ({"action": "stamp_everything"}, "Choose what to correct."),
        ({"action": ""}, "Choose what to correct."),
        ({"action": "add_stamp", "count": "0"}, "Enter a number from 1 to 50."),
    ],
)
def test_a_correction_that_cannot_be_applied_says_why(
    dashboard: Dashboard, fields: dict[str, str], message: str
) -> None:
    report_as(dashboard, *(event(dashboard, f"s{i}") for i in range(3)))
    before = event_count(dashboard)
    answer = dashboard.post(corrections_path(dashboard), {**fields, "reason": "Because"})
    assert answer.status_code == 400
    assert message in answer.text
    assert 'value="Because"' in answer.text
    assert stamps_on(dashboard) == 3
    assert event_count(dashboard) == before


def test_a_correction_without_csrf_token_changes_nothing(dashboard: Dashboard) -> None:
    report_as(dashboard, event(dashboard, "s"))
    before = event_count(dashboard)
    fields = {"action": "remove_stamp", "count": "1", "reason": "Mistake"}
    wrong = dashboard.post(corrections_path(dashboard), fields, csrf="forged")
    assert wrong.status_code == 403
    missing = dashboard.client.post(
        corrections_path(dashboard), data=fields, follow_redirects=False
    )
    assert missing.status_code == 403
    assert stamps_on(dashboard) == 1
    assert event_count(dashboard) == before


def test_the_history_is_capped_and_says_so(dashboard: Dashboard) -> None:
    start = dashboard.shop.clock()
    events = [
        {**event(dashboard, f"s{i}"), "eventTime": api_time(start + timedelta(seconds=i))}
        for i in range(101)
    ]
    report_as(dashboard, *events)
    page = customer_page(dashboard)
    assert "Only the 100 newest events of this card are shown." in page
    assert len(re.findall(r"<tr>\s*<td>", page)) == 100
