"""Reporting events: exactly once, rewards and carry-over, redemption, expiry, anti-fraud."""

from __future__ import annotations

from datetime import timedelta

import pytest
from server_testkit import START, Shop, api_time
from sqlalchemy import func, select

from server import admin
from server.db import tables as t

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)


def codes(results: list[dict[str, object]]) -> list[object]:
    return [result["result"]["code"] for result in results]  # type: ignore[index]


def event_rows(shop: Shop) -> int:
    with shop.services.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(t.Event)) or 0)


def test_same_batch_twice_returns_identical_results_and_counts_once(shop: Shop) -> None:
    batch = {"events": [shop.event(f"e{i}", at=START + timedelta(minutes=i)) for i in range(3)]}
    first = shop.terminal("reportMultiStampEvents", batch)
    rows = event_rows(shop)
    shop.clock.advance(hours=1)
    second = shop.terminal("reportMultiStampEvents", batch)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert event_rows(shop) == rows
    assert shop.card_state()["cardInstance"]["currentStamps"] == 3


def test_retry_of_a_lost_response_returns_the_original_card_state(shop: Shop) -> None:
    [original] = shop.report(shop.event("lost"))
    shop.stamps(2, prefix="later")
    [retried] = shop.report(shop.event("lost"))
    assert retried == original
    assert retried["cardInstance"]["currentStamps"] == 1
    assert shop.card_state()["cardInstance"]["currentStamps"] == 3


def test_a_repeat_inside_one_batch_is_answered_like_the_first(shop: Shop) -> None:
    event = shop.event("twice")
    results = shop.report(event, event)
    assert results[0] == results[1]
    assert shop.card_state()["cardInstance"]["currentStamps"] == 1


def test_same_event_id_with_another_body_is_rejected_and_changes_nothing(shop: Shop) -> None:
    [first] = shop.report(shop.event("x1"))
    [conflict] = shop.report(shop.event("x1", event_type="REMOVE_STAMP"))
    assert conflict == {
        "result": {"code": 33001, "message": "stamp.event.id.conflict"},
        "eventId": "x1",
    }
    [again] = shop.report(shop.event("x1"))
    assert again == first
    assert shop.card_state()["cardInstance"]["currentStamps"] == 1


def test_event_ids_are_per_terminal_credential(shop: Shop) -> None:
    with shop.write() as session:
        _row, token = admin.create_terminal(
            session, shop.services.now(), merchant_id=shop.demo["merchantId"]
        )
    shop.report(shop.event("shared"))
    headers = {"api-key": shop.demo["apiKey"], "Authorization": f"Bearer {token}"}
    response = shop.post(
        "/stamp/v2/reportMultiStampEvents", {"events": [shop.event("shared")]}, headers
    )
    assert codes(response.json()["eventResults"]) == [0]
    assert shop.card_state()["cardInstance"]["currentStamps"] == 2


def test_threshold_earns_a_reward_with_a_history_entry_and_carries_over(shop: Shop) -> None:
    results = shop.report(
        *(shop.event(f"t{i}", at=START + timedelta(minutes=i)) for i in range(12))
    )
    assert codes(results) == [0] * 12
    tenth = results[9]
    assert tenth["cardInstance"]["currentStamps"] == 0
    [earned] = tenth["rewards"]
    assert earned["status"] == "ACTIVE"
    assert earned["reward"]["rewardId"] == shop.demo["rewardId"]
    assert earned["rewardExpirationDate"] == api_time(START + timedelta(days=30))
    assert tenth["cardInstance"]["rewards"] == [earned]
    assert results[11]["cardInstance"]["currentStamps"] == 2
    assert results[11]["rewards"] == []
    history = shop.terminal("getEventHistory", {"cardInstanceId": shop.card}).json()["events"]
    assert [e["eventType"] for e in history].count("REWARD") == 1
    reward_entry = next(e for e in history if e["eventType"] == "REWARD")
    assert reward_entry["rewardInstanceId"] == earned["rewardInstanceId"]
    rewards = shop.customer("getRewards", {"cardInstanceId": shop.card}).json()["rewards"]
    assert [r["rewardInstanceId"] for r in rewards] == [earned["rewardInstanceId"]]


def test_a_stamp_worth_several_stamps_can_earn_and_carry_over(shop: Shop) -> None:
    card = shop.stamp_card(threshold=5)
    with shop.write() as session:
        triple = admin.create_stamp(
            session, shop.services.now(), stamp_card_id=card["stampCardId"], award_stamps=3
        )
    value = triple.stamp_value
    results = shop.report(
        shop.event("a", card=card["cardInstanceId"], stampValue=value),
        shop.event("b", card=card["cardInstanceId"], stampValue=value),
    )
    assert [r["cardInstance"]["currentStamps"] for r in results] == [3, 1]
    assert len(results[1]["rewards"]) == 1


def test_redeem_then_redeem_again_is_refused(shop: Shop) -> None:
    results = shop.stamps(10)
    reward_id = results[-1]["rewards"][0]["rewardInstanceId"]
    redeem = shop.event(
        "r1",
        "REDEEM",
        rewardInstanceId=reward_id,
        stampValue=shop.demo["redeemStampValue"],
    )
    [done] = shop.report(redeem)
    assert done["result"] == {"code": 0}
    assert done["cardInstance"]["rewards"] == []
    [again] = shop.report({**redeem, "eventId": "r2"})
    assert again["result"] == {"code": 32003, "message": "stamp.reward.already.redeemed"}
    assert "cardInstance" not in again
    single = shop.terminal("reportStampEvent", {**redeem, "eventId": "r3"})
    assert single.status_code == 409
    assert single.json() == {"result": {"code": 32003, "message": "stamp.reward.already.redeemed"}}


def test_redeem_needs_a_reward_instance_of_this_card(shop: Shop) -> None:
    other = shop.stamp_card(threshold=1)
    [earned] = shop.report(shop.event("o", card=other["cardInstanceId"]))
    foreign_reward = earned["rewards"][0]["rewardInstanceId"]
    results = shop.report(
        shop.event("n1", "REDEEM"),
        shop.event("n2", "REDEEM", rewardInstanceId=foreign_reward),
        shop.event("n3", "REMOVE_REWARD", rewardInstanceId="nope"),
    )
    assert codes(results) == [32008, 31003, 31003]


def test_expired_reward_cannot_be_redeemed(shop: Shop) -> None:
    card = shop.stamp_card(threshold=1, reward_validity_days=1)
    [earned] = shop.report(shop.event("e", card=card["cardInstanceId"]))
    reward_id = earned["rewards"][0]["rewardInstanceId"]
    shop.clock.advance(days=2)
    [late] = shop.report(
        shop.event("late", "REDEEM", card=card["cardInstanceId"], rewardInstanceId=reward_id)
    )
    assert late["result"]["code"] == 32004
    assert shop.customer("getRewards", {"cardInstanceId": card["cardInstanceId"]}).json() == {
        "result": {"code": 0},
        "rewards": [],
    }


def test_expired_card_refuses_events_and_reads_expired(shop: Shop) -> None:
    shop.clock.advance(days=366)
    [late] = shop.stamps(1)
    assert late["result"] == {"code": 32001, "message": "stamp.card.instance.expired"}
    cards = shop.customer("getCards", {}).json()["cards"]
    assert [card["status"] for card in cards] == ["EXPIRED"]


def test_remove_stamp_and_remove_reward_correct_mistakes_and_keep_history(shop: Shop) -> None:
    earned = shop.stamps(10)[-1]["rewards"][0]["rewardInstanceId"]
    shop.stamps(1, prefix="more")
    results = shop.report(
        shop.event("m1", "REMOVE_STAMP"),
        shop.event("m2", "REMOVE_STAMP"),
        shop.event("m3", "REMOVE_REWARD", rewardInstanceId=earned),
        shop.event("m4", "REMOVE_REWARD", rewardInstanceId=earned),
    )
    assert codes(results) == [0, 0, 0, 32005]
    assert [r["cardInstance"]["currentStamps"] for r in results[:2]] == [0, 0]
    assert results[2]["cardInstance"]["rewards"] == []
    history = shop.terminal("getEventHistory", {"cardInstanceId": shop.card}).json()["events"]
    kinds = [e["eventType"] for e in history]
    assert kinds.count("REMOVE_STAMP") == 2
    assert kinds.count("REMOVE_REWARD") == 1
    assert kinds.count("STAMP") == 11


def test_stamp_values_select_the_stamp_and_unknown_ones_are_refused(shop: Shop) -> None:
    results = shop.report(
        shop.event("v1", stampValue=shop.demo["stampValue"]),
        shop.event("v2", stampValue="NOT-A-STAMP"),
        shop.event("v3", stampValue=shop.demo["redeemStampValue"]),
        shop.event("v4", "REWARD"),
        shop.event("v5", card="00000000-0000-4000-8000-000000000000"),
        {k: v for k, v in shop.event("v6").items() if k != "cardInstanceId"},
    )
    assert codes(results) == [0, 32006, 32007, 32007, 31002, 32009]
    history = shop.terminal("getEventHistory", {"cardInstanceId": shop.card}).json()["events"]
    assert len(history) == 1
    assert history[0]["stampValue"] == shop.demo["stampValue"]


def test_single_report_without_event_id_is_applied_each_time(shop: Shop) -> None:
    body = {k: v for k, v in shop.event("unused").items() if k != "eventId"}
    first = shop.terminal("reportStampEvent", body)
    second = shop.terminal("reportStampEvent", body)
    assert first.status_code == second.status_code == 200
    assert "eventId" not in first.json()
    assert second.json()["cardInstance"]["currentStamps"] == 2


def test_single_report_with_event_id_is_idempotent(shop: Shop) -> None:
    body = shop.event("single-1")
    first = shop.terminal("reportStampEvent", body)
    second = shop.terminal("reportStampEvent", body)
    assert first.json() == second.json()
    assert second.json()["cardInstance"]["currentStamps"] == 1
    [batched] = shop.report(body)
    assert batched == {**first.json(), "eventId": "single-1"}


def test_cooldown_refuses_a_second_visit_too_soon(shop: Shop) -> None:
    card = shop.stamp_card(cooldown_seconds=600)["cardInstanceId"]
    results = shop.report(
        shop.event("c1", card=card, at=START),
        shop.event("c2", card=card, at=START),
        shop.event("c3", card=card, at=START + timedelta(minutes=5)),
        shop.event("c4", card=card, at=START + timedelta(minutes=10)),
        shop.event("c5", card=card, at=START - timedelta(minutes=9)),
    )
    assert codes(results) == [0, 0, 33003, 0, 33003]
    assert results[2] == {
        "result": {"code": 33003, "message": "stamp.multiple.stamp.attempt"},
        "eventId": "c3",
    }
    [later_batch] = shop.report(shop.event("c6", card=card, at=START + timedelta(minutes=15)))
    assert later_batch["result"]["code"] == 33003


def test_max_stamps_per_day_counts_the_events_calendar_day(shop: Shop) -> None:
    card = shop.stamp_card(max_stamps_per_day=2)["cardInstanceId"]
    day = START.replace(hour=9)
    results = shop.report(
        shop.event("d1", card=card, at=day),
        shop.event("d2", card=card, at=day + timedelta(hours=1)),
        shop.event("d3", card=card, at=day + timedelta(hours=2)),
        shop.event("d4", card=card, at=day + timedelta(days=1)),
    )
    assert codes(results) == [0, 0, 33003, 0]
    [next_request] = shop.report(shop.event("d5", card=card, at=day + timedelta(hours=5)))
    assert next_request["result"]["code"] == 33003


def test_another_merchants_card_is_refused_per_event_without_its_data(shop: Shop) -> None:
    other = shop.new_demo()
    results = shop.report(
        shop.event("own-1"),
        shop.event("foreign", card=other["cardInstanceId"]),
        shop.event("own-2"),
    )
    assert codes(results) == [0, 20006, 0]
    assert results[1] == {
        "result": {"code": 20006, "message": "auth.forbidden"},
        "eventId": "foreign",
    }
    single = shop.terminal("reportStampEvent", shop.event("f2", card=other["cardInstanceId"]))
    assert single.status_code == 403
    assert other["cardInstanceId"] not in single.text
    history = shop.post(
        "/stamp/v2/getEventHistory",
        {"cardInstanceId": other["cardInstanceId"]},
        {"api-key": other["apiKey"], "Authorization": f"Bearer {other['terminalToken']}"},
    ).json()["events"]
    assert history == []


def test_oversized_and_invalid_batches_are_refused_whole(shop: Shop) -> None:
    too_many = {"events": [shop.event(f"x{i}") for i in range(1001)]}
    response = shop.terminal("reportMultiStampEvents", too_many)
    assert response.status_code == 400
    assert response.json()["result"]["code"] == 10002
    bad_time = shop.terminal(
        "reportMultiStampEvents", {"events": [{**shop.event("b"), "eventTime": "yesterday"}]}
    )
    assert bad_time.status_code == 400
    assert bad_time.json()["result"]["code"] == 10002
    no_id = shop.terminal(
        "reportMultiStampEvents",
        {"events": [{k: v for k, v in shop.event("z").items() if k != "eventId"}]},
    )
    assert no_id.status_code == 400
    assert event_rows(shop) == 0


def test_event_results_list_the_newest_twenty_active_rewards(shop: Shop) -> None:
    card = shop.stamp_card(threshold=1)["cardInstanceId"]
    first = shop.report(*(shop.event(f"r{i}", card=card) for i in range(15)))
    second = shop.report(*(shop.event(f"q{i}", card=card) for i in range(10)))
    assert len(first[-1]["cardInstance"]["rewards"]) == 15
    listed = second[-1]["cardInstance"]["rewards"]
    all_rewards = shop.customer("getRewards", {"cardInstanceId": card}).json()["rewards"]
    assert len(all_rewards) == 25
    assert len(listed) == 20
    assert listed[-1] == second[-1]["rewards"][0]
    assert {r["rewardInstanceId"] for r in listed} <= {r["rewardInstanceId"] for r in all_rewards}
    oldest = all_rewards[0]["rewardInstanceId"]
    [redeemed] = shop.report(shop.event("old", "REDEEM", card=card, rewardInstanceId=oldest))
    assert redeemed["result"] == {"code": 0}
