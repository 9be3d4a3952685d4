"""Authentication (401) and tenancy (403): never a 500, never another tenant's data."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from server_testkit import PREFIX, Shop, bearer
from sqlalchemy import select

from server.db import tables as t

TERMINAL_ONLY = [
    "reportMultiStampEvents",
    "getStamps",
    "lookupCard",
    "registerTag",
    "getMasterData",
]
CUSTOMER_ONLY = ["addCard", "getCards", "removeCard", "updateCardSequences", "getMerchants"]


def result_code(response: object) -> int:
    code: int = response.json()["result"]["code"]  # type: ignore[attr-defined]
    return code


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, 20001),
        ({"api-key": "key_unknown"}, 20002),
        ({"Authorization": "Bearer x"}, 20001),
    ],
)
def test_missing_or_unknown_api_key_is_401(shop: Shop, headers: dict[str, str], code: int) -> None:
    response = shop.post(f"{PREFIX}/getCards", {}, headers)
    assert response.status_code == 401
    assert result_code(response) == code
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("authorization", "code"),
    [(None, 20003), ("Basic dXNlcjpwdw==", 20003), ("Bearer trm_unknown", 20004)],
)
def test_missing_or_unknown_token_is_401(shop: Shop, authorization: str | None, code: int) -> None:
    headers = {"api-key": shop.demo["apiKey"]}
    if authorization is not None:
        headers["Authorization"] = authorization
    response = shop.post(f"{PREFIX}/getServerTime", None, headers)
    assert response.status_code == 401
    assert result_code(response) == code


@pytest.mark.parametrize("op", TERMINAL_ONLY)
def test_customer_token_on_a_terminal_operation_is_403(shop: Shop, op: str) -> None:
    response = shop.customer(op, {"events": [], "stampCardId": "x", "cardInstanceId": "x"})
    assert response.status_code == 403
    assert result_code(response) == 20005


@pytest.mark.parametrize("op", CUSTOMER_ONLY)
def test_terminal_token_on_a_customer_operation_is_403(shop: Shop, op: str) -> None:
    response = shop.terminal(op, {"stampCardId": "x", "cardInstanceId": "x"})
    assert response.status_code == 403
    assert result_code(response) == 20005


def test_authentication_comes_before_body_validation(shop: Shop) -> None:
    response = shop.post(f"{PREFIX}/reportMultiStampEvents", {"events": "nonsense"}, {})
    assert response.status_code == 401


def test_terminal_token_with_another_merchants_app_key_is_403(shop: Shop) -> None:
    other = shop.new_demo()
    response = shop.post(
        f"{PREFIX}/getServerTime", None, bearer(other["apiKey"], shop.demo["terminalToken"])
    )
    assert response.status_code == 403
    assert result_code(response) == 20007
    customer = shop.post(f"{PREFIX}/getCards", {}, bearer(other["apiKey"], shop.demo["userToken"]))
    assert customer.status_code == 200


@pytest.mark.parametrize(
    ("op", "body"),
    [
        ("getEventHistory", {"cardInstanceId": "{card}"}),
        ("getRewards", {"cardInstanceId": "{card}"}),
        ("getCouponDetail", {"cardInstanceId": "{card}"}),
        ("lookupCard", {"cardInstanceId": "{card}"}),
        ("registerTag", {"cardInstanceId": "{card}", "tagUid": "04AABBCC"}),
        ("getStamps", {"stampCardId": "{stamp_card}"}),
    ],
)
def test_terminal_cannot_touch_another_merchants_objects(
    shop: Shop, op: str, body: dict[str, str]
) -> None:
    other = shop.new_demo()
    filled = {
        key: value.format(card=other["cardInstanceId"], stamp_card=other["stampCardId"])
        for key, value in body.items()
    }
    response = shop.terminal(op, filled)
    assert response.status_code == 403
    assert response.json() == {"result": {"code": 20006, "message": "auth.forbidden"}}


CUSTOMER_CARD_CALLS: list[tuple[str, Callable[[str], object]]] = [
    ("getEventHistory", lambda card: {"cardInstanceId": card}),
    ("getRewards", lambda card: {"cardInstanceId": card}),
    ("removeCard", lambda card: {"cardInstanceId": card}),
    (
        "updateCardSequences",
        lambda card: {"updateCardSeqList": [{"cardInstanceId": card, "sequence": 1}]},
    ),
]


@pytest.mark.parametrize(("op", "body"), CUSTOMER_CARD_CALLS)
def test_customer_cannot_touch_another_customers_card(
    shop: Shop, op: str, body: Callable[[str], object]
) -> None:
    other = shop.new_demo()
    response = shop.customer(op, body(other["cardInstanceId"]))
    assert response.status_code == 403
    assert result_code(response) == 20006
    assert shop.customer("getCards", {}).json()["cards"][0]["cardInstanceId"] == shop.card


def test_unknown_ids_are_404(shop: Shop) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    assert shop.terminal("getEventHistory", {"cardInstanceId": unknown}).status_code == 404
    assert shop.terminal("getStamps", {"stampCardId": unknown}).status_code == 404
    assert shop.customer("addCard", {"stampCardId": unknown}).status_code == 404


def test_issue_card_refuses_customer_tokens_in_its_envelope(shop: Shop) -> None:
    body = {"cardIdx": shop.demo["cardIdx"], "strtYmd": "2025-01-01", "endYmd": "2025-12-31"}
    response = shop.post("/api/stamp/v1/create", body, shop.customer_headers)
    assert response.status_code == 403
    assert response.json() == {
        "code": 20005,
        "message": "auth.token.wrong.kind: this operation needs a terminal token",
        "result": None,
    }
    assert shop.post("/api/stamp/v1/create", body, {}).status_code == 401


def test_only_digests_of_tokens_and_keys_are_stored(
    shop: Shop, settings_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    shop.stamps(2)
    shop.customer("getCards", {})
    with shop.services.db.read() as session:
        hashes = set(session.scalars(select(t.Credential.token_hash)))
        keys = set(session.scalars(select(t.App.api_key_hash)))
    assert len(hashes) == 2
    assert len(keys) == 1
    shop.services.db.dispose()
    stored = b"".join(path.read_bytes() for path in settings_path.parent.glob("server.sqlite3*"))
    for secret in (shop.demo["apiKey"], shop.demo["terminalToken"], shop.demo["userToken"]):
        assert secret.encode() not in stored
        assert secret not in caplog.text


@pytest.fixture
def settings_path(database_url: str) -> Path:
    return Path(database_url.removeprefix("sqlite:///"))
