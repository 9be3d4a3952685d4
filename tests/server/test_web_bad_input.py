"""Garbage in the web pages' URLs and forms: a clear page, never a server error, nothing lost."""

from __future__ import annotations

import pytest
from web_kit import Dashboard

from server.db import tables as t

LONG = "9" * 5000
ODD_IDS = ["%00", "..%2F..%2Fetc", LONG, "%F0%9F%98%80", "' OR 1=1 --", "-1", "1e309"]


@pytest.mark.parametrize(
    "page",
    [
        "/c/{odd}",
        "/c/{odd}.{odd}",
        "/c/{odd}/manifest.webmanifest",
        "/dashboard/customers/{odd}",
        "/dashboard/stamp-cards/{odd}",
        "/dashboard/customers?q={odd}",
    ],
)
def test_odd_urls_get_a_page_not_an_error(dashboard: Dashboard, page: str) -> None:
    for odd in ODD_IDS:
        answer = dashboard.get(page.format(odd=odd))
        assert answer.status_code in (200, 404), (odd, answer.text[:300])
        assert "Traceback" not in answer.text
        assert answer.headers["content-type"].startswith("text/html"), odd


@pytest.mark.parametrize(
    "action",
    [
        "/dashboard/review/{odd}/grant",
        "/dashboard/review/{odd}/dismiss",
        "/dashboard/terminals/{odd}/revoke",
        "/dashboard/cards/{odd}/corrections",
        "/dashboard/stamp-cards/{odd}/rewards",
        "/dashboard/stamp-cards/{odd}/stamps/{odd}/state",
    ],
)
def test_odd_ids_in_forms_change_nothing(dashboard: Dashboard, action: str) -> None:
    before = _counts(dashboard)
    for odd in ODD_IDS:
        form = {"reason": "x", "note": "y", "count": "1"}
        answer = dashboard.post(action.format(odd=odd), form)
        assert answer.status_code in (400, 404), (odd, answer.text[:300])
        assert "Traceback" not in answer.text
    assert _counts(dashboard) == before


@pytest.mark.parametrize(
    "form",
    [
        {"action": "remove_stamp", "count": LONG, "reason": "typo"},
        {"action": "remove_stamp", "count": "1", "reason": "\x00"},
        {"action": "add_stamp", "count": "-3", "reason": "typo"},
        {"action": "nonsense", "count": "1", "reason": "typo"},
        {"action": "remove_reward", "reward_instance_id": LONG, "reason": "typo"},
        {"action": "add_stamp", "count": "1", "reason": LONG},
    ],
)
def test_bad_corrections_are_explained_and_change_nothing(
    dashboard: Dashboard, form: dict[str, str]
) -> None:
    before = _counts(dashboard)
    card = dashboard.demo["cardInstanceId"]
    answer = dashboard.post(f"/dashboard/cards/{card}/corrections", form)
    assert answer.status_code == 400, answer.text[:300]
    assert 'class="field-error"' in answer.text or 'role="alert"' in answer.text
    assert _counts(dashboard) == before


def test_a_broken_form_body_is_refused_plainly(dashboard: Dashboard) -> None:
    answer = dashboard.client.post(
        "/dashboard/terminals",
        content=b"\xff\xfe%%%&&&=",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert answer.status_code in (400, 403)
    assert "Traceback" not in answer.text


def _counts(dashboard: Dashboard) -> tuple[int, int, int]:
    with dashboard.shop.write() as session:
        return (
            session.query(t.Event).count(),
            session.query(t.EventReview).count(),
            session.query(t.Credential).filter(t.Credential.revoked_at.is_not(None)).count(),
        )
