"""Bodies of the reference server's extensions that the terminal needs (not in the documents).

They follow the documents' conventions (camelCase, ``result`` envelope, documented date format)
and are shared by the server (request and response models) and the terminal's API client.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.domain.dates import ApiDateTime
from app.domain.models import ApiModel, CardInstance, Result, RewardInstance, Stamp, StampCard
from app.domain.models_customers import CreateStampCardResponse


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


class MasterStampCard(StampCard):
    """A stamp card in the master data, with ``cardIdx``: the integer that seed 000 issues a card
    of (the dashboard's IDX)."""

    card_idx: int | None = None


class MasterDataResponse(ApiModel):
    """Every stamp card (with rewards) and stamp of the terminal's merchant."""

    result: Result
    stamp_cards: list[MasterStampCard] = Field(default_factory=list)
    stamps: list[MasterStamp] = Field(default_factory=list)


class IssueCardResponse(CreateStampCardResponse):
    """Seed 000's answer with the signed URL of the new card (``cardUrl``, extension)."""

    card_url: str | None = None
