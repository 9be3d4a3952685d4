"""Reporting events (seed 002): reportStampEvent and reportMultiStampEvents, terminal only.

Every batched event carries the terminal's ``eventId``; a repeat returns the stored result of
the first time (see ``server.rules.batch``). Concurrent requests are written together
(``server.rules.group_commit``). The single form takes an optional ``eventId``;
without one the server makes one up and the call is not idempotent.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from app.domain.models_requests import (
    ReportMultiStampEventsRequest,
    ReportMultiStampEventsResponse,
    ReportStampEventRequest,
    ReportStampEventResponse,
)
from server import errors
from server.api.schemas import error_responses
from server.auth import TerminalPrincipal
from server.errors import ApiError
from server.services import ServicesDep

router = APIRouter(tags=["stamp v2: events (terminal)"])

MAX_BATCH = 1000
BATCH_HEAD = '{"result":{"code":0},"eventResults":['


@router.post(
    "/reportStampEvent",
    response_model=ReportStampEventResponse,
    responses=error_responses(400, 401, 403, 404, 409),
    summary="Report one event; the HTTP status follows its result code",
)
def report_stamp_event(
    body: ReportStampEventRequest, principal: TerminalPrincipal, services: ServicesDep
) -> Response:
    [text] = services.events.apply(principal, [body])
    outcome = json.loads(text)
    outcome.pop("eventId", None)
    code = outcome["result"]["code"]
    status = errors.BY_CODE[code].http_status if code in errors.BY_CODE else 200
    return JSONResponse(outcome, status_code=status)


@router.post(
    "/reportMultiStampEvents",
    response_model=ReportMultiStampEventsResponse,
    responses=error_responses(400, 401, 403),
    summary="Report a batch of events (each with its eventId); one result per event",
)
def report_multi_stamp_events(
    body: ReportMultiStampEventsRequest, principal: TerminalPrincipal, services: ServicesDep
) -> Response:
    if len(body.events) > MAX_BATCH:
        raise ApiError(errors.VALIDATION_FAILED, f"at most {MAX_BATCH} events per request")
    texts = services.events.apply(principal, body.events)
    content = BATCH_HEAD + ",".join(texts) + "]}"
    return Response(content=content.encode("utf-8"), media_type="application/json")
