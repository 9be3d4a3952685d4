"""The client's catalogue, rewards, stamps and enrolment calls over httpx.MockTransport: wire
format, the seed 001 signature over the exact bytes sent, and the classification of refusals."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.domain.events import EventType
from app.domain.models import InstanceStatus
from app.domain.models_customers import CreateStampCardRequest, CustomerInfo
from app.errors import ConfigError
from app.sync.client import StampApiClient
from app.sync.enrolment import (
    MEMBER_NUMBER_ALPHABET,
    Enrolment,
    enrol,
    issue_member_card,
    latest_end_date,
    new_member_number,
)
from app.sync.errors import (
    ApiError,
    BadResponse,
    CredentialsError,
    ForbiddenError,
    RejectedError,
    ServerBusy,
    ServerUnreachable,
)
from server.api.members import data_signature

API_KEY = "ak-secret-123"
TOKEN = "tt-secret-456"
APP_ID = "app-public-id"
APP_SECRET = "as-secret-789"
SECRETS = (API_KEY, TOKEN, APP_SECRET)
DEVICE_NOW = datetime(2026, 3, 2, 10, 0, 0, tzinfo=UTC).timestamp()
EXAMPLES = Path(__file__).parents[1] / "data" / "seed_examples"
CARD = "0131cef8-56e1-461a-b82b-7e220b925481"

Handler = Callable[[httpx.Request], httpx.Response]


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def client_with(
    handler: Handler, *, app_id: str = APP_ID, app_secret: str = APP_SECRET
) -> StampApiClient:
    http = httpx.Client(base_url="http://stamps.test", transport=httpx.MockTransport(handler))
    return StampApiClient(
        http,
        api_key=API_KEY,
        terminal_token=TOKEN,
        app_id=app_id,
        app_secret=app_secret,
        wall_clock=lambda: DEVICE_NOW,
    )


def recording(answers: dict[str, httpx.Response]) -> tuple[Handler, list[httpx.Request]]:
    """A handler answering by path, and the requests it saw."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers[request.url.path]

    return handler, seen


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


# Seed 002: getCatalog, getRewards, getStamps


def test_catalog_sends_the_filters_given_under_the_documents_names() -> None:
    handler, seen = recording(
        {"/stamp/v2/getCatalog": httpx.Response(200, json=example("getCatalog.response.json"))}
    )
    client = client_with(handler)
    request = example("getCatalog.request.json")
    catalog = client.catalog(
        latitude=request["latitude"],
        longitude=request["longitude"],
        radius=request["radius"],
        max_results=request["maxResults"],
        skip_rows=request["skipRows"],
        merchant_ids=tuple(request["merchantIds"]),
        service_id=request["serviceId"],
        stamp_card_id=request["stampCardId"],
    )
    assert json.loads(seen[0].content) == request
    assert seen[0].headers["api-key"] == API_KEY
    assert seen[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert [card.stamp_card_id for card in catalog] == ["1F7C3F59-2478-44DD-8059-6E6969542099"]
    assert catalog[0].rewards[0].threshold == 5
    assert catalog[0].merchant is not None and catalog[0].merchant.store is not None
    assert catalog[0].merchant.store.distance == pytest.approx(19.971244473406266)

    client.catalog()
    assert json.loads(seen[1].content) == {}


def test_rewards_asks_for_one_card_and_reads_the_reward_instances() -> None:
    handler, seen = recording(
        {"/stamp/v2/getRewards": httpx.Response(200, json=example("getRewards.response.json"))}
    )
    rewards = client_with(handler).rewards(CARD)
    assert json.loads(seen[0].content) == {"cardInstanceId": CARD}
    assert [r.reward_instance_id for r in rewards] == ["71584867-2b99-4d76-b628-dbb8526f66b7"]
    assert rewards[0].status is InstanceStatus.ACTIVE
    assert rewards[0].reward_expiration_date == datetime(2019, 4, 13, 17, 37, 37, 103000, UTC)


def test_stamps_asks_for_one_stamp_card() -> None:
    handler, seen = recording(
        {"/stamp/v2/getStamps": httpx.Response(200, json=example("getStamps.response.json"))}
    )
    stamps = client_with(handler).stamps("0616DE94-DED7-4D51-B766-2203296654FB")
    assert json.loads(seen[0].content) == {"stampCardId": "0616DE94-DED7-4D51-B766-2203296654FB"}
    assert [(s.stamp_value, s.stamp_event_type) for s in stamps] == [
        ("GZ23-A457-Z50-E56X-O23G", EventType.REDEEM)
    ]


@pytest.mark.parametrize(
    ("response", "error", "code"),
    [
        (httpx.Response(404, json={"result": {"code": 31002}}), RejectedError, 31002),
        (httpx.Response(401, json={"result": {"code": 20004}}), CredentialsError, None),
        (httpx.Response(403, json={"result": {"code": 20006}}), ForbiddenError, None),
        (httpx.Response(200, json={"result": {"code": 0}, "rewards": {}}), BadResponse, None),
        (httpx.Response(502, text="bad gateway"), ServerBusy, None),
    ],
)
def test_rewards_refusals_are_classified(
    response: httpx.Response, error: type[ApiError], code: int | None
) -> None:
    client = client_with(lambda request: response)
    with pytest.raises(error) as caught:
        client.rewards(CARD)
    if isinstance(caught.value, RejectedError):
        assert caught.value.code == code
    assert_no_secret(str(caught.value), repr(caught.value), repr(client))


# Seed 001: register a member, signed


def member_ok() -> httpx.Response:
    return httpx.Response(200, json={"status": "success", "messages": [], "errorCode": None})


def test_register_member_signs_the_exact_bytes_it_sends() -> None:
    handler, seen = recording({"/openapi/v1/customerOpenApi/add": member_ok()})
    member = CustomerInfo(number="KYBIO002", name="Zoë 李", discount=Decimal(60), phone="+1 555")
    client_with(handler).register_member(member, clock_offset_ms=-1500)

    request = seen[0]
    assert request.method == "POST"
    assert request.headers["time-stamp"] == str(int(DEVICE_NOW * 1000) - 1500)
    expected = (
        hmac.new(
            APP_SECRET.encode(),
            request.headers["time-stamp"].encode() + b"\n" + request.content,
            hashlib.md5,
        )
        .hexdigest()
        .upper()
    )
    assert request.headers["data-signature"] == expected
    assert len(expected) == 32
    assert expected == data_signature(APP_SECRET, request.headers["time-stamp"], request.content)
    assert "Zoë 李".encode() in request.content  # UTF-8 as sent, not \u escapes
    assert json.loads(request.content) == {
        "appId": APP_ID,
        "customerInfo": {"number": "KYBIO002", "name": "Zoë 李", "discount": 60, "phone": "+1 555"},
    }
    assert request.headers["content-type"] == "application/json; charset=utf-8"
    assert "api-key" not in request.headers  # seed 001 is signed by the app, not the terminal
    assert "authorization" not in request.headers


def test_the_document_example_body_goes_out_as_it_is_signed() -> None:
    handler, seen = recording({"/openapi/v1/customerOpenApi/add": member_ok()})
    body = example("add_customer.request.json")
    client_with(handler, app_id=body["appId"]).register_member(
        CustomerInfo.model_validate(body["customerInfo"])
    )
    assert json.loads(seen[0].content) == body
    stamp = seen[0].headers["time-stamp"]
    assert seen[0].headers["data-signature"] == data_signature(APP_SECRET, stamp, seen[0].content)


def member_refusal(status: int, code: int, message: str) -> httpx.Response:
    return httpx.Response(
        status, json={"status": "error", "messages": [message], "errorCode": code}
    )


@pytest.mark.parametrize(
    ("response", "error", "code", "advice"),
    [
        (
            member_refusal(401, 36002, "member.signature.invalid"),
            CredentialsError,
            None,
            "check app_id and app_secret",
        ),
        (
            member_refusal(401, 36005, "member.app.unknown"),
            CredentialsError,
            None,
            "check app_id and app_secret",
        ),
        (
            member_refusal(401, 36001, "member.signature.missing"),
            CredentialsError,
            None,
            "check app_id and app_secret",
        ),
        (
            member_refusal(401, 36003, "member.timestamp.invalid: outside the 5 minute window"),
            RejectedError,
            36003,
            "correct the clock",
        ),
        (
            member_refusal(401, 36004, "member.signature.replayed"),
            RejectedError,
            36004,
            "seen this signed request before",
        ),
        (
            member_refusal(409, 36006, "member.number.duplicate"),
            RejectedError,
            36006,
            "use another member number",
        ),
        (
            member_refusal(400, 10002, "request.validation.failed: customerInfo.discount: <= 100"),
            RejectedError,
            10002,
            "customerInfo.discount: <= 100",
        ),
        (httpx.Response(404, json={"detail": "Not Found"}), BadResponse, None, "does not match"),
        (httpx.Response(200, text="<html>portal</html>"), BadResponse, None, "not JSON"),
        (httpx.Response(503, text="busy"), ServerBusy, None, "HTTP 503"),
    ],
)
def test_member_refusals_are_classified_with_advice(
    response: httpx.Response, error: type[ApiError], code: int | None, advice: str
) -> None:
    client = client_with(lambda request: response)
    with pytest.raises(error) as caught:
        client.register_member(CustomerInfo(number="M-1"))
    assert type(caught.value) is error
    assert advice in str(caught.value)
    if isinstance(caught.value, RejectedError):
        assert caught.value.code == code
        assert caught.value.key is not None and caught.value.key.startswith(("member.", "request."))
    assert_no_secret(str(caught.value), repr(caught.value), repr(client))


def test_register_member_without_app_credentials_is_a_configuration_error() -> None:
    handler, seen = recording({})
    client = client_with(handler, app_secret="")
    with pytest.raises(ConfigError) as caught:
        client.register_member(CustomerInfo(number="M-1"))
    assert "app_secret" in str(caught.value)
    assert seen == []


def test_register_member_transport_errors_are_retryable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    with pytest.raises(ServerUnreachable) as caught:
        client_with(handler).register_member(CustomerInfo(number="M-1"))
    assert_no_secret(str(caught.value), repr(caught.value))


# Seed 000: issue a card


def issued(card_id: str = CARD) -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "code": 0,
            "message": "",
            "result": card_id,
            "cardUrl": f"https://c.test/c/{card_id}.sig",
        },
    )


def test_issue_card_sends_the_request_with_terminal_credentials() -> None:
    handler, seen = recording({"/api/stamp/v1/create": issued()})
    request = CreateStampCardRequest.model_validate(example("create_stamp.request.json"))
    answer = client_with(handler).issue_card(request)
    assert (answer.result, answer.card_url) == (CARD, f"https://c.test/c/{CARD}.sig")
    assert json.loads(seen[0].content) == example("create_stamp.request.json")
    assert seen[0].headers["api-key"] == API_KEY
    assert seen[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert "data-signature" not in seen[0].headers


def issue_refusal(status: int, code: int, message: str) -> httpx.Response:
    return httpx.Response(status, json={"code": code, "message": message, "result": None})


@pytest.mark.parametrize(
    ("response", "error", "code", "advice"),
    [
        (
            issue_refusal(401, 20004, "auth.token.invalid"),
            CredentialsError,
            None,
            "check api_key and terminal_token",
        ),
        (
            issue_refusal(403, 20006, "auth.forbidden"),
            ForbiddenError,
            None,
            "belongs to another merchant",
        ),
        (
            issue_refusal(404, 31001, "stamp.card.not.found"),
            RejectedError,
            31001,
            "no stamp card with this cardIdx",
        ),
        (
            issue_refusal(400, 35001, "issue.end.date.too.far: endYmd is after 2031-03-02"),
            RejectedError,
            35001,
            "choose an earlier end date",
        ),
        (
            httpx.Response(200, json={"code": 0, "message": "", "result": None}),
            BadResponse,
            None,
            "no cardInstanceId",
        ),
        (httpx.Response(200, json={"result": {"code": 0}}), BadResponse, None, "does not match"),
        (httpx.Response(429, text="slow down"), ServerBusy, None, "HTTP 429"),
    ],
)
def test_issue_card_refusals_are_classified_with_advice(
    response: httpx.Response, error: type[ApiError], code: int | None, advice: str
) -> None:
    client = client_with(lambda request: response)
    request = CreateStampCardRequest(
        card_idx=7, strt_ymd=date(2026, 3, 2), end_ymd=date(2027, 3, 2)
    )
    with pytest.raises(error) as caught:
        client.issue_card(request)
    assert type(caught.value) is error
    assert advice in str(caught.value)
    if isinstance(caught.value, RejectedError):
        assert caught.value.code == code
    assert_no_secret(str(caught.value), repr(caught.value), repr(client))


# Enrolment: 001 then 000


SERVER_TIME = "2026-03-02T23:30:00.000+0000"  # the device (10:00 UTC) is 13.5 hours behind


def enrolment_answers(card: httpx.Response | None = None) -> dict[str, httpx.Response]:
    return {
        "/stamp/v2/getServerTime": httpx.Response(
            200, json={"result": {"code": 0}, "serverTime": SERVER_TIME}
        ),
        "/openapi/v1/customerOpenApi/add": member_ok(),
        "/api/stamp/v1/create": card or issued(),
    }


def test_enrol_registers_the_member_then_issues_their_card_on_the_servers_clock() -> None:
    handler, seen = recording(enrolment_answers())
    result = enrol(
        client_with(handler),
        card_idx=7,
        name=" Ada Lovelace ",
        phone="+1 555 010-0777",
        email="",
    )
    assert [r.url.path for r in seen] == [
        "/stamp/v2/getServerTime",
        "/openapi/v1/customerOpenApi/add",
        "/api/stamp/v1/create",
    ]
    member = json.loads(seen[1].content)
    number = member["customerInfo"]["number"]
    assert member == {
        "appId": APP_ID,
        "customerInfo": {"number": number, "name": "Ada Lovelace", "phone": "+1 555 010-0777"},
    }
    server_ms = int(datetime(2026, 3, 2, 23, 30, tzinfo=UTC).timestamp() * 1000)
    assert seen[1].headers["time-stamp"] == str(server_ms)  # corrected by the measured offset
    assert json.loads(seen[2].content) == {
        "cardIdx": 7,
        "strtYmd": "2026-03-02",
        "endYmd": "2027-03-02",
        "userId": number,
        "userNm": "Ada Lovelace",
        "userPhnno": "+1 555 010-0777",
    }
    assert result == Enrolment(
        member_number=number, card_instance_id=CARD, card_url=f"https://c.test/c/{CARD}.sig"
    )
    assert_no_secret(repr(result))


def test_enrol_keeps_a_given_member_number_and_caps_the_validity_at_five_years() -> None:
    handler, seen = recording(enrolment_answers())
    result = enrol(client_with(handler), card_idx=7, member_number="KYBIO002", valid_days=4000)
    assert result.member_number == "KYBIO002"
    assert json.loads(seen[1].content)["customerInfo"] == {"number": "KYBIO002"}
    assert json.loads(seen[2].content)["endYmd"] == "2031-03-02"


def test_a_refused_member_issues_no_card() -> None:
    answers = enrolment_answers()
    answers["/openapi/v1/customerOpenApi/add"] = member_refusal(
        401, 36002, "member.signature.invalid"
    )
    handler, seen = recording(answers)
    with pytest.raises(CredentialsError) as caught:
        enrol(client_with(handler), card_idx=7)
    assert "36002" in str(caught.value)
    assert "/api/stamp/v1/create" not in [r.url.path for r in seen]


@pytest.mark.parametrize(
    ("card", "error", "code"),
    [
        (issue_refusal(404, 31001, "stamp.card.not.found"), RejectedError, 31001),
        (issue_refusal(401, 20004, "auth.token.invalid"), CredentialsError, None),
        (httpx.Response(503, text="busy", headers={"Retry-After": "9"}), ServerBusy, None),
    ],
)
def test_a_member_without_a_card_is_named_in_the_error(
    card: httpx.Response, error: type[ApiError], code: int | None
) -> None:
    handler, _seen = recording(enrolment_answers(card))
    with pytest.raises(error) as caught:
        enrol(client_with(handler), card_idx=7, member_number="KYBIO002")
    text = str(caught.value)
    assert text.startswith("Member KYBIO002 is registered, but has no card yet.")
    assert "Issue the card to member KYBIO002 again." in text
    assert isinstance(caught.value.__cause__, error)
    if isinstance(caught.value, RejectedError):
        assert (caught.value.code, caught.value.key) == (code, "stamp.card.not.found")
    if isinstance(caught.value, ServerBusy):
        assert caught.value.retry_after == 9.0
    assert_no_secret(text, repr(caught.value))


def test_issue_member_card_asks_the_servers_date_when_not_given() -> None:
    handler, seen = recording(enrolment_answers())
    result = issue_member_card(client_with(handler), card_idx=7, member_number="KYBIO002")
    assert result.card_instance_id == CARD
    assert json.loads(seen[1].content)["strtYmd"] == "2026-03-02"


def test_member_numbers_are_random_and_unambiguous() -> None:
    numbers = {new_member_number() for _ in range(50)}
    assert len(numbers) == 50
    assert all(len(n) == 10 and set(n) <= set(MEMBER_NUMBER_ALPHABET) for n in numbers)
    assert not set("IO01") & set(MEMBER_NUMBER_ALPHABET)


def test_latest_end_date_is_five_years_ahead() -> None:
    assert latest_end_date(date(2026, 3, 2)) == date(2031, 3, 2)
    assert latest_end_date(date(2028, 2, 29)) == date(2033, 2, 28)


def test_enrol_refuses_a_validity_of_no_days_before_any_call() -> None:
    handler, seen = recording({})
    with pytest.raises(ValueError, match="valid_days"):
        enrol(client_with(handler), card_idx=7, valid_days=0)
    assert seen == []
