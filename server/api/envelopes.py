"""Error responses in each API's own envelope, for every failure a request can meet.

Seed 002 and the extensions answer ``{"result": {"code", "message", "detail"}}``; seed 000
``{"code", "message", "result": null}``; seed 001 ``{"status": "error", "messages", "errorCode"}``.
FastAPI's own 422 body never leaves the server: validation errors are 400 with a code of the
table, and /openapi.json declares exactly that.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from server import errors
from server.errors import ApiError, ErrorCode

log = logging.getLogger(__name__)

ISSUE_CARD_PREFIX = "/api/stamp/v1/"
MEMBERS_PREFIX = "/openapi/v1/"
MAX_DETAILS = 5
NOT_JSON = "the body must be JSON (Content-Type: application/json)"


def error_body(path: str, error: ErrorCode, detail: str | None) -> dict[str, Any]:
    """The error envelope of the API that ``path`` belongs to."""
    text = error.key if not detail else f"{error.key}: {detail}"
    if path.startswith(ISSUE_CARD_PREFIX):
        return {"code": error.code, "message": text, "result": None}
    if path.startswith(MEMBERS_PREFIX):
        return {"status": "error", "messages": [text], "errorCode": error.code}
    body: dict[str, Any] = {"code": error.code, "message": error.key}
    if detail:
        body["detail"] = detail
    return {"result": body}


def error_response(request: Request, error: ErrorCode, detail: str | None = None) -> JSONResponse:
    return JSONResponse(
        error_body(request.url.path, error, detail),
        status_code=error.http_status,
        headers={"WWW-Authenticate": "Bearer"} if error.http_status == 401 else None,
    )


def validation_detail(problems: Sequence[Any]) -> tuple[ErrorCode, str]:
    """The code and a short text for FastAPI's validation errors (input values left out)."""
    for problem in problems:
        raw = isinstance(problem.get("input"), bytes | str) and tuple(problem.get("loc", ())) == (
            "body",
        )
        if problem.get("type") == "json_invalid" or raw:
            return errors.MALFORMED_JSON, NOT_JSON
    parts = []
    for problem in problems[:MAX_DETAILS]:
        location = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")
        message = str(problem.get("msg", "invalid"))
        parts.append(f"{location or 'body'}: {message}")
    return errors.VALIDATION_FAILED, "; ".join(parts)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(request, exc.error, exc.detail)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    error, detail = validation_detail(exc.errors())
    return error_response(request, error, detail)


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        return error_response(request, errors.METHOD_NOT_ALLOWED)
    if exc.status_code == 404:
        return error_response(request, errors.PATH_NOT_FOUND)
    if exc.status_code == 400:
        # FastAPI's own 400: a JSON body it could not even decode (e.g. not UTF-8).
        return error_response(request, errors.MALFORMED_JSON, NOT_JSON)
    if exc.status_code < 500:
        return error_response(request, errors.VALIDATION_FAILED, str(exc.detail))
    return error_response(request, errors.INTERNAL_ERROR)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error(
        "unexpected %s on %s %s",
        type(exc).__name__,
        request.method,
        request.url.path,
        exc_info=exc,
    )
    return error_response(request, errors.INTERNAL_ERROR)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, _unexpected)
