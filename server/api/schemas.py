"""Bodies the documents do not define: error envelopes and the terminal's extension endpoints.

They follow the documents' conventions (camelCase, ``result`` envelope, documented date format)
so a client parses them with the same code as the documented ones.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from app.domain.dates import ApiDateTime
from app.domain.models import ApiModel, CardInstance, Result, RewardInstance, Stamp, StampCard
from app.domain.models_customers import AddCustomerResponse, CreateStampCardResponse


class ErrorResult(ApiModel):
    """The outcome of a refused request: code and message key of the error table."""

    code: int
    message: str
    detail: str | None = Field(default=None, description="Human-readable reason (extension).")


class ErrorResponse(ApiModel):
    """Envelope of a refused seed 002 or extension request."""

    result: ErrorResult


class IssueCardResponse(CreateStampCardResponse):
    """Seed 000 response; ``cardUrl`` (extension) is the signed URL of the new card."""

    card_url: str | None = None


class MasterStamp(Stamp):
    """Stamp master data with the stamp card it belongs to (extension)."""

    stamp_card_id: str


class LookupCardRequest(ApiModel):
    """Find one card of the terminal's merchant by exactly one of these keys."""

    card_instance_id: str | None = None
    tag_uid: str | None = None
    phone: str | None = None


class LookupCardResponse(ApiModel):
    """A card with its active rewards, its stamp card (with rewards) and stamp master data."""

    result: Result
    card_instance: CardInstance | None = None
    rewards: list[RewardInstance] = Field(default_factory=list)
    stamp_card: StampCard | None = None
    stamps: list[MasterStamp] = Field(default_factory=list)


class RegisterTagRequest(ApiModel):
    """Register an NFC tag UID (hex) to a card of the terminal's merchant."""

    tag_uid: str
    card_instance_id: str


class RegisterTagResponse(ApiModel):
    result: Result


class ServerTimeResponse(ApiModel):
    """The server's clock, for the terminal's clock offset."""

    result: Result
    server_time: ApiDateTime | None = None
    epoch_millis: int | None = None


class CardSigningKeyResponse(ApiModel):
    """The public key that verifies signed card URLs offline."""

    result: Result
    algorithm: Literal["Ed25519"] | None = None
    public_key: str | None = Field(
        default=None, description="Unpadded base64url of the 32 raw public key bytes."
    )


class MasterDataResponse(ApiModel):
    """Every stamp card (with rewards) and stamp of the terminal's merchant."""

    result: Result
    stamp_cards: list[StampCard] = Field(default_factory=list)
    stamps: list[MasterStamp] = Field(default_factory=list)


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
    "RegisterTagRequest",
    "RegisterTagResponse",
    "ServerTimeResponse",
    "error_responses",
]
