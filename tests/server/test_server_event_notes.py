"""The terminal's ``note`` and ``heldByPolicy`` on reported events: stored in the event row
(``note``, ``flag``), never part of the event's identity or of the result it is answered with."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from server_testkit import START, Shop
from sqlalchemy import event, func, select

from server.db import bulk
from server.db import tables as t

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)

HOLD_NOTE = "more than 3 stamps today · released by manager: regular, paid for 4 coffees"


def stored(shop: Shop, event_id: str) -> tuple[str | None, str | None, int]:
    """(note, flag, result code) of the terminal's event ``event_id``."""
    with shop.services.db.read() as session:
        row = session.execute(
            select(t.Event.note, t.Event.flag, t.Event.result_code).where(
                t.Event.event_id == event_id
            )
        ).one()
    return row.note, row.flag, row.result_code


def event_rows(shop: Shop) -> int:
    with shop.services.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(t.Event)) or 0)


def without_event_id(result: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in result.items() if key != "eventId"}


def test_notes_and_the_policy_flag_are_stored_with_each_event(shop: Shop) -> None:
    results = shop.report(
        shop.event("held", note=HOLD_NOTE, heldByPolicy=True),
        shop.event("corrected", event_type="REMOVE_STAMP", note="stamped the wrong card"),
        shop.event("explicit-false", heldByPolicy=False, note=None),
        shop.event("plain"),
    )
    assert [r["result"]["code"] for r in results] == [0, 0, 0, 0]
    assert stored(shop, "held") == (HOLD_NOTE, "policy", 0)
    assert stored(shop, "corrected") == ("stamped the wrong card", None, 0)
    assert stored(shop, "explicit-false") == (None, None, 0)
    assert stored(shop, "plain") == (None, None, 0)


def test_the_single_event_form_stores_them_too(shop: Shop) -> None:
    body = shop.event("single", note="held: 2 visits in 5 minutes", heldByPolicy=True)
    response = shop.terminal("reportStampEvent", body)
    assert response.status_code == 200, response.text
    assert stored(shop, "single") == ("held: 2 visits in 5 minutes", "policy", 0)


def test_a_note_of_exactly_500_characters_is_stored_whole(shop: Shop) -> None:
    note = "é" * 499 + "x"
    shop.report(shop.event("long", note=note))
    assert stored(shop, "long") == (note, None, 0)


def test_the_reward_the_server_writes_carries_neither(shop: Shop) -> None:
    shop.report(*(shop.event(f"s{i}", note="held", heldByPolicy=True) for i in range(10)))
    with shop.services.db.read() as session:
        reward = session.execute(
            select(t.Event.note, t.Event.flag).where(t.Event.event_type == "REWARD")
        ).one()
    assert tuple(reward) == (None, None)
    assert stored(shop, "s9") == ("held", "policy", 0)


def test_a_retry_with_another_note_or_flag_is_a_repeat_not_a_conflict(shop: Shop) -> None:
    [first] = shop.report(shop.event("again", at=START, note="first note", heldByPolicy=True))
    rows = event_rows(shop)
    shop.clock.advance(minutes=5)
    [other_note] = shop.report(
        shop.event("again", at=START, note="another note", heldByPolicy=False)
    )
    [bare] = shop.report(shop.event("again", at=START))
    single = shop.terminal("reportStampEvent", shop.event("again", at=START, note="third"))
    assert other_note == bare == first
    assert first["result"]["code"] == 0
    assert single.status_code == 200
    assert single.json() == without_event_id(first)
    assert event_rows(shop) == rows
    assert stored(shop, "again") == ("first note", "policy", 0)
    assert shop.card_state()["cardInstance"]["currentStamps"] == 1


def test_a_repeat_inside_one_batch_with_another_note_is_answered_like_the_first(
    shop: Shop,
) -> None:
    results = shop.report(
        shop.event("twice", note="one"), shop.event("twice", note="two", heldByPolicy=True)
    )
    assert results[0] == results[1]
    assert stored(shop, "twice") == ("one", None, 0)
    assert shop.card_state()["cardInstance"]["currentStamps"] == 1


def test_another_body_is_still_a_conflict_whatever_the_note(shop: Shop) -> None:
    shop.report(shop.event("x1", note="same note"))
    [conflict] = shop.report(shop.event("x1", event_type="REMOVE_STAMP", note="same note"))
    assert conflict["result"]["code"] == 33001
    assert stored(shop, "x1") == ("same note", None, 0)


def test_refused_events_store_their_note_and_flag(shop: Shop) -> None:
    results = shop.report(
        shop.event("unknown-card", card="no-such-card", note="held", heldByPolicy=True),
        shop.event("no-reward", event_type="REDEEM", note="customer insisted"),
    )
    assert [r["result"]["code"] for r in results] == [31002, 32008]
    assert stored(shop, "unknown-card") == ("held", "policy", 31002)
    assert stored(shop, "no-reward") == ("customer insisted", None, 32008)
    [repeat] = shop.report(shop.event("unknown-card", card="no-such-card"))
    assert repeat == results[0]


def test_the_result_answered_does_not_depend_on_them(shop: Shop) -> None:
    """The same event with and without note and flag, on a card in the same state, is
    answered with the same result (but for its eventId), and stored as answered."""
    [plain] = shop.report(shop.event("plain"))
    shop.report(shop.event("undo", event_type="REMOVE_STAMP"))
    response = shop.terminal(
        "reportMultiStampEvents",
        {"events": [shop.event("noted", note="held · released", heldByPolicy=True)]},
    )
    [noted] = response.json()["eventResults"]
    assert noted["eventId"] == "noted"
    assert without_event_id(noted) == without_event_id(plain)
    assert b"held" not in response.content
    assert b"policy" not in response.content
    with shop.services.db.read() as session:
        text = session.scalar(select(t.Event.result_json).where(t.Event.event_id == "noted"))
    assert text is not None
    assert json.loads(text) == noted


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"note": "x" * 501}, "note"),
        ({"note": "before\x00after"}, "NUL"),
        ({"note": 5}, "note"),
        ({"heldByPolicy": "yes"}, "heldByPolicy"),
        ({"heldByPolicy": None}, "heldByPolicy"),
    ],
    ids=["too-long", "nul", "not-text", "flag-not-boolean", "flag-null"],
)
@pytest.mark.parametrize("operation", ["reportMultiStampEvents", "reportStampEvent"])
def test_a_bad_note_or_flag_refuses_the_request_with_10002_and_stores_nothing(
    shop: Shop, operation: str, extra: dict[str, Any], problem: str
) -> None:
    event = shop.event("bad", **extra)
    body = {"events": [event]} if operation == "reportMultiStampEvents" else event
    response = shop.terminal(operation, body)
    assert response.status_code == 400
    result = response.json()["result"]
    assert result["code"] == 10002
    assert problem in result["detail"]
    assert event_rows(shop) == 0


def test_openapi_declares_the_extension_fields(shop: Shop) -> None:
    schemas = shop.client.get("/openapi.json").json()["components"]["schemas"]
    for name in ("ReportedEvent", "ReportStampEventRequest"):
        properties = schemas[name]["properties"]
        note = properties["note"]
        assert {"type": "string", "maxLength": 500} in note["anyOf"]
        assert "Extension" in note["description"]
        assert properties["heldByPolicy"]["type"] == "boolean"
        assert properties["heldByPolicy"]["default"] is False
        assert "note" not in schemas[name].get("required", [])
        assert "heldByPolicy" not in schemas[name].get("required", [])


def test_the_batch_write_stays_one_statement_with_one_array_per_column(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: the one statement sent with the COMMIT carries note and flag as two more
    array parameters; SQLite: still one INSERT of all event rows."""
    sent: list[tuple[str, Mapping[str, Any]]] = []
    inserts: list[str] = []
    pg_write = bulk.execute_and_commit

    def recording(conn: Any, sql: str, params: Mapping[str, Any]) -> None:
        sent.append((sql, params))
        pg_write(conn, sql, params)

    def seen(*args: Any) -> None:
        statement = str(args[2])
        if statement.startswith("INSERT INTO events "):
            inserts.append(statement)

    monkeypatch.setattr(bulk, "execute_and_commit", recording)
    engine = shop.services.db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        shop.report(
            *(shop.event(f"n{i}", note=f"note {i}", heldByPolicy=i % 2 == 0) for i in range(4))
        )
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    if engine.dialect.name == "postgresql":
        [(sql, params)] = sent
        assert sql.count("CAST(%(") == len(params)
        arrays = [values for values in params.values() if values[:1] == ["note 0"]]
        assert arrays == [["note 0", "note 1", "note 2", "note 3"]]
        assert ["policy", None, "policy", None] in params.values()
    else:
        assert sent == []
        [insert] = inserts
        assert "received_at, note, flag) VALUES" in insert
