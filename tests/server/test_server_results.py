"""The batch path's fast result JSON is the models' JSON, byte for byte; cached rules follow
every change made through the admin functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from server_testkit import START, Shop
from sqlalchemy import bindparam, func, insert, select, text
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.domain.models import Result, Reward
from app.domain.models_requests import EventResult
from server import admin, errors
from server.api.views import card_instance_model, reward_instance_model
from server.auth import digest
from server.db import bulk
from server.db import tables as t
from server.db.pipeline import select_all
from server.db.types import sqlite_text, utc_value
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


@pytest.mark.parametrize(
    "moment",
    [
        NOW,
        datetime(2025, 6, 15, 12, 0, tzinfo=UTC),
        datetime(2025, 6, 15, 23, 30, 0, 5, tzinfo=timezone(timedelta(hours=-5))),
        datetime(999, 1, 2, 3, 4, 5, 600000, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    ],
)
def test_fast_datetime_texts_are_what_the_column_type_binds(moment: datetime) -> None:
    column = t.Event.__table__.c.event_time
    sqlite_bind = column.type.dialect_impl(sqlite_dialect()).bind_processor(sqlite_dialect())
    assert sqlite_bind is not None
    assert sqlite_text(moment) == sqlite_bind(moment)
    assert utc_value(moment) == moment
    assert utc_value(moment).tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        sqlite_text(moment.replace(tzinfo=None))


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
@pytest.mark.parametrize("variant", ["one statement", "chunked", "no UPDATE FROM"])
def test_set_based_writes_store_what_core_statements_store(
    shop: Shop, variant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if variant == "chunked":
        monkeypatch.setattr(bulk, "_max_parameters", lambda _conn: 20)
    if variant == "no UPDATE FROM":
        monkeypatch.setattr(bulk, "SQLITE_UPDATE_FROM", False)
    card_id = shop.demo["cardInstanceId"]
    moments = [NOW, NOW.astimezone(timezone(timedelta(hours=-5))) + timedelta(microseconds=1)]
    columns = ("event_id", "card_instance_id", "event_type", "event_time", "stamps_delta")
    columns += ("result_code", "result_json", "received_at")
    rows = [
        (f"bulk-{n}", card_id, "STAMP", moments[n % 2], n, 0, '{"a":"\u00e9\\"x"}', NOW)
        for n in range(7)
    ]
    events = t.Event.__table__
    with shop.write() as session:
        conn = session.connection()
        bulk.write(conn, [bulk.Insert(events, columns, rows)])
        conn.execute(
            insert(events),
            [
                dict(zip(columns, (f"core-{n}", *row[1:]), strict=True))
                for n, row in enumerate(rows)
            ],
        )
        bulk.update_rows(
            conn,
            t.CardInstance.__table__,
            "id",
            ("current_stamps", "update_time"),
            [(card_id, 5, moments[1])],
        )
    with shop.write() as session:
        raw = session.execute(
            text(
                "SELECT event_id, CAST(event_time AS TEXT), CAST(received_at AS TEXT), result_json,"
                " stamps_delta FROM events WHERE event_id LIKE 'bulk-%' OR event_id LIKE 'core-%'"
                " ORDER BY id"
            )
        ).all()
        card = session.get(t.CardInstance, card_id)
        assert card is not None
        assert (card.current_stamps, card.update_time) == (5, moments[1])
    by_id = {row[0]: row[1:] for row in raw}
    assert [row[0] for row in raw][:7] == [f"bulk-{n}" for n in range(7)]  # in order
    for n in range(7):
        assert by_id[f"bulk-{n}"] == by_id[f"core-{n}"]


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_pipelined_reads_and_writes_fail_as_sqlalchemy_errors(shop: Shop) -> None:
    with shop.write() as session:
        credential = session.scalars(
            select(t.Credential.id).where(
                t.Credential.token_hash == digest(shop.demo["terminalToken"])
            )
        ).one()
    ok = select(t.Credential.id).where(t.Credential.id == bindparam("wanted"))
    broken = select(func.no_such_function())
    with pytest.raises(DBAPIError), shop.write() as session:
        select_all(session.connection(), [(ok, {"wanted": credential}), (broken, {})])
    with shop.write() as session:
        [[found]] = select_all(session.connection(), [(ok, {"wanted": credential})])
        assert found == (credential,)
    columns = ("credential_id", "event_id", "card_instance_id", "event_type", "event_time")
    columns += ("stamps_delta", "result_code", "received_at")
    row = (credential, "twice", shop.demo["cardInstanceId"], "STAMP", NOW, 1, 0, NOW)
    events = t.Event.__table__
    with pytest.raises(IntegrityError), shop.write() as session:
        bulk.write(
            session.connection(),
            [bulk.Insert(events, columns, [row]), bulk.Insert(events, columns, [row])],
            then_commit=True,
        )
    with shop.write() as session:
        assert session.scalars(select(t.Event.id).where(t.Event.event_id == "twice")).all() == []
