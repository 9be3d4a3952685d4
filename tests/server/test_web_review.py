"""The review queue: refused events of the merchant's terminals and events their scan policy
held, with the decisions Grant (the stamp as a correction) and Dismiss."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select, update
from web_kit import Dashboard, event, report_as

from server import admin
from server.db import tables as t

ANTI_FRAUD = "Anti-fraud rule of the stamp card"


def event_pk(dashboard: Dashboard, event_id: str) -> int:
    with dashboard.shop.services.db.read() as session:
        pk = session.scalar(select(t.Event.id).where(t.Event.event_id == event_id))
    assert pk is not None
    return int(pk)


def stamps_on(dashboard: Dashboard) -> int:
    with dashboard.shop.services.db.read() as session:
        card = session.get(t.CardInstance, dashboard.demo["cardInstanceId"])
        assert card is not None
        return card.current_stamps


def reviews(dashboard: Dashboard) -> int:
    with dashboard.shop.services.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(t.EventReview)) or 0)


def waiting(page: str, pk: int) -> bool:
    """Whether the review page lists event ``pk`` as waiting for a decision."""
    return f'action="/dashboard/review/{pk}/dismiss"' in page


def refused_stamp(dashboard: Dashboard, *, cooldown: int = 600) -> int:
    """A stamp the anti-fraud rule refused (33003) after one applied; its event pk."""
    with dashboard.shop.write() as session:
        admin.set_stamp_card_limits(
            session, stamp_card_id=dashboard.demo["stampCardId"], cooldown_seconds=cooldown
        )
    [first] = report_as(dashboard, event(dashboard, "first"))
    assert first["result"]["code"] == 0
    dashboard.shop.clock.advance(seconds=20)
    [second] = report_as(dashboard, event(dashboard, "second"))
    assert second["result"]["code"] == 33003
    return event_pk(dashboard, "second")


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_a_refused_stamp_waits_and_grant_gives_it(dashboard: Dashboard) -> None:
    pk = refused_stamp(dashboard, cooldown=60)
    page = dashboard.get("/dashboard/review")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert waiting(text, pk)
    assert ANTI_FRAUD in text
    assert "Demo terminal" in text
    assert f'href="/dashboard/customers/{dashboard.demo["userId"]}#card-' in text
    assert "Waiting for a decision (1)" in text
    assert f'formaction="/dashboard/review/{pk}/grant"' in text
    dashboard.shop.clock.advance(seconds=60)
    answer = dashboard.post(f"/dashboard/review/{pk}/grant", {"note": "regular customer"})
    assert answer.status_code == 303, answer.text
    assert stamps_on(dashboard) == 2
    after = html.unescape(dashboard.get(answer.headers["location"]).text)
    assert "Granted: Added 1 stamp." in after
    assert not waiting(after, pk)
    assert "Waiting for a decision (0)" in after
    assert "Stamp granted" in after
    assert "regular customer" in after
    history = html.unescape(dashboard.get(f"/dashboard/customers/{dashboard.demo['userId']}").text)
    assert f"granted from review: {ANTI_FRAUD}" in history
    assert f"Dashboard ({dashboard.demo['dashboardEmail']})" in history
    again = dashboard.post(f"/dashboard/review/{pk}/grant")
    assert again.headers["location"] == "/dashboard/review?done=already"
    assert stamps_on(dashboard) == 2
    assert reviews(dashboard) == 1


def test_a_grant_the_rules_refuse_leaves_the_event_waiting(dashboard: Dashboard) -> None:
    pk = refused_stamp(dashboard, cooldown=3600)
    answer = dashboard.post(f"/dashboard/review/{pk}/grant")
    assert answer.status_code == 303, answer.text
    page = html.unescape(dashboard.get(answer.headers["location"]).text)
    assert "The stamp was not granted and the event is still waiting." in page
    assert "Wait until the stamp card's cooldown has passed" in page
    assert waiting(page, pk)
    assert stamps_on(dashboard) == 1
    assert reviews(dashboard) == 0


def test_dismiss_takes_the_event_off_the_queue_with_its_note(dashboard: Dashboard) -> None:
    pk = refused_stamp(dashboard)
    answer = dashboard.post(f"/dashboard/review/{pk}/dismiss", {"note": "Came back too soon"})
    assert answer.status_code == 303, answer.text
    page = html.unescape(dashboard.get(answer.headers["location"]).text)
    assert "Dismissed." in page
    assert not waiting(page, pk)
    assert "Came back too soon" in page
    assert dashboard.demo["dashboardEmail"] in page
    assert stamps_on(dashboard) == 1
    with dashboard.shop.services.db.read() as session:
        review = session.get(t.EventReview, pk)
        assert review is not None
        assert (review.decision, review.note) == ("dismiss", "Came back too soon")


def test_a_note_too_long_is_refused_and_kept(dashboard: Dashboard) -> None:
    pk = refused_stamp(dashboard)
    note = "x" * 501
    answer = dashboard.post(f"/dashboard/review/{pk}/dismiss", {"note": note})
    assert answer.status_code == 400
    assert "At most 500 characters." in answer.text
    assert f'value="{note}"' in answer.text
    assert reviews(dashboard) == 0


def test_an_event_held_by_the_terminal_policy_waits(dashboard: Dashboard) -> None:
    report_as(dashboard, event(dashboard, "held"))
    pk = event_pk(dashboard, "held")
    assert not waiting(dashboard.get("/dashboard/review").text, pk)
    with dashboard.shop.write() as session:
        session.execute(
            update(t.Event)
            .where(t.Event.id == pk)
            .values(flag="policy", note="Third stamp within 10 minutes")
        )
    page = html.unescape(dashboard.get("/dashboard/review").text)
    assert waiting(page, pk)
    assert "Held by the terminal's policy: Third stamp within 10 minutes" in page
    assert f"/dashboard/review/{pk}/grant" not in page
    answer = dashboard.post(f"/dashboard/review/{pk}/grant")
    assert answer.headers["location"] == "/dashboard/review?done=cannot"
    assert reviews(dashboard) == 0
    dismissed = dashboard.post(f"/dashboard/review/{pk}/dismiss")
    assert dismissed.status_code == 303
    assert not waiting(dashboard.get("/dashboard/review").text, pk)


def test_another_merchants_event_is_not_found(
    dashboard: Dashboard, other_dashboard: Dashboard
) -> None:
    theirs = refused_stamp(other_dashboard)
    assert waiting(other_dashboard.get("/dashboard/review").text, theirs)
    assert not waiting(dashboard.get("/dashboard/review").text, theirs)
    unknown = dashboard.post("/dashboard/review/999999/dismiss")
    assert unknown.status_code == 404
    for action in ("dismiss", "grant"):
        answer = dashboard.post(f"/dashboard/review/{theirs}/{action}", {"note": "mine?"})
        assert answer.status_code == 404
        assert answer.text == unknown.text
    assert dashboard.post("/dashboard/review/not-a-number/dismiss").status_code == 404
    assert reviews(dashboard) == 0
    assert stamps_on(other_dashboard) == 1


def test_a_refused_event_of_another_merchants_card_shows_no_customer(
    dashboard: Dashboard, other_dashboard: Dashboard
) -> None:
    foreign = {
        **event(dashboard, "foreign"),
        "cardInstanceId": other_dashboard.demo["cardInstanceId"],
    }
    [result] = report_as(dashboard, foreign)
    assert result["result"]["code"] == 20006
    page = html.unescape(dashboard.get("/dashboard/review").text)
    pk = event_pk(dashboard, "foreign")
    assert waiting(page, pk)
    assert "The card belongs to another shop." in page
    assert other_dashboard.demo["userId"] not in page
    assert f"/dashboard/review/{pk}/grant" not in page


def test_a_decision_without_csrf_token_records_nothing(dashboard: Dashboard) -> None:
    pk = refused_stamp(dashboard)
    assert dashboard.post(f"/dashboard/review/{pk}/dismiss", csrf="forged").status_code == 403
    missing = dashboard.client.post(f"/dashboard/review/{pk}/grant", follow_redirects=False)
    assert missing.status_code == 403
    assert reviews(dashboard) == 0
    assert stamps_on(dashboard) == 1
