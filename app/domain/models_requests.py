"""Request and response bodies of the eleven Digital stamp API v2 operations (seed 002).

Every response carries ``result`` (``{"code": 0}`` on success); on an error the lists are
absent and read as empty. The decisions taken on the documents are listed in ``models``.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import AliasChoices, Field

from app.domain.dates import ApiDateTime
from app.domain.models import (
    ApiModel,
    ApiNumber,
    CardInstance,
    Event,
    EventNote,
    EventTypeField,
    HeldByPolicy,
    Merchant,
    ReportedEvent,
    Result,
    RewardInstance,
    Stamp,
    StampCard,
    enum_member,
)

__all__ = [
    "AddCardRequest",
    "AddCardResponse",
    "ApiResponse",
    "CardSequence",
    "CardSortType",
    "EventResult",
    "GetCardsRequest",
    "GetCardsResponse",
    "GetCatalogRequest",
    "GetCatalogResponse",
    "GetEventHistoryRequest",
    "GetEventHistoryResponse",
    "GetMerchantsRequest",
    "GetMerchantsResponse",
    "GetRewardsRequest",
    "GetRewardsResponse",
    "GetStampsRequest",
    "GetStampsResponse",
    "MerchantSearchType",
    "RemoveCardRequest",
    "RemoveCardResponse",
    "ReportMultiStampEventsRequest",
    "ReportMultiStampEventsResponse",
    "ReportStampEventRequest",
    "ReportStampEventResponse",
    "UpdateCardSequencesRequest",
    "UpdateCardSequencesResponse",
]


class CardSortType(enum.IntEnum):
    """Order of the card instances returned by getCards."""

    NONE = 0
    MERCHANT_NAME_ASC = 1
    MERCHANT_NAME_DESC = 2
    DISTANCE_NEAREST = 3
    DISTANCE_FARTHEST = 4
    MOST_USED = 5
    LEAST_USED = 6
    USER_SEQUENCE = 7


class MerchantSearchType(enum.IntEnum):
    """Order of the merchants returned by getMerchants."""

    ALL = 0
    DISTANCE_NEAREST = 1
    NAME_ASC = 2


class ApiResponse(ApiModel):
    """A response that carries only the outcome of the request."""

    result: Result


# addCard


class AddCardRequest(ApiModel):
    """Add the stamp card ``stampCardId`` to the end user's wallet."""

    stamp_card_id: str


class AddCardResponse(ApiResponse):
    """Response of addCard."""


# getCards


class GetCardsRequest(ApiModel):
    """Search the end user's card instances, optionally around a point (radius in km)."""

    latitude: ApiNumber | None = None
    longitude: ApiNumber | None = None
    radius: ApiNumber | None = None
    sort_type: Annotated[CardSortType, enum_member(CardSortType)] | None = None


class GetCardsResponse(ApiResponse):
    """The end user's card instances."""

    cards: list[CardInstance] = Field(default_factory=list)


# getCatalog


class GetCatalogRequest(ApiModel):
    """Search the stamp cards on offer; ``skipRows``/``maxResults`` page through them."""

    service_id: str | None = Field(
        default=None,
        alias="serviceId",
        validation_alias=AliasChoices("serviceId", "serviced"),
    )
    latitude: ApiNumber | None = None
    longitude: ApiNumber | None = None
    radius: ApiNumber | None = None
    skip_rows: int | None = None
    max_results: int | None = Field(
        default=None,
        alias="maxResults",
        validation_alias=AliasChoices("maxResults", "maxRows"),
    )
    merchant_ids: list[str] | None = None
    stamp_card_id: str | None = None


class GetCatalogResponse(ApiResponse):
    """The stamp cards on offer."""

    catalog: list[StampCard] = Field(default_factory=list)


# getEventHistory


class GetEventHistoryRequest(ApiModel):
    """Ask for every event of one card instance."""

    card_instance_id: str


class GetEventHistoryResponse(ApiResponse):
    """The events of a card instance, newest first in the document's example."""

    events: list[Event] = Field(default_factory=list)


# getMerchants


class GetMerchantsRequest(ApiModel):
    """Search the merchants offering stamp cards, optionally around a point (radius in km)."""

    latitude: ApiNumber | None = Field(
        default=None,
        alias="latitude",
        validation_alias=AliasChoices("latitude", "Latitude"),
    )
    longitude: ApiNumber | None = None
    radius: ApiNumber | None = None
    merchant_name: str | None = None
    search_type: Annotated[MerchantSearchType, enum_member(MerchantSearchType)] | None = None


class GetMerchantsResponse(ApiResponse):
    """The merchants found."""

    merchants: list[Merchant] = Field(default_factory=list)


# getRewards (documented under the path getCouponDetail)


class GetRewardsRequest(ApiModel):
    """Ask for the end user's rewards, of one card instance when ``cardInstanceId`` is given."""

    card_instance_id: str | None = None


class GetRewardsResponse(ApiResponse):
    """The reward instances the end user earned."""

    rewards: list[RewardInstance] = Field(default_factory=list)


# getStamps


class GetStampsRequest(ApiModel):
    """Ask for the stamp master data of one stamp card."""

    stamp_card_id: str


class GetStampsResponse(ApiResponse):
    """The stamp master data of a stamp card."""

    stamps: list[Stamp] = Field(default_factory=list)


# removeCard


class RemoveCardRequest(ApiModel):
    """Remove a card instance from the end user's wallet."""

    card_instance_id: str


class RemoveCardResponse(ApiResponse):
    """Response of removeCard."""


# reportMultiStampEvents


class ReportMultiStampEventsRequest(ApiModel):
    """Report a batch of events; each is answered separately under its ``eventId``."""

    events: list[ReportedEvent]


class EventResult(ApiModel):
    """Outcome of one reported event, with the card instance and any reward it earned."""

    result: Result
    event_id: str
    card_instance: CardInstance | None = None
    rewards: list[RewardInstance] = Field(default_factory=list)


class ReportMultiStampEventsResponse(ApiResponse):
    """Outcome of a batch: ``result`` for the request, ``eventResults`` per event."""

    event_results: list[EventResult] = Field(default_factory=list)


# reportStampEvent


class ReportStampEventRequest(ApiModel):
    """Report one event (same fields as a batched event, extensions ``note`` and
    ``heldByPolicy`` included; ``eventId`` is optional here)."""

    event_id: str | None = None
    card_instance_id: str | None = None
    event_time: ApiDateTime
    event_type: EventTypeField
    reward_instance_id: str | None = None
    stamp_value: str | None = None
    note: EventNote = None
    held_by_policy: HeldByPolicy = False


class ReportStampEventResponse(ApiResponse):
    """Outcome of one event, with the card instance and any reward it earned."""

    card_instance: CardInstance | None = None
    rewards: list[RewardInstance] = Field(default_factory=list)


# updateCardSequences


class CardSequence(ApiModel):
    """Display position of one card instance in the end user's wallet."""

    card_instance_id: str
    sequence: int


class UpdateCardSequencesRequest(ApiModel):
    """Set the display order of the end user's card instances."""

    update_card_seq_list: list[CardSequence]


class UpdateCardSequencesResponse(ApiResponse):
    """Response of updateCardSequences."""
