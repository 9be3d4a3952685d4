"""The API client over httpx.MockTransport: wire format and the classification of failures."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from app.domain.events import EventState, EventType, OutboxEvent
from app.sync.client import StampApiClient, retry_after_seconds, wire_event
from app.sync.errors import (
    BadResponse,
    CredentialsError,
    ForbiddenError,
    RejectedError,
    RetryableError,
    ServerBusy,
    ServerUnreachable,
)

API_KEY = "ak-secret-123"
TOKEN = "tt-secret-456"


def event(event_id: str = "e-1", offset_ms: int = 0) -> OutboxEvent:
    return OutboxEvent(
        seq=1,
        event_id=event_id,
        terminal_id="t-1",
        card_instance_id="0131cef8-56e1-461a-b82b-7e220b925481",
        event_type=EventType.STAMP,
        stamp_value="GZ23",
        reward_instance_id=None,
        device_time=datetime(2026, 3, 2, 10, 0, 0, 250000, tzinfo=UTC),
        clock_offset_ms=offset_ms,
        state=EventState.PENDING,
        attempts=0,
        last_error=None,
        next_attempt_at=None,
        result_code=None,
        result_message=None,
        source="qr",
        note=None,
    )


def client_with(handler: Callable[[httpx.Request], httpx.Response]) -> StampApiClient:
    http = httpx.Client(base_url="http://stamps.test", transport=httpx.MockTransport(handler))
    return StampApiClient(http, api_key=API_KEY, terminal_token=TOKEN)


def ok_results(request: httpx.Request) -> httpx.Response:
    body = json.loads(request.content)
    return httpx.Response(
        200,
        json={
            "result": {"code": 0},
            "eventResults": [
                {"result": {"code": 0}, "eventId": e["eventId"]} for e in body["events"]
            ],
        },
    )


def test_wire_event_corrects_time_by_the_offset_recorded_with_the_event() -> None:
    body = wire_event(event(offset_ms=-1500))
    assert body == {
        "eventId": "e-1",
        "cardInstanceId": "0131cef8-56e1-461a-b82b-7e220b925481",
        "eventTime": "2026-03-02T09:59:58.750+0000",
        "eventType": "STAMP",
        "stampValue": "GZ23",
    }


def test_report_events_sends_headers_and_maps_results() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return ok_results(request)

    results = client_with(handler).report_events([event("a"), event("b")])
    assert set(results) == {"a", "b"}
    request = seen[0]
    assert request.url.path == "/stamp/v2/reportMultiStampEvents"
    assert request.headers["api-key"] == API_KEY
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


def card_state(stamps: int) -> dict[str, object]:
    return {
        "cardInstanceId": "0131cef8-56e1-461a-b82b-7e220b925481",
        "stampCardId": "S-1",
        "currentStamps": stamps,
        "totalStamps": 10,
        "status": "ACTIVE",
    }


def test_only_the_last_applied_result_of_a_card_keeps_the_card_state() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        refused = {"code": 33003, "message": "stamp.multiple.stamp.attempt"}
        return httpx.Response(
            200,
            json={
                "result": {"code": 0},
                "eventResults": [
                    {"result": {"code": 0}, "eventId": "a", "cardInstance": card_state(1)},
                    {"result": {"code": 0}, "eventId": "b", "cardInstance": card_state(2)},
                    {"result": refused, "eventId": "c", "cardInstance": card_state(2)},
                ],
            },
        )

    results = client_with(handler).report_events([event("a"), event("b"), event("c")])
    assert results["a"].card_instance is None
    last = results["b"].card_instance
    assert last is not None
    assert last.current_stamps == 2
    assert results["c"].card_instance is not None


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (httpx.Response(503, text="busy", headers={"Retry-After": "7"}), ServerBusy),
        (httpx.Response(429, json={"result": {"code": 1}}), ServerBusy),
        (httpx.Response(500, text="Internal Server Error"), ServerBusy),
        (httpx.Response(200, text="<html><body>Login to Wi-Fi</body></html>"), BadResponse),
        (httpx.Response(200, content=b"\xff\xfe garbage"), BadResponse),
        (httpx.Response(200, json=[1, 2]), BadResponse),
        (httpx.Response(200, json={"result": {"code": 0}, "eventResults": "x"}), BadResponse),
        (httpx.Response(401, json={"result": {"code": 20004}}), CredentialsError),
        (httpx.Response(403, json={"result": {"code": 20006}}), ForbiddenError),
        (httpx.Response(400, json={"result": {"code": 10002, "message": "x"}}), RejectedError),
    ],
)
def test_failures_are_classified(response: httpx.Response, error: type[Exception]) -> None:
    client = client_with(lambda request: response)
    with pytest.raises(error) as caught:
        client.report_events([event()])
    text = str(caught.value) + repr(caught.value) + repr(client)
    assert API_KEY not in text
    assert TOKEN not in text


def test_retry_after_is_carried() -> None:
    client = client_with(lambda r: httpx.Response(503, headers={"Retry-After": "7"}))
    with pytest.raises(ServerBusy) as caught:
        client.report_events([event()])
    assert caught.value.retry_after == 7.0


@pytest.mark.parametrize(
    "exc",
    [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("x")],
)
def test_transport_errors_are_retryable(exc: Exception) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    with pytest.raises(ServerUnreachable) as caught:
        client_with(handler).report_events([event()])
    assert isinstance(caught.value, RetryableError)


def test_server_clock_offset() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/stamp/v2/getServerTime"
        return httpx.Response(
            200, json={"result": {"code": 0}, "serverTime": "2000-01-01T00:00:00.000+0000"}
        )

    clock = client_with(handler).server_clock()
    assert clock.offset_ms < -700_000_000_000  # the device is decades ahead of this server
    assert clock.round_trip_ms >= 0


def test_retry_after_parsing() -> None:
    assert retry_after_seconds("12") == 12.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
