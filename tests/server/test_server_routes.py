"""Every operation answers under both prefixes; /openapi.json says what is really returned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from server_testkit import OTHER_PREFIX, PREFIX, Shop, api_time
from test_server_seed_examples import assert_same_shape

from server.api.stamp_v2 import ALIASES, EXTENSIONS, OPERATIONS, PREFIXES

Body = Callable[[Shop], Any]

CALLS: dict[str, tuple[str, Body]] = {
    "addCard": ("customer", lambda s: {"stampCardId": s.stamp_card(issue=False)["stampCardId"]}),
    "getCards": ("customer", lambda s: {}),
    "getCatalog": ("customer", lambda s: {}),
    "getEventHistory": ("terminal", lambda s: {"cardInstanceId": s.card}),
    "getMerchants": ("customer", lambda s: {}),
    "getRewards": ("customer", lambda s: {}),
    "getCouponDetail": ("terminal", lambda s: {"cardInstanceId": s.card}),
    "getStamps": ("terminal", lambda s: {"stampCardId": s.demo["stampCardId"]}),
    "removeCard": ("customer", lambda s: {"cardInstanceId": s.card}),
    "reportMultiStampEvents": ("terminal", lambda s: {"events": [s.event("e1")]}),
    "reportStampEvent": ("terminal", lambda s: s.event("e2")),
    "updateCardSequences": (
        "customer",
        lambda s: {"updateCardSeqList": [{"cardInstanceId": s.card, "sequence": 1}]},
    ),
    "lookupCard": ("terminal", lambda s: {"cardInstanceId": s.card}),
    "registerTag": ("terminal", lambda s: {"tagUid": "04A1B2C3", "cardInstanceId": s.card}),
    "getServerTime": ("customer", lambda s: None),
    "getCardSigningKey": ("terminal", lambda s: None),
    "getMasterData": ("terminal", lambda s: None),
}


def test_the_table_covers_every_operation() -> None:
    assert set(CALLS) == set(OPERATIONS) | set(ALIASES) | set(EXTENSIONS)
    assert len(OPERATIONS) == 11
    assert PREFIXES == (PREFIX, OTHER_PREFIX)


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("op", sorted(CALLS))
def test_operation_answers_under_both_prefixes(shop: Shop, op: str, prefix: str) -> None:
    kind, body = CALLS[op]
    call = shop.customer if kind == "customer" else shop.terminal
    response = call(op, body(shop), prefix)
    assert response.status_code == 200, response.text
    assert response.json()["result"] == {"code": 0}
    assert response.headers["content-type"].startswith("application/json")


def test_get_coupon_detail_is_get_rewards(shop: Shop) -> None:
    shop.stamps(10)
    rewards = shop.customer("getRewards", {"cardInstanceId": shop.card}).json()
    assert len(rewards["rewards"]) == 1
    assert shop.customer("getCouponDetail", {"cardInstanceId": shop.card}).json() == rewards


def test_unknown_path_and_wrong_method_use_the_envelope(shop: Shop) -> None:
    missing = shop.customer("getEverything", {})
    assert missing.status_code == 404
    assert missing.json() == {"result": {"code": 10004, "message": "request.path.not.found"}}
    wrong = shop.client.get(f"{PREFIX}/getCards")
    assert wrong.status_code == 405
    assert wrong.json()["result"]["code"] == 10005


@pytest.mark.parametrize(
    ("content", "headers", "code"),
    [
        (b"{not json", {"Content-Type": "application/json"}, 10001),
        (b"{not json", {}, 10001),
        (b"", {"Content-Type": "application/json"}, 10002),
        (b"[1, 2]", {"Content-Type": "application/json"}, 10002),
        (b'{"sortType": "1"}', {"Content-Type": "application/json"}, 10002),
    ],
)
def test_bad_bodies_are_400_with_a_code(
    shop: Shop, content: bytes, headers: dict[str, str], code: int
) -> None:
    response = shop.client.post(
        f"{PREFIX}/getCards", content=content, headers={**shop.customer_headers, **headers}
    )
    assert response.status_code == 400
    assert response.json()["result"]["code"] == code
    assert "detail" in response.json()["result"]


def test_openapi_describes_every_endpoint_without_422(shop: Shop) -> None:
    document = shop.client.get("/openapi.json").json()
    paths = document["paths"]
    for prefix in PREFIXES:
        for op in CALLS:
            assert f"{prefix}/{op}" in paths
    assert "/api/stamp/v1/create" in paths
    assert "/openapi/v1/customerOpenApi/add" in paths
    assert "422" not in str(document)
    assert "HTTPValidationError" not in str(document)
    schemes = document["components"]["securitySchemes"]
    assert {"type": "apiKey", "in": "header", "name": "api-key"}.items() <= next(
        s for s in schemes.values() if s["type"] == "apiKey"
    ).items()
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    operation_ids = []
    for path, item in paths.items():
        if path in ("/healthz", "/readyz"):  # GET without credentials: test_server_health
            continue
        operation = item["post"]
        operation_ids.append(operation["operationId"])
        assert {"200", "401"} <= set(operation["responses"]) or path.startswith("/openapi/v1")
        if "requestBody" in operation:
            assert "400" in operation["responses"], path
    assert len(set(operation_ids)) == len(operation_ids)
    report = paths[f"{PREFIX}/reportMultiStampEvents"]["post"]
    body_ref = report["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body_ref.endswith("/ReportMultiStampEventsRequest")
    ok_ref = report["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok_ref.endswith("/ReportMultiStampEventsResponse")
    error_ref = report["responses"]["400"]["content"]["application/json"]["schema"]["$ref"]
    assert error_ref.endswith("/ErrorResponse")
    member = paths["/openapi/v1/customerOpenApi/add"]["post"]
    assert {p["name"] for p in member["parameters"]} == {"Time-stamp", "Data-signature"}


def test_dates_are_written_in_the_documents_format(shop: Shop) -> None:
    served = shop.terminal("getServerTime").json()
    assert served["serverTime"] == api_time(shop.clock())
    assert served["epochMillis"] == int(shop.clock().timestamp() * 1000)


def test_the_shape_check_sees_differences() -> None:
    documented = {"result": {"code": 0}, "cards": [{"a": "x", "b": 1}]}
    assert_same_shape({"result": {"code": 5}, "cards": [{"a": "y", "b": 2.5}]}, documented, set())
    for wrong in (
        {"result": {"code": 0}, "cards": [{"a": "x"}]},
        {"result": {"code": 0}, "cards": [{"a": "x", "b": "1"}]},
        {"result": {"code": 0}, "cards": [{"a": "x", "b": 1, "c": 2}]},
        {"result": {"code": 0}, "cards": []},
    ):
        with pytest.raises(AssertionError):
            assert_same_shape(wrong, documented, set())
