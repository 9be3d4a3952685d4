"""The stamp API as the terminal uses it, over an injected ``httpx.Client``.

The client speaks the seed 002 operations under ``/stamp/v2/`` plus the reference server's
documented extensions (server time, card-signing key, master data, card lookup, tag
registration), seed 000 (issue a card, with the terminal's credentials) and seed 001 (register a
member, signed with the app secret). It decides nothing about retrying; it only classifies each
failure (see :mod:`app.sync.errors`).
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from pydantic import ValidationError

from app.domain.dates import format_api_datetime
from app.domain.events import OutboxEvent
from app.domain.models import (
    MAX_NOTE_LENGTH,
    ApiModel,
    ApiNumber,
    RewardInstance,
    Stamp,
    StampCard,
    to_json,
)
from app.domain.models_customers import (
    AddCustomerRequest,
    AddCustomerResponse,
    CreateStampCardRequest,
    CustomerInfo,
)
from app.domain.models_extensions import (
    CardSigningKeyResponse,
    IssueCardResponse,
    LookupCardResponse,
    MasterDataResponse,
    ServerTimeResponse,
)
from app.domain.models_requests import (
    EventResult,
    GetCatalogRequest,
    GetCatalogResponse,
    GetRewardsRequest,
    GetRewardsResponse,
    GetStampsRequest,
    GetStampsResponse,
    ReportMultiStampEventsResponse,
)
from app.errors import ConfigError
from app.sync.customer_wire import (
    ISSUE_CARD_PATH,
    MEMBER_PATH,
    REGISTER_MEMBER,
    issue_refusal,
    member_refusal,
    signed_member_request,
)
from app.sync.errors import (
    BadResponse,
    CredentialsError,
    ForbiddenError,
    RejectedError,
    ServerBusy,
    ServerUnreachable,
)

PREFIX = "/stamp/v2"
RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
M = TypeVar("M", bound=ApiModel)


@dataclass(frozen=True, slots=True)
class ServerClock:
    """The server's time and the offset to this device's clock, measured once."""

    server_time: datetime
    offset_ms: int  # server time minus device time
    round_trip_ms: float


def wire_event(event: OutboxEvent, *, held_by_policy: bool = False) -> dict[str, Any]:
    """The event as the API carries it; the same bytes on every retry of the same event.

    ``eventTime`` is the device time corrected by the clock offset known when the event was
    recorded, so it does not change when the offset is measured again later. The server's
    extensions are sent only when they say something, so a plain scan's body is what it always
    was: ``note`` when the event has one (a correction's reason, or the hold reason and the
    manager's note; see :func:`wire_note`), ``heldByPolicy`` when the scan policy held the event
    for a manager who let it go (``held_by_policy``). The server stores both but does not count
    them in the event's identity, so a retry after an upgrade that adds them is still a repeat.
    """
    corrected = event.device_time.timestamp() + event.clock_offset_ms / 1000
    body: dict[str, Any] = {
        "eventId": event.event_id,
        "cardInstanceId": event.card_instance_id,
        "eventTime": format_api_datetime(datetime.fromtimestamp(corrected, UTC)),
        "eventType": event.event_type.value,
    }
    if event.stamp_value:
        body["stampValue"] = event.stamp_value
    if event.reward_instance_id:
        body["rewardInstanceId"] = event.reward_instance_id
    note = wire_note(event.note)
    if note:
        body["note"] = note
    if held_by_policy:
        body["heldByPolicy"] = True
    return body


def wire_note(note: str | None) -> str | None:
    """The note as the server accepts it: at most 500 characters and no NUL (which the server
    refuses with the whole request); None when nothing is left."""
    if not note:
        return None
    return note.replace("\x00", "")[:MAX_NOTE_LENGTH] or None


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    reference = time.time() if now is None else now
    return max(0.0, moment.timestamp() - reference)


class StampApiClient:
    """Calls of one terminal; ``http`` carries the base URL, timeouts and transport.

    ``app_id`` and ``app_secret`` are needed only to register members; ``wall_clock`` is the
    device clock (seconds since the epoch) that clock offsets and signed requests are based on.
    """

    def __init__(
        self,
        http: httpx.Client,
        *,
        api_key: str,
        terminal_token: str,
        app_id: str = "",
        app_secret: str = "",
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._http = http
        self._headers = {
            "api-key": api_key,
            "Authorization": f"Bearer {terminal_token}",
            "Accept": "application/json",
        }
        self._app_id = app_id
        self._app_secret = app_secret
        self._wall_clock = wall_clock

    def __repr__(self) -> str:
        return f"StampApiClient(base_url={str(self._http.base_url)!r})"

    def _exchange(
        self,
        operation: str,
        path: str,
        headers: Mapping[str, str],
        *,
        json_body: Mapping[str, Any] | None = None,
        content: bytes | None = None,
    ) -> httpx.Response:
        """One POST; transport failures and 429/5xx raised as retryable errors."""
        body = None if json_body is None else dict(json_body)
        try:
            response = self._http.post(path, json=body, content=content, headers=headers)
        except httpx.TimeoutException as exc:
            raise ServerUnreachable(f"{operation}: the server did not answer in time") from exc
        except httpx.TransportError as exc:
            raise ServerUnreachable(
                f"{operation}: cannot reach the server ({type(exc).__name__})"
            ) from exc
        status = response.status_code
        if status in RETRYABLE_STATUS:
            raise ServerBusy(
                f"{operation}: the server answered HTTP {status}",
                retry_after=retry_after_seconds(response.headers.get("Retry-After")),
            )
        return response

    def _post(self, operation: str, body: Mapping[str, Any]) -> dict[str, Any]:
        path = f"{PREFIX}/{operation}"
        response = self._exchange(operation, path, self._headers, json_body=body)
        status = response.status_code
        payload = _json_object(operation, response)
        result = payload.get("result") if isinstance(payload.get("result"), dict) else None
        code = result.get("code") if result else None
        key = result.get("message") if result else None
        if status == 401:
            raise CredentialsError(
                f"{operation}: the server does not accept this terminal's credentials "
                f"(HTTP 401{f', {key}' if key else ''})"
            )
        if status == 403:
            raise ForbiddenError(f"{operation}: not allowed (HTTP 403{f', {key}' if key else ''})")
        if status >= 400 or code != 0:
            if status < 400 and not isinstance(code, int):
                raise BadResponse(f"{operation}: the answer has no result code (HTTP {status})")
            raise RejectedError(
                f"{operation}: refused with {code} {key or ''} (HTTP {status})".rstrip(),
                code=code if isinstance(code, int) else None,
                key=key if isinstance(key, str) else None,
            )
        return payload

    def _call(self, operation: str, body: Mapping[str, Any], model: type[M]) -> M:
        return _validated(operation, self._post(operation, body), model)

    def report_events(
        self, events: Sequence[OutboxEvent], held_by_policy: Collection[str] = frozenset()
    ) -> dict[str, EventResult]:
        """Send a batch; the per-event results by eventId (events without one are missing).

        ``held_by_policy`` names the events the scan policy held for a manager (sent with
        ``heldByPolicy``; only released ones are pending, so only they are ever sent).

        Only the last result of each card keeps its ``cardInstance``: that is the card's state
        after the whole batch, the one the terminal stores. The earlier ones would repeat the card
        and its rewards once per event, which made reading a batch of 100 stamps on one card cost
        more than sending it.
        """
        body = {
            "events": [wire_event(e, held_by_policy=e.event_id in held_by_policy) for e in events]
        }
        payload = self._post("reportMultiStampEvents", body)
        _keep_last_card_states(payload)
        answer = _validated("reportMultiStampEvents", payload, ReportMultiStampEventsResponse)
        return {r.event_id: r for r in answer.event_results}

    def server_clock(self) -> ServerClock:
        """Measure the server's clock against this device's, halfway through the round trip."""
        started = self._wall_clock()
        answer = self._call("getServerTime", {}, ServerTimeResponse)
        ended = self._wall_clock()
        server = answer.server_time
        if server is None:
            raise BadResponse("getServerTime: the answer has no serverTime")
        middle = (started + ended) / 2
        return ServerClock(
            server_time=server,
            offset_ms=round((server.timestamp() - middle) * 1000),
            round_trip_ms=(ended - started) * 1000,
        )

    def card_signing_key(self) -> str:
        """The server's public key for card codes (base64url of the raw Ed25519 key)."""
        key = self._call("getCardSigningKey", {}, CardSigningKeyResponse).public_key
        if not key:
            raise BadResponse("getCardSigningKey: the answer has no publicKey")
        return key

    def master_data(self) -> MasterDataResponse:
        """The merchant's stamp cards (with rewards) and stamp master data."""
        return self._call("getMasterData", {}, MasterDataResponse)

    def lookup_card(
        self,
        *,
        card_instance_id: str | None = None,
        tag_uid: str | None = None,
        phone: str | None = None,
    ) -> LookupCardResponse:
        """One card of this merchant by id, registered NFC tag UID or member phone."""
        fields = {"cardInstanceId": card_instance_id, "tagUid": tag_uid, "phone": phone}
        body = {key: value for key, value in fields.items() if value is not None}
        found = self._call("lookupCard", body, LookupCardResponse)
        if found.card_instance is None:
            raise BadResponse("lookupCard: the answer has no cardInstance")
        return found

    def register_tag(self, tag_uid: str, card_instance_id: str) -> None:
        """Register an NFC tag UID to a card instance of this merchant."""
        self._post("registerTag", {"tagUid": tag_uid, "cardInstanceId": card_instance_id})

    def catalog(
        self,
        *,
        stamp_card_id: str | None = None,
        merchant_ids: Sequence[str] | None = None,
        service_id: str | None = None,
        latitude: ApiNumber | None = None,
        longitude: ApiNumber | None = None,
        radius: ApiNumber | None = None,
        skip_rows: int | None = None,
        max_results: int | None = None,
    ) -> list[StampCard]:
        """The stamp cards on offer (for a terminal: its merchant's), filtered and paged.

        Only the filters given are sent; ``radius`` (km) needs ``latitude`` and ``longitude``.
        """
        fields: dict[str, Any] = {
            "stamp_card_id": stamp_card_id,
            "merchant_ids": None if merchant_ids is None else list(merchant_ids),
            "service_id": service_id,
            "latitude": latitude,
            "longitude": longitude,
            "radius": radius,
            "skip_rows": skip_rows,
            "max_results": max_results,
        }
        request = GetCatalogRequest.model_validate(
            {key: value for key, value in fields.items() if value is not None}
        )
        return self._call("getCatalog", to_json(request), GetCatalogResponse).catalog

    def rewards(self, card_instance_id: str) -> list[RewardInstance]:
        """The ACTIVE, unexpired reward instances of one card, oldest first."""
        body = to_json(GetRewardsRequest(card_instance_id=card_instance_id))
        return self._call("getRewards", body, GetRewardsResponse).rewards

    def stamps(self, stamp_card_id: str) -> list[Stamp]:
        """The stamp master data of one of this merchant's stamp cards."""
        body = to_json(GetStampsRequest(stamp_card_id=stamp_card_id))
        return self._call("getStamps", body, GetStampsResponse).stamps

    def issue_card(self, request: CreateStampCardRequest) -> IssueCardResponse:
        """Issue a card of stamp card ``cardIdx`` to a customer (seed 000).

        The answer's ``result`` is the new cardInstanceId, ``card_url`` its signed URL.
        """
        response = self._exchange(
            "issue a card", ISSUE_CARD_PATH, self._headers, json_body=to_json(request)
        )
        status = response.status_code
        answer = _validated(
            "issue a card", _json_object("issue a card", response), IssueCardResponse
        )
        if status < 400 and answer.ok:
            if not answer.result:
                raise BadResponse("issue a card: the answer has no cardInstanceId")
            return answer
        raise issue_refusal(status, answer)

    def register_member(self, customer: CustomerInfo, *, clock_offset_ms: int = 0) -> None:
        """Register a member under this terminal's app (seed 001), signed with the app secret.

        The signature covers exactly the bytes sent. ``clock_offset_ms`` (server time minus
        device time) corrects ``Time-stamp`` so that a device clock that is off is not refused.
        """
        if not self._app_id or not self._app_secret:
            raise ConfigError(
                f"{REGISTER_MEMBER}: the configuration keys 'app_id' and 'app_secret' must both "
                "be set (STAMP_TERMINAL_APP_ID, STAMP_TERMINAL_APP_SECRET)"
            )
        request = AddCustomerRequest(app_id=self._app_id, customer_info=customer)
        time_stamp = str(int(self._wall_clock() * 1000) + clock_offset_ms)
        content, headers = signed_member_request(request, self._app_secret, time_stamp)
        operation = "register a member"
        response = self._exchange(operation, MEMBER_PATH, headers, content=content)
        status = response.status_code
        answer = _validated(operation, _json_object(operation, response), AddCustomerResponse)
        if status < 400 and answer.ok:
            return
        raise member_refusal(status, answer)


def _validated(operation: str, payload: dict[str, Any], model: type[M]) -> M:
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise BadResponse(
            f"{operation}: the answer does not match the API ({exc.error_count()} errors)"
        ) from exc


def _keep_last_card_states(payload: dict[str, Any]) -> None:
    """Drop ``cardInstance`` from every applied event result but the last one of its card."""
    results = payload.get("eventResults")
    if not isinstance(results, list):
        return
    seen: set[object] = set()
    for result in reversed(results):
        if not isinstance(result, dict) or not _applied(result):
            continue
        card = result.get("cardInstance")
        if not isinstance(card, dict):
            continue
        card_id = card.get("cardInstanceId")
        if not isinstance(card_id, str):
            continue
        if card_id in seen:
            del result["cardInstance"]
        seen.add(card_id)


def _applied(result: dict[str, Any]) -> bool:
    outcome = result.get("result")
    return isinstance(outcome, dict) and outcome.get("code") == 0


def _json_object(operation: str, response: httpx.Response) -> dict[str, Any]:
    try:
        payload = json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        kind = response.headers.get("content-type", "unknown content").split(";")[0]
        raise BadResponse(
            f"{operation}: the answer is not JSON (HTTP {response.status_code}, {kind})"
        ) from exc
    if not isinstance(payload, dict):
        raise BadResponse(f"{operation}: the answer is not a JSON object")
    return payload
