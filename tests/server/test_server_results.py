"""The batch path's fast result JSON is the models' JSON, byte for byte; cached rules follow
every change made through the admin functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from server_testkit import START, Shop

from app.domain.models import Result, Reward
from app.domain.models_requests import EventResult
from server import admin, errors
from server.api.views import card_instance_model, reward_instance_model
from server.db import tables as t
from server.rules.records import CardState, RewardState
from server.rules.results import ResultWriter, date_text, quoted

NOW = datetime(2025, 6, 15, 12, 0, 0, 123456, tzinfo=UTC)
REWARD = Reward(
    reward_id="R-1",
    wallet_id="JANUS",
    name='Café "crème" \u2603 \n tab\t',
    threshold=10,
    reward_message="Bravo!",
)


def models_json(model: EventResult) -> str:
    return model.model_dump_json(by_alias=True, exclude_unset=True, exclude_none=True)


def card_record(expiration: datetime | None) -> CardState:
    return CardState(
        id="0131cef8-56e1-461a-b82b-7e220b925481",
        stamp_card_id="0616DE94-DED7-4D51-B766-2203296654FB",
        current_stamps=7,
        status="ACTIVE",
        active=True,
        start_date=START,
        issue_date=START - timedelta(days=3, microseconds=999),
        expiration_date=expiration,
        update_time=NOW,
    )


def reward_record(expiration: datetime | None, status: str = "ACTIVE") -> RewardState:
    return RewardState(
        id="71584867-2b99-4d76-b628-dbb8526f66b7",
        card_instance_id="0131cef8-56e1-461a-b82b-7e220b925481",
        reward_id="R-1",
        status=status,
        rewarded_time=START,
        expiration_date=expiration,
        updated_at=START,
    )


@pytest.mark.parametrize("card_expires", [None, NOW + timedelta(days=1), NOW - timedelta(days=1)])
@pytest.mark.parametrize("reward_expires", [None, NOW + timedelta(days=1), NOW])
def test_applied_result_matches_the_models(
    card_expires: datetime | None, reward_expires: datetime | None
) -> None:
    writer = ResultWriter(NOW)
    card = card_record(card_expires)
    reward = reward_record(reward_expires)
    reward_json = REWARD.model_dump_json(by_alias=True, exclude_unset=True, exclude_none=True)
    fast = writer.applied(
        'ev "1" ü',
        writer.card(card, 10, writer.reward(reward, reward_json)),
        [writer.reward(reward, reward_json)],
    )
    row = t.CardInstance(
        id=card.id,
        stamp_card_id=card.stamp_card_id,
        current_stamps=card.current_stamps,
        status=card.status,
        issue_date=card.issue_date,
        update_time=NOW,
        expiration_date=card.expiration_date,
    )
    rewards = [reward_instance_model(reward, REWARD, NOW)]
    expected = EventResult(
        result=Result(code=0),
        event_id='ev "1" ü',
        card_instance=card_instance_model(row, 10, NOW, rewards),
        rewards=rewards,
    )
    assert fast == models_json(expected)


def test_refused_result_matches_the_models() -> None:
    expected = EventResult(
        result=Result(code=33003, message="stamp.multiple.stamp.attempt"), event_id="e\u2028"
    )
    assert ResultWriter.refused(errors.MULTIPLE_STAMP_ATTEMPT, "e\u2028") == models_json(expected)


def test_fast_dates_and_strings_are_the_documents_format() -> None:
    assert date_text(NOW) == '"2025-06-15T12:00:00.123+0000"'
    assert date_text(datetime(999, 1, 2, tzinfo=UTC)) == '"0999-01-02T00:00:00.000+0000"'
    assert quoted('a"b\\c\u00e9') == '"a\\"b\\\\c\u00e9"'


def test_cached_rules_follow_admin_changes(shop: Shop) -> None:
    shop.stamps(1, prefix="warm")
    with shop.write() as session:
        double = admin.create_stamp(
            session, shop.services.now(), stamp_card_id=shop.demo["stampCardId"], award_stamps=2
        )
    [result] = shop.report(shop.event("new-stamp", stampValue=double.stamp_value))
    assert result["cardInstance"]["currentStamps"] == 3
    with shop.write() as session:
        admin.set_stamp_card_limits(
            session, stamp_card_id=shop.demo["stampCardId"], max_stamps_per_day=3
        )
    [limited] = shop.report(shop.event("over-limit"))
    assert limited["result"]["code"] == 33003
    with shop.write() as session:
        admin.create_reward(
            session,
            shop.services.now(),
            stamp_card_id=shop.demo["stampCardId"],
            name="Half way",
            threshold=4,
        )
        admin.set_stamp_card_limits(
            session, stamp_card_id=shop.demo["stampCardId"], max_stamps_per_day=0
        )
    [earned] = shop.report(shop.event("half"))
    assert [r["reward"]["name"] for r in earned["rewards"]] == ["Half way"]
