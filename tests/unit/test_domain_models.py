"""API models: every example body of the documents round-trips; dates; validation failures."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from app.domain import models_customers as cu
from app.domain import models_requests as rq
from app.domain.dates import (
    API_DATETIME_PATTERN,
    format_api_datetime,
    parse_api_date,
    parse_api_datetime,
)
from app.domain.events import EventType
from app.domain.models import (
    CardInstance,
    InstanceStatus,
    ReportedEvent,
    Result,
    Stamp,
    StampCard,
    StampType,
    Store,
    YesNo,
    to_json,
)

EXAMPLES = Path(__file__).parents[1] / "data" / "seed_examples"

OPERATIONS: dict[str, tuple[type[BaseModel], type[BaseModel]]] = {
    "addCard": (rq.AddCardRequest, rq.AddCardResponse),
    "getCards": (rq.GetCardsRequest, rq.GetCardsResponse),
    "getCatalog": (rq.GetCatalogRequest, rq.GetCatalogResponse),
    "getEventHistory": (rq.GetEventHistoryRequest, rq.GetEventHistoryResponse),
    "getMerchants": (rq.GetMerchantsRequest, rq.GetMerchantsResponse),
    "getRewards": (rq.GetRewardsRequest, rq.GetRewardsResponse),
    "getStamps": (rq.GetStampsRequest, rq.GetStampsResponse),
    "removeCard": (rq.RemoveCardRequest, rq.RemoveCardResponse),
    "reportMultiStampEvents": (rq.ReportMultiStampEventsRequest, rq.ReportMultiStampEventsResponse),
    "reportStampEvent": (rq.ReportStampEventRequest, rq.ReportStampEventResponse),
    "updateCardSequences": (rq.UpdateCardSequencesRequest, rq.UpdateCardSequencesResponse),
    "create_stamp": (cu.CreateStampCardRequest, cu.CreateStampCardResponse),
    "add_customer": (cu.AddCustomerRequest, cu.AddCustomerResponse),
}

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))

_M = TypeVar("_M", bound=BaseModel)


def _model_for(path: Path) -> type[BaseModel]:
    operation, kind = path.name.split(".")[:2]
    request, response = OPERATIONS[operation]
    return request if kind == "request" else response


# The documents write some times with the offset "-0000". It is the same instant as "+0000"
# (UTC), and the formatter always writes UTC as "+0000", so only that spelling may differ.
_MINUS_ZERO = re.compile(r"(\.[0-9]{3})-0000$")


def _normalise_minus_zero(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _normalise_minus_zero(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_normalise_minus_zero(item) for item in data]
    if isinstance(data, str):
        return _MINUS_ZERO.sub(r"\1+0000", data)
    return data


def _load(model: type[_M], name: str) -> _M:
    return model.model_validate_json((EXAMPLES / name).read_bytes())


def _canonical(data: Any) -> str:
    """JSON text that tells 10000 from 10000.0 but not key order."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def test_every_operation_has_its_examples() -> None:
    operations = {path.name.split(".")[0] for path in EXAMPLE_FILES}
    assert operations == set(OPERATIONS)
    assert len(EXAMPLE_FILES) == 2 * len(OPERATIONS) + 2  # reportMultiStampEvents: 3 responses


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.name)
def test_example_round_trip(path: Path) -> None:
    original = json.loads(path.read_text(encoding="utf-8"))
    model = _model_for(path).model_validate(original)
    expected = _normalise_minus_zero(original)

    written = to_json(model)
    assert written == expected
    assert _canonical(written) == _canonical(expected)

    as_text = model.model_dump_json(by_alias=True, exclude_unset=True)
    assert _canonical(json.loads(as_text)) == _canonical(expected)
    assert _model_for(path).model_validate_json(as_text) == model


def test_examples_parse_into_typed_values() -> None:
    catalog = _load(rq.GetCatalogResponse, "getCatalog.response.json")
    card = catalog.catalog[0]
    assert card.stamp_type is StampType.QR
    assert card.is_publish_to_market is YesNo.N
    assert card.merchant is not None
    assert card.merchant.update_dtim == datetime(2018, 12, 19, 17, 42, 26, tzinfo=UTC)
    assert card.merchant.store is not None
    assert card.merchant.store.zip_code == "30004"

    batch = _load(rq.ReportMultiStampEventsRequest, "reportMultiStampEvents.request.json")
    assert batch.events[0].event_type is EventType.STAMP
    assert batch.events[0].event_time == datetime(2019, 3, 14, 18, 30, 3, 278000, tzinfo=UTC)

    refused = _load(rq.ReportMultiStampEventsResponse, "reportMultiStampEvents.response-3.json")
    assert [r.result.code for r in refused.event_results] == [33003, 33003]
    assert refused.event_results[0].card_instance is None
    assert not refused.event_results[0].result.ok

    member = _load(cu.AddCustomerRequest, "add_customer.request.json")
    assert member.customer_info.discount == Decimal(60)
    assert member.customer_info.enable is cu.MemberEnable.AVAILABLE

    issued = _load(cu.CreateStampCardRequest, "create_stamp.request.json")
    assert (issued.strt_ymd, issued.end_ymd) == (date(2025, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize(
    ("model", "names"),
    [
        (
            StampCard,
            "stampCardId name stampType stampCount tnc availableStore websiteUrl phoneNumber "
            "information isPublishToMarket backgroundImageUrl stampAreaImageUrl rewards merchant "
            "stampStartDate stampEndDate catalogDescription",
        ),
        (Store, "storeId storeName street1 city state zip country latitude longitude distance"),
        (
            CardInstance,
            "cardInstanceId stampCardId currentStamps totalStamps issueDate updateTime "
            "expirationDate status rewards",
        ),
        (Stamp, "stampId stampValue stampState awardStamps rewardId stampEventType"),
        (
            ReportedEvent,
            "eventId cardInstanceId eventTime eventType rewardInstanceId stampValue "
            "note heldByPolicy",  # the last two: the server's extension (docs/server-api.md)
        ),
        (
            cu.CreateStampCardRequest,
            "cardIdx domain strtYmd endYmd activeYn memo userId userNm userPhnno userEml "
            "userEtc1 userEtc2",
        ),
        (
            cu.CustomerInfo,
            "categoryName number name point discount balance phone birthday qq email address "
            "remarks onAccount enable password",
        ),
        (
            rq.GetCatalogRequest,
            "serviceId latitude longitude radius skipRows maxResults merchantIds stampCardId",
        ),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_wire_names_are_the_documents_names(model: type[BaseModel], names: str) -> None:
    aliases = [field.serialization_alias or field.alias for field in model.model_fields.values()]
    assert aliases == names.split()


# Aliases and tolerance


def test_misspelt_input_names_are_accepted_and_written_correctly() -> None:
    catalog = rq.GetCatalogRequest.model_validate({"serviced": "10520", "maxRows": 5})
    assert to_json(catalog) == {"serviceId": "10520", "maxResults": 5}
    merchants = rq.GetMerchantsRequest.model_validate({"Latitude": 34.04, "longitude": -84.48})
    assert to_json(merchants) == {"latitude": 34.04, "longitude": -84.48}


def test_python_names_are_accepted() -> None:
    request = rq.GetCardsRequest(latitude=34.0, sort_type=rq.CardSortType.DISTANCE_FARTHEST)
    assert to_json(request) == {"latitude": 34.0, "sortType": 4}
    by_dict = rq.GetCatalogRequest.model_validate({"service_id": "1", "max_results": 2})
    assert to_json(by_dict) == {"serviceId": "1", "maxResults": 2}


def test_unknown_fields_are_ignored() -> None:
    response = rq.AddCardResponse.model_validate(
        {"result": {"code": 0, "traceId": "x"}, "extra": 1}
    )
    assert to_json(response) == {"result": {"code": 0}}
    request = rq.AddCardRequest.model_validate({"stampCardId": "A", "channel": "POS"})
    assert to_json(request) == {"stampCardId": "A"}


def test_error_response_without_lists_reads_as_empty() -> None:
    response = rq.GetCardsResponse.model_validate({"result": {"code": 500, "message": "down"}})
    assert response.cards == []
    assert response.result == Result(code=500, message="down")
    assert to_json(response) == {"result": {"code": 500, "message": "down"}}


def test_reported_stamp_needs_no_reward_instance_or_stamp_value() -> None:
    event = ReportedEvent.model_validate(
        {"eventId": "t1-7", "eventTime": "2019-03-14T18:30:03.278+0000", "eventType": "STAMP"}
    )
    assert event.reward_instance_id is None
    assert event.stamp_value is None
    single = rq.ReportStampEventRequest(
        event_id="t1-8",
        card_instance_id="c",
        event_time=datetime(2024, 5, 1, 9, 0, tzinfo=UTC),
        event_type=EventType.STAMP,
    )
    assert to_json(single) == {
        "eventId": "t1-8",
        "cardInstanceId": "c",
        "eventTime": "2024-05-01T09:00:00.000+0000",
        "eventType": "STAMP",
    }


def test_python_dump_keeps_python_types() -> None:
    card = CardInstance.model_validate(
        {
            "cardInstanceId": "c",
            "stampCardId": "s",
            "currentStamps": 1,
            "totalStamps": 10,
            "issueDate": "2019-03-14T14:19:04.141-0500",
            "status": "ACTIVE",
        }
    )
    dumped = card.model_dump()
    assert dumped["issue_date"] == datetime(2019, 3, 14, 19, 19, 4, 141000, tzinfo=UTC)
    assert dumped["status"] is InstanceStatus.ACTIVE


def test_create_stamp_card_defaults() -> None:
    request = cu.CreateStampCardRequest(
        card_idx=1, strt_ymd=date(2025, 1, 1), end_ymd=date(2025, 1, 31)
    )
    assert request.domain == "https://vvd.bz"
    assert request.active_yn is YesNo.Y
    assert to_json(request) == {"cardIdx": 1, "strtYmd": "2025-01-01", "endYmd": "2025-01-31"}


def test_money_fields_are_decimals_written_as_numbers() -> None:
    info = cu.CustomerInfo.model_validate(
        {"number": "K1", "point": 12.5, "balance": 0.1, "discount": 60}
    )
    assert (info.point, info.balance, info.discount) == (
        Decimal("12.5"),
        Decimal("0.1"),
        Decimal(60),
    )
    assert to_json(info) == {"number": "K1", "point": 12.5, "balance": 0.1, "discount": 60}


def test_add_customer_status_is_case_insensitive() -> None:
    assert cu.AddCustomerResponse.model_validate({"status": "SUCCESS"}).ok
    assert not cu.AddCustomerResponse.model_validate({"status": "error", "errorCode": 12}).ok


# Validation failures


def _errors(
    model: type[BaseModel], data: dict[str, Any]
) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(tuple(error["loc"]), error["type"]) for error in caught.value.errors()]


_EVENT = {"eventId": "1", "eventTime": "2019-03-14T18:30:03.278-0000", "eventType": "STAMP"}
_CARD = {
    "cardInstanceId": "c",
    "stampCardId": "s",
    "currentStamps": 0,
    "totalStamps": 5,
    "status": "ACTIVE",
}
_ISSUE = {"cardIdx": 1, "strtYmd": "2025-01-01", "endYmd": "2025-12-31"}


@pytest.mark.parametrize(
    ("model", "data", "loc"),
    [
        (rq.AddCardRequest, {}, ("stampCardId",)),
        (rq.GetEventHistoryRequest, {}, ("cardInstanceId",)),
        (rq.AddCardResponse, {}, ("result",)),
        (Result, {"message": "x"}, ("code",)),
        (CardInstance, {k: v for k, v in _CARD.items() if k != "status"}, ("status",)),
        (ReportedEvent, {k: v for k, v in _EVENT.items() if k != "eventId"}, ("eventId",)),
        (
            rq.ReportMultiStampEventsRequest,
            {"events": [{"eventId": "1"}]},
            ("events", 0, "eventTime"),
        ),
        (cu.CreateStampCardRequest, {"cardIdx": 1, "endYmd": "2025-12-31"}, ("strtYmd",)),
        (cu.AddCustomerRequest, {"appId": "a"}, ("customerInfo",)),
        (cu.CustomerInfo, {"name": "n"}, ("number",)),
    ],
)
def test_missing_required_field(
    model: type[BaseModel], data: dict[str, Any], loc: tuple[str | int, ...]
) -> None:
    assert (loc, "missing") in _errors(model, data)


@pytest.mark.parametrize(
    ("model", "data", "loc"),
    [
        (StampCard, {"stampCardId": "s", "stampType": "BARCODE"}, ("stampType",)),
        (StampCard, {"stampCardId": "s", "isPublishToMarket": "yes"}, ("isPublishToMarket",)),
        (ReportedEvent, {**_EVENT, "eventType": "stamp"}, ("eventType",)),
        (CardInstance, {**_CARD, "status": "ACTIVATED"}, ("status",)),
        (CardInstance, {**_CARD, "status": 1}, ("status",)),
        (rq.GetCardsRequest, {"sortType": 9}, ("sortType",)),
        (rq.GetCardsRequest, {"sortType": True}, ("sortType",)),
        (rq.GetCardsRequest, {"sortType": "4"}, ("sortType",)),
        (cu.CreateStampCardRequest, {**_ISSUE, "activeYn": "X"}, ("activeYn",)),
        (cu.CustomerInfo, {"number": "K", "enable": 2}, ("enable",)),
    ],
)
def test_wrong_enum_value(
    model: type[BaseModel], data: dict[str, Any], loc: tuple[str | int, ...]
) -> None:
    assert (loc, "enum") in _errors(model, data)


@pytest.mark.parametrize(
    ("model", "data", "loc"),
    [
        (rq.AddCardRequest, {"stampCardId": 123}, ("stampCardId",)),
        (CardInstance, {**_CARD, "currentStamps": "1"}, ("currentStamps",)),
        (CardInstance, {**_CARD, "currentStamps": 1.0}, ("currentStamps",)),
        (Result, {"code": True}, ("code",)),
        (rq.GetCardsRequest, {"latitude": "34.0"}, ("latitude", "int")),
        (rq.ReportMultiStampEventsRequest, {"events": {}}, ("events",)),
        (ReportedEvent, {**_EVENT, "eventTime": 1552573803}, ("eventTime",)),
        (ReportedEvent, {**_EVENT, "eventTime": "2019-03-14T18:30:03.278"}, ("eventTime",)),
        (cu.CreateStampCardRequest, {**_ISSUE, "cardIdx": "123"}, ("cardIdx",)),
        (cu.CreateStampCardRequest, {**_ISSUE, "strtYmd": "2025/01/01"}, ("strtYmd",)),
        (cu.CreateStampCardRequest, {**_ISSUE, "endYmd": "2024-12-31"}, ()),
        (cu.CreateStampCardResponse, {"code": 0, "result": 1347}, ("result",)),
        (cu.CustomerInfo, {"number": "K", "point": "0"}, ("point",)),
        (cu.CustomerInfo, {"number": "K", "point": True}, ("point",)),
        (cu.CustomerInfo, {"number": "K", "discount": 101}, ("discount",)),
        (cu.CustomerInfo, {"number": "K", "onAccount": 2}, ("onAccount",)),
    ],
)
def test_wrong_type_or_value(
    model: type[BaseModel], data: dict[str, Any], loc: tuple[str | int, ...]
) -> None:
    assert loc in [error_loc for error_loc, _ in _errors(model, data)]


def test_date_errors_in_models_say_what_is_expected() -> None:
    with pytest.raises(ValidationError, match="timezone offset is required"):
        ReportedEvent(event_id="1", event_time=datetime(2024, 1, 1), event_type=EventType.STAMP)
    with pytest.raises(
        ValidationError, match=re.escape(f"'14:30': expected {API_DATETIME_PATTERN}")
    ):
        ReportedEvent.model_validate({**_EVENT, "eventTime": "14:30"})


# Dates


@pytest.mark.parametrize(
    ("text", "offset_minutes"),
    [
        ("2019-02-08T14:23:35.443-0500", -300),
        ("2019-02-08T14:23:35.443+0000", 0),
        ("2019-02-08T14:23:35.443-0000", 0),
        ("2019-02-08T14:23:35.443+0530", 330),
        ("2019-02-08T14:23:35.443+05:30", 330),
        ("2019-02-08T14:23:35.443-03:30", -210),
        ("2019-02-08T14:23:35.443Z", 0),
    ],
)
def test_parse_offsets(text: str, offset_minutes: int) -> None:
    parsed = parse_api_datetime(text)
    assert parsed.utcoffset() == timedelta(minutes=offset_minutes)
    assert parsed.replace(tzinfo=None) == datetime(2019, 2, 8, 14, 23, 35, 443000)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("2019-02-08T14:23:35.443-0500", "2019-02-08T14:23:35.443-0500"),
        ("2019-03-14T13:48:09.094+0000", "2019-03-14T13:48:09.094+0000"),
        ("2019-03-14T18:30:03.278-0000", "2019-03-14T18:30:03.278+0000"),
        ("2019-03-14T18:30:03.000+05:45", "2019-03-14T18:30:03.000+0545"),
        ("0999-12-31T23:59:59.999Z", "0999-12-31T23:59:59.999+0000"),
    ],
)
def test_round_trip(text: str, written: str) -> None:
    assert format_api_datetime(parse_api_datetime(text)) == written


def test_format_writes_milliseconds_and_offset_without_colon() -> None:
    value = datetime(2024, 7, 1, 8, 5, 9, 123999, tzinfo=timezone(-timedelta(hours=9, minutes=30)))
    assert format_api_datetime(value) == "2024-07-01T08:05:09.123-0930"
    assert format_api_datetime(datetime(2024, 7, 1, tzinfo=UTC)) == "2024-07-01T00:00:00.000+0000"


def test_format_refuses_naive_and_second_offsets() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_api_datetime(datetime(2024, 7, 1))
    odd = datetime(1937, 1, 1, tzinfo=timezone(timedelta(minutes=19, seconds=32)))
    with pytest.raises(ValueError, match="seconds"):
        format_api_datetime(odd)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2019-02-08",
        "2019-02-08T14:23:35-0500",
        "2019-02-08T14:23:35.44-0500",
        "2019-02-08T14:23:35.4431-0500",
        "2019-02-08 14:23:35.443-0500",
        "2019-02-08T14:23:35.443",
        "2019-02-08T14:23:35.443-05",
        "2019-02-08T14:23:35.443+2400",
        "2019-02-08T14:23:35.443+0060",
        "2019-13-08T14:23:35.443-0500",
        "2019-02-30T14:23:35.443-0500",
        "2019-02-08T24:00:00.000-0500",
        "\uff12\uff10\uff11\uff19-02-08T14:23:35.443-0500",
        " 2019-02-08T14:23:35.443-0500",
    ],
)
def test_bad_datetime_message_quotes_value_and_format(text: str) -> None:
    with pytest.raises(ValueError, match="invalid date-time") as caught:
        parse_api_datetime(text)
    assert repr(text) in str(caught.value)
    assert API_DATETIME_PATTERN in str(caught.value)


def test_parse_calendar_date() -> None:
    assert parse_api_date("2025-01-01") == date(2025, 1, 1)
    for bad in ("20250101", "2025-1-1", "2025-02-30", "2025-W01-1"):
        with pytest.raises(ValueError, match=re.escape(repr(bad))):
            parse_api_date(bad)


_OFFSETS = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@given(st.datetimes(timezones=_OFFSETS))
def test_format_then_parse_keeps_instant_offset_and_milliseconds(value: datetime) -> None:
    parsed = parse_api_datetime(format_api_datetime(value))
    assert parsed == value.replace(microsecond=value.microsecond // 1000 * 1000)
    assert parsed.utcoffset() == value.utcoffset()
