"""Bodies the documents do not define: error envelopes and the terminal's extension endpoints.

They follow the documents' conventions (camelCase, ``result`` envelope, documented date format)
so a client parses them with the same code as the documented ones.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from app.domain.models import ApiModel
from app.domain.models_customers import AddCustomerResponse
from app.domain.models_extensions import (
    CardSigningKeyResponse,
    IssueCardResponse,
    LookupCardRequest,
    LookupCardResponse,
    MasterDataResponse,
    MasterStamp,
    MasterStampCard,
    RegisterTagRequest,
    RegisterTagResponse,
    ServerTimeResponse,
)


class ErrorResult(ApiModel):
    """The outcome of a refused request: code and message key of the error table."""

    code: int
    message: str
    detail: str | None = Field(default=None, description="Human-readable reason (extension).")


class ErrorResponse(ApiModel):
    """Envelope of a refused seed 002 or extension request."""

    result: ErrorResult


STATUS_TEXT = {
    400: "Malformed JSON or invalid fields (10001, 10002, other 400 codes of the table)",
    401: "Missing or unknown credentials",
    403: "Token of the wrong kind, or an object of another merchant or customer",
    404: "Unknown object",
    409: "Refused by a business rule (see the error table)",
}


WWW_AUTHENTICATE = {
    "WWW-Authenticate": {
        "description": "Always `Bearer` on a 401.",
        "required": True,
        "schema": {"type": "string"},
    }
}


def error_responses(
    *statuses: int, model: type[ApiModel] = ErrorResponse
) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` declaration of a route's error statuses, for /openapi.json."""
    declared: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        declared[status] = {"model": model, "description": STATUS_TEXT[status]}
        if status == 401:
            declared[status]["headers"] = WWW_AUTHENTICATE
    return declared


__all__ = [
    "AddCustomerResponse",
    "CardSigningKeyResponse",
    "ErrorResponse",
    "ErrorResult",
    "IssueCardResponse",
    "LookupCardRequest",
    "LookupCardResponse",
    "MasterDataResponse",
    "MasterStamp",
    "MasterStampCard",
    "RegisterTagRequest",
    "RegisterTagResponse",
    "ServerTimeResponse",
    "error_responses",
]
