"""The dashboard's stamp cards: creating one with its first reward, editing it, its rewards and
its stamp values, and what the terminals get from that (master data, the rules of events)."""

from __future__ import annotations

import html
from typing import Any

import httpx
import pytest
from server_testkit import PREFIX, Shop, bearer
from sqlalchemy import select
from web_kit import Dashboard

from server import admin
from server.db import tables as t

NEW_CARD = {
    "name": "Bagel club",
    "information": "Every 5th bagel is free",
    "tnc": "One stamp per bagel.",
    "card_validity_days": "180",
    "cooldown_seconds": "0",
    "max_stamps_per_day": "0",
    "published": "on",
    "reward_name": "Free bagel",
    "threshold": "5",
    "validity_days": "14",
    "description": "Any bagel",
    "message": "Enjoy!",
}


def create_card(dashboard: Dashboard, **changes: str) -> str:
    """A stamp card made through the form; its id."""
    answer = dashboard.post("/dashboard/stamp-cards/new", {**NEW_CARD, **changes})
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]
    assert location.endswith("?done=created")
    return location.split("?")[0].rsplit("/", 1)[1]


def stored_card(dashboard: Dashboard, stamp_card_id: str) -> t.StampCard:
    with dashboard.shop.services.db.read() as session:
        card = session.get(t.StampCard, stamp_card_id)
        assert card is not None
        return card


def rewards_of(dashboard: Dashboard, stamp_card_id: str) -> list[t.Reward]:
    with dashboard.shop.services.db.read() as session:
        return list(
            session.scalars(
                select(t.Reward)
                .where(t.Reward.stamp_card_id == stamp_card_id)
                .order_by(t.Reward.threshold)
            )
        )


def stamps_of(dashboard: Dashboard, stamp_card_id: str) -> list[t.Stamp]:
    with dashboard.shop.services.db.read() as session:
        return list(
            session.scalars(
                select(t.Stamp)
                .where(t.Stamp.stamp_card_id == stamp_card_id)
                .order_by(t.Stamp.created_at)
            )
        )


def terminal_call(dashboard: Dashboard, op: str, body: Any = None) -> httpx.Response:
    """An API call as the terminal of the dashboard's merchant."""
    headers = bearer(dashboard.demo["apiKey"], dashboard.demo["terminalToken"])
    return dashboard.shop.post(f"{PREFIX}/{op}", body, headers)


def issue(dashboard: Dashboard, stamp_card_id: str) -> str:
    shop = dashboard.shop
    with shop.write() as session:
        card = admin.issue_card(
            session,
            shop.services.now(),
            stamp_card_id=stamp_card_id,
            user_id=dashboard.demo["userId"],
        )
        return card.id


def stamp(dashboard: Dashboard, card_instance_id: str, event_id: str) -> dict[str, Any]:
    event = dashboard.shop.event(event_id, card=card_instance_id)
    response = terminal_call(dashboard, "reportMultiStampEvents", {"events": [event]})
    assert response.status_code == 200, response.text
    [result] = response.json()["eventResults"]
    assert result["result"]["code"] == 0, result
    return dict(result)


def test_a_new_stamp_card_is_listed_with_its_idx_and_reaches_the_terminals(
    dashboard: Dashboard, shop: Shop
) -> None:
    form = dashboard.get("/dashboard/stamp-cards/new")
    assert form.status_code == 200
    assert 'name="csrf_token"' in form.text
    card_id = create_card(dashboard)
    card = stored_card(dashboard, card_id)
    assert (card.merchant_id, card.name, card.stamp_count) == (
        dashboard.merchant_id,
        "Bagel club",
        5,
    )
    assert (card.tnc, card.information, card.card_validity_days) == (
        "One stamp per bagel.",
        "Every 5th bagel is free",
        180,
    )
    [reward] = rewards_of(dashboard, card_id)
    assert (reward.name, reward.threshold, reward.validity_days) == ("Free bagel", 5, 14)
    assert [s.event_type for s in stamps_of(dashboard, card_id)] == ["STAMP", "REDEEM"]

    listing = dashboard.get("/dashboard/stamp-cards")
    assert listing.status_code == 200
    assert "Bagel club" in listing.text
    assert f'<span class="idx">{card.idx}</span>' in listing.text
    assert f"/dashboard/stamp-cards/{card_id}" in listing.text

    page = dashboard.get(f"/dashboard/stamp-cards/{card_id}?done=created")
    assert page.status_code == 200
    assert "The stamp card was created." in page.text
    assert f'<span class="value">{card.idx}</span>' in page.text
    for stamp_row in stamps_of(dashboard, card_id):
        assert stamp_row.stamp_value in page.text
    assert "Gives 1 stamp" in page.text
    assert "Redeems any reward of the card" in page.text

    master = terminal_call(dashboard, "getMasterData")
    assert master.status_code == 200
    [mine] = [c for c in master.json()["stampCards"] if c["stampCardId"] == card_id]
    assert mine["cardIdx"] == card.idx
    assert mine["name"] == "Bagel club"
    assert [r["threshold"] for r in mine["rewards"]] == [5]
    values = {s["stampValue"] for s in master.json()["stamps"] if s["stampCardId"] == card_id}
    assert values == {s.stamp_value for s in stamps_of(dashboard, card_id)}
    others = shop.terminal("getMasterData").json()["stampCards"]
    assert card_id not in {c["stampCardId"] for c in others}


def test_an_unknown_notice_shows_nothing_of_the_url(dashboard: Dashboard) -> None:
    page = dashboard.get("/dashboard/stamp-cards?done=%3Cb%3Ehello")
    assert page.status_code == 200
    assert "hello" not in page.text
    assert 'class="notice"' not in page.text


def test_a_new_threshold_applies_to_the_next_event(dashboard: Dashboard) -> None:
    card_id = create_card(dashboard)
    instance = issue(dashboard, card_id)
    stamp(dashboard, instance, "a1")
    stamp(dashboard, instance, "a2")
    before = stored_card(dashboard, card_id).revision
    [reward] = rewards_of(dashboard, card_id)

    answer = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}/rewards/{reward.id}",
        {
            "reward_name": "Free bagel",
            "threshold": "3",
            "validity_days": "14",
            "description": "",
            "message": "",
        },
    )
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/dashboard/stamp-cards/{card_id}?done=reward-saved"
    card = stored_card(dashboard, card_id)
    assert card.revision > before
    assert card.stamp_count == 3

    third = stamp(dashboard, instance, "a3")
    [earned] = third["rewards"]
    assert earned["reward"]["rewardId"] == reward.id
    assert third["cardInstance"]["currentStamps"] == 0
    master = terminal_call(dashboard, "getMasterData").json()["stampCards"]
    [mine] = [c for c in master if c["stampCardId"] == card_id]
    assert [r["threshold"] for r in mine["rewards"]] == [3]


def test_lowering_the_last_threshold_below_a_customers_stamps_is_refused(
    dashboard: Dashboard,
) -> None:
    card_id = create_card(dashboard)
    instance = issue(dashboard, card_id)
    for number in range(3):
        stamp(dashboard, instance, f"b{number}")
    [reward] = rewards_of(dashboard, card_id)
    before = stored_card(dashboard, card_id).revision

    answer = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}/rewards/{reward.id}",
        {"reward_name": "Cheaper bagel", "threshold": "3", "validity_days": "14"},
    )
    assert answer.status_code == 400
    assert "already holds 3 stamps" in html.unescape(answer.text)
    assert "Choose 4 or more." in answer.text
    assert 'value="Cheaper bagel"' in answer.text
    assert stored_card(dashboard, card_id).revision == before
    assert [(r.name, r.threshold) for r in rewards_of(dashboard, card_id)] == [("Free bagel", 5)]


def test_editing_the_card_and_adding_a_reward_keep_the_stamp_count_and_revision(
    dashboard: Dashboard,
) -> None:
    card_id = create_card(dashboard)
    revision = stored_card(dashboard, card_id).revision
    answer = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}",
        {
            "name": "Bagel friends",
            "tnc": "",
            "information": "New text",
            "card_validity_days": "90",
            "cooldown_seconds": "60",
            "max_stamps_per_day": "3",
        },
    )
    assert answer.status_code == 303, answer.text
    card = stored_card(dashboard, card_id)
    assert (card.name, card.tnc, card.information) == ("Bagel friends", None, "New text")
    assert (card.card_validity_days, card.cooldown_seconds, card.max_stamps_per_day) == (90, 60, 3)
    assert card.is_publish_to_market == "N"
    assert card.revision == revision + 1

    added = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}/rewards",
        {"reward_name": "Coffee too", "threshold": "8", "validity_days": "0"},
    )
    assert added.status_code == 303, added.text
    card = stored_card(dashboard, card_id)
    assert card.stamp_count == 8
    assert card.revision == revision + 2
    page = dashboard.get(added.headers["location"])
    assert "The reward was added." in page.text
    assert "Coffee too" in page.text


def test_stamp_values_are_added_and_switched_off_and_on(dashboard: Dashboard) -> None:
    card_id = create_card(dashboard)
    instance = issue(dashboard, card_id)
    [reward] = rewards_of(dashboard, card_id)
    answer = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}/stamps", {"kind": "STAMP", "award_stamps": "2"}
    )
    assert answer.status_code == 303, answer.text
    redeem = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}/stamps", {"kind": "REDEEM", "reward_id": reward.id}
    )
    assert redeem.status_code == 303, redeem.text
    double, for_reward = stamps_of(dashboard, card_id)[2:]
    assert (double.event_type, double.award_stamps, double.reward_id) == ("STAMP", 2, None)
    assert (for_reward.event_type, for_reward.reward_id) == ("REDEEM", reward.id)
    page = dashboard.get(f"/dashboard/stamp-cards/{card_id}")
    assert "Gives 2 stamps" in page.text
    assert "Redeems the reward “Free bagel”" in page.text

    event = dashboard.shop.event("d1", card=instance, stampValue=double.stamp_value)
    result = terminal_call(dashboard, "reportMultiStampEvents", {"events": [event]}).json()
    assert result["eventResults"][0]["cardInstance"]["currentStamps"] == 2

    revision = stored_card(dashboard, card_id).revision
    off = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}/stamps/{double.id}/state", {"state": "INACTIVE"}
    )
    assert off.status_code == 303
    assert off.headers["location"].endswith("?done=stamp-off")
    assert stored_card(dashboard, card_id).revision == revision + 1
    event = dashboard.shop.event("d2", card=instance, stampValue=double.stamp_value)
    refused = terminal_call(dashboard, "reportMultiStampEvents", {"events": [event]}).json()
    assert refused["eventResults"][0]["result"]["code"] != 0
    assert "Off" in dashboard.get(f"/dashboard/stamp-cards/{card_id}").text

    on = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}/stamps/{double.id}/state", {"state": "ACTIVE"}
    )
    assert on.status_code == 303
    event = dashboard.shop.event("d3", card=instance, stampValue=double.stamp_value)
    again = terminal_call(dashboard, "reportMultiStampEvents", {"events": [event]}).json()
    assert again["eventResults"][0]["cardInstance"]["currentStamps"] == 4


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "This field is required."),
        ({"threshold": "0"}, "threshold", "Enter a number from 1 to 1000."),
        ({"threshold": "ten"}, "threshold", "Enter a whole number."),
        ({"card_validity_days": "0"}, "card_validity_days", "Enter a number from 1 to 36500."),
    ],
)
def test_a_new_card_with_bad_input_comes_back_with_the_message_and_the_typed_values(
    dashboard: Dashboard, changes: dict[str, str], field: str, message: str
) -> None:
    answer = dashboard.post("/dashboard/stamp-cards/new", {**NEW_CARD, **changes})
    assert answer.status_code == 400
    assert f'id="new-{field}-error">{message}</span>' in answer.text
    assert 'value="Free bagel"' in answer.text
    assert "Every 5th bagel is free</textarea>" in answer.text
    for name, typed in changes.items():
        assert f'name="{name}" value="{typed}"' in answer.text
    with dashboard.shop.services.db.read() as session:
        names = session.scalars(
            select(t.StampCard.name).where(t.StampCard.merchant_id == dashboard.merchant_id)
        )
        assert "Bagel club" not in list(names)


def test_every_bad_field_of_a_reward_gets_its_message_and_nothing_changes(
    dashboard: Dashboard,
) -> None:
    card_id = create_card(dashboard)
    [reward] = rewards_of(dashboard, card_id)
    revision = stored_card(dashboard, card_id).revision
    answer = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}/rewards/{reward.id}",
        {"reward_name": "", "threshold": "0", "validity_days": "x", "message": "Typed"},
    )
    assert answer.status_code == 400
    prefix = f"reward-{reward.id}"
    assert f'id="{prefix}-reward_name-error">This field is required.' in answer.text
    assert f'id="{prefix}-threshold-error">Enter a number from 1 to 1000.' in answer.text
    assert f'id="{prefix}-validity_days-error">Enter a whole number.' in answer.text
    assert 'name="threshold" value="0"' in answer.text
    assert ">Typed</textarea>" in answer.text
    assert stored_card(dashboard, card_id).revision == revision
    [unchanged] = rewards_of(dashboard, card_id)
    assert (unchanged.name, unchanged.threshold) == ("Free bagel", 5)


@pytest.mark.parametrize("csrf", ["", "wrong"])
def test_a_form_without_the_csrf_token_is_refused_and_changes_nothing(
    dashboard: Dashboard, csrf: str
) -> None:
    card_id = create_card(dashboard)
    [reward] = rewards_of(dashboard, card_id)
    revision = stored_card(dashboard, card_id).revision
    posts = [
        ("/dashboard/stamp-cards/new", {**NEW_CARD, "name": "Sneaky"}),
        (f"/dashboard/stamp-cards/{card_id}", {**NEW_CARD, "name": "Sneaky"}),
        (f"/dashboard/stamp-cards/{card_id}/rewards", {**NEW_CARD, "reward_name": "Sneaky"}),
        (f"/dashboard/stamp-cards/{card_id}/rewards/{reward.id}", NEW_CARD),
        (f"/dashboard/stamp-cards/{card_id}/stamps", {"kind": "STAMP", "award_stamps": "5"}),
    ]
    for path, data in posts:
        answer = dashboard.post(path, data, csrf=csrf)
        assert answer.status_code == 403, path
    missing = dashboard.client.post(
        f"/dashboard/stamp-cards/{card_id}", data=NEW_CARD, follow_redirects=False
    )
    assert missing.status_code == 403
    card = stored_card(dashboard, card_id)
    assert (card.name, card.revision) == ("Bagel club", revision)
    assert len(stamps_of(dashboard, card_id)) == 2
    assert len(rewards_of(dashboard, card_id)) == 1
    with dashboard.shop.services.db.read() as session:
        assert session.scalar(select(t.StampCard).where(t.StampCard.name == "Sneaky")) is None


def test_another_merchants_stamp_card_is_not_found_and_unchanged(
    dashboard: Dashboard, other_dashboard: Dashboard
) -> None:
    card_id = create_card(dashboard)
    [reward] = rewards_of(dashboard, card_id)
    stamp_row = stamps_of(dashboard, card_id)[0]
    revision = stored_card(dashboard, card_id).revision
    assert other_dashboard.get(f"/dashboard/stamp-cards/{card_id}").status_code == 404
    posts = [
        (f"/dashboard/stamp-cards/{card_id}", {**NEW_CARD, "name": "Taken"}),
        (f"/dashboard/stamp-cards/{card_id}", {**NEW_CARD, "name": ""}),
        (f"/dashboard/stamp-cards/{card_id}/rewards", NEW_CARD),
        (f"/dashboard/stamp-cards/{card_id}/rewards/{reward.id}", NEW_CARD),
        (f"/dashboard/stamp-cards/{card_id}/stamps", {"kind": "STAMP", "award_stamps": "3"}),
        (f"/dashboard/stamp-cards/{card_id}/stamps/{stamp_row.id}/state", {"state": "INACTIVE"}),
    ]
    for path, data in posts:
        assert other_dashboard.post(path, data).status_code == 404, path
    # The other merchant's own stamp card with this merchant's reward and stamp ids.
    own = other_dashboard.demo["stampCardId"]
    crossed = [
        (f"/dashboard/stamp-cards/{own}/rewards/{reward.id}", NEW_CARD),
        (f"/dashboard/stamp-cards/{own}/stamps/{stamp_row.id}/state", {"state": "INACTIVE"}),
        (f"/dashboard/stamp-cards/{own}/stamps", {"kind": "REDEEM", "reward_id": reward.id}),
    ]
    for path, data in crossed:
        assert other_dashboard.post(path, data).status_code == 404, path
    card = stored_card(dashboard, card_id)
    assert (card.name, card.revision) == ("Bagel club", revision)
    assert [s.state for s in stamps_of(dashboard, card_id)] == ["ACTIVE", "ACTIVE"]
    assert [(r.name, r.threshold) for r in rewards_of(dashboard, card_id)] == [("Free bagel", 5)]
    assert "Bagel club" not in other_dashboard.get("/dashboard/stamp-cards").text
    assert dashboard.get("/dashboard/stamp-cards/NO-SUCH-CARD").status_code == 404


def test_signed_out_visitors_are_sent_to_the_login(client: Any) -> None:
    answer = client.get("/dashboard/stamp-cards", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/dashboard/login")


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_create_and_edit_on_both_databases(dashboard: Dashboard) -> None:
    card_id = create_card(dashboard, threshold="4")
    instance = issue(dashboard, card_id)
    stamp(dashboard, instance, "p1")
    [reward] = rewards_of(dashboard, card_id)
    answer = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}/rewards/{reward.id}",
        {"reward_name": "Free bagel", "threshold": "2", "validity_days": "14"},
    )
    assert answer.status_code == 303, answer.text
    edited = dashboard.post(
        f"/dashboard/stamp-cards/{card_id}", {**NEW_CARD, "name": "Bagels on Postgres"}
    )
    assert edited.status_code == 303, edited.text
    card = stored_card(dashboard, card_id)
    assert (card.name, card.stamp_count) == ("Bagels on Postgres", 2)
    second = stamp(dashboard, instance, "p2")
    assert len(second["rewards"]) == 1
    assert "Bagels on Postgres" in dashboard.get("/dashboard/stamp-cards").text
