"""Typed models of the objects of the Digital stamp API v2 (seed 002), and their shared base.

Field names on the wire are exactly the documents' camelCase names; Python attributes are
snake_case, and models accept either on input. Wire types are checked strictly (no "5" for 5,
no 1 for "1"); unknown extra fields are ignored on every model, request or response, because
vendors add fields. ``to_json`` writes a model back as the JSON it was read from.
The request and response bodies are in ``models_requests`` (seed 002) and ``models_customers``
(seeds 000 and 001).

Decisions on the documents:
- stampType, eventType and the card/reward instance status are enums with the listed values.
- stampState (getStamps) and 001's status (success/error, any case) stay strings: no list given.
- Object attributes are optional except ids (and a card instance's counts and status).
- getCatalog writes ``serviceId``; the misspelt ``serviced`` of its table is accepted on input.
- getCatalog writes ``maxResults``; ``maxRows`` of its skipRows note is accepted on input.
- getMerchants writes ``latitude``; ``Latitude`` of its table is accepted on input.
- A reported event's rewardInstanceId and stampValue are optional; the server decides per type.
- reportStampEvent also takes an optional ``eventId`` so a single report is idempotent too.
- A reported event may carry the extensions ``note`` (at most 500 characters) and
  ``heldByPolicy``; neither is part of the event's identity (its exactly-once check).
- A stamp card's ``merchant`` is one object, as in the getCatalog example, not a list.
- ``events`` (typed double) and ``updateCardSeqList`` (String[]) are lists of objects.
- Dates need exactly three millisecond digits; "-0000" is read as UTC; UTC is written "+0000".
- 000's ``result`` is a string (the new card instance's code), as its example shows.
- 000's ``strtYmd``/``endYmd`` are ``YYYY-MM-DD`` dates and the end may not precede the start.
- 001's names are its body's camelCase (``number``); its table's ``Number`` is the same field.
- 001's point, discount and balance are ``Decimal`` (BigDecimal), written as JSON numbers.
- Numbers typed double keep their JSON form: 10000 stays an int, 34.04 a float.
"""

from __future__ import annotations

import enum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from app.domain.dates import ApiDateTime
from app.domain.events import EventType

__all__ = [
    "MAX_NOTE_LENGTH",
    "ApiModel",
    "ApiNumber",
    "CardInstance",
    "Event",
    "EventNote",
    "EventTypeField",
    "HeldByPolicy",
    "InstanceStatus",
    "InstanceStatusField",
    "Merchant",
    "ReportedEvent",
    "Result",
    "Reward",
    "RewardInstance",
    "Stamp",
    "StampCard",
    "StampType",
    "StampTypeField",
    "Store",
    "YesNo",
    "YesNoField",
    "enum_member",
    "to_json",
]

_E = TypeVar("_E", bound=enum.Enum)


class ApiModel(BaseModel):
    """Base of every API body: camelCase on the wire, strict types, extra fields ignored."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        strict=True,
    )


def to_json(model: BaseModel) -> dict[str, Any]:
    """The model as JSON-ready data with the wire names and only the fields that were set."""
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


def enum_member(enum_cls: type[_E]) -> BeforeValidator:
    """Validator accepting a member of ``enum_cls`` or its exact ``str``/``int`` wire value."""
    value_type = int if issubclass(enum_cls, int) else str
    expected = ", ".join(repr(member.value) for member in enum_cls)

    def convert(value: object) -> object:
        if isinstance(value, enum_cls):
            return value
        if type(value) is value_type:
            try:
                return enum_cls(value)
            except ValueError:
                pass
        raise PydanticCustomError(
            "enum",
            "Input should be one of {expected}",
            {"expected": expected},
        )

    return BeforeValidator(convert)


ApiNumber = int | float
"""A JSON number (``double`` in the documents); an int stays an int so it is written back as is."""


class StampType(enum.StrEnum):
    """How a stamp is collected on a stamp card."""

    QR = "QR"
    NFC = "NFC"
    STAMP = "STAMP"


class InstanceStatus(enum.StrEnum):
    """Status of a card instance or a reward instance."""

    ACTIVE = "ACTIVE"
    REDEEMED = "REDEEMED"
    DELETED = "DELETED"
    EXPIRED = "EXPIRED"


class YesNo(enum.StrEnum):
    """A Y/N flag (isPublishToMarket, activeYn)."""

    Y = "Y"
    N = "N"


EventTypeField = Annotated[EventType, enum_member(EventType)]
StampTypeField = Annotated[StampType, enum_member(StampType)]
InstanceStatusField = Annotated[InstanceStatus, enum_member(InstanceStatus)]
YesNoField = Annotated[YesNo, enum_member(YesNo)]


class Result(ApiModel):
    """Outcome of a request or of one event: ``code`` 0 is success."""

    code: int
    message: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the code means success."""
        return self.code == 0


class Reward(ApiModel):
    """Master data of a reward earned when a stamp card is full."""

    reward_id: str
    wallet_id: str | None = None
    service_id: str | None = None
    name: str | None = None
    threshold: int | None = None
    image_url: str | None = None
    reward_message: str | None = None
    reward_description: str | None = None


class RewardInstance(ApiModel):
    """A reward an end user earned on a card instance."""

    reward_instance_id: str
    card_instance_id: str | None = None
    reward: Reward | None = None
    status: InstanceStatusField
    rewarded_time: ApiDateTime | None = None
    reward_expiration_date: ApiDateTime | None = None


class Store(ApiModel):
    """One store of a merchant, with its distance from the search point when searched by place."""

    store_id: str
    store_name: str | None = None
    street1: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = Field(default=None, alias="zip")
    country: str | None = None
    latitude: ApiNumber | None = None
    longitude: ApiNumber | None = None
    distance: ApiNumber | None = None


class Merchant(ApiModel):
    """A merchant offering stamp cards; ``store`` is the nearest store in a catalog entry."""

    merchant_id: str
    merchant_name: str | None = None
    merchant_image_url: str | None = None
    update_dtim: ApiDateTime | None = None
    store: Store | None = None


class StampCard(ApiModel):
    """A stamp card program as published in the catalog."""

    stamp_card_id: str
    name: str | None = None
    stamp_type: StampTypeField | None = None
    stamp_count: int | None = None
    tnc: str | None = None
    available_store: str | None = None
    website_url: str | None = None
    phone_number: str | None = None
    information: str | None = None
    is_publish_to_market: YesNoField | None = None
    background_image_url: str | None = None
    stamp_area_image_url: str | None = None
    rewards: list[Reward] = Field(default_factory=list)
    merchant: Merchant | None = None
    stamp_start_date: ApiDateTime | None = None
    stamp_end_date: ApiDateTime | None = None
    catalog_description: str | None = None


class CardInstance(ApiModel):
    """An end user's stamp card (the card instance), with its earned rewards when reported."""

    card_instance_id: str
    stamp_card_id: str
    current_stamps: int
    total_stamps: int
    issue_date: ApiDateTime | None = None
    update_time: ApiDateTime | None = None
    expiration_date: ApiDateTime | None = None
    status: InstanceStatusField
    rewards: list[RewardInstance] = Field(default_factory=list)


class Stamp(ApiModel):
    """Stamp master data of a stamp card (getStamps): the value a scan must present."""

    stamp_id: str
    stamp_value: str | None = None
    stamp_state: str | None = None
    award_stamps: int | None = None
    reward_id: str | None = None
    stamp_event_type: EventTypeField | None = None


class Event(ApiModel):
    """One event of a card instance's history (getEventHistory)."""

    card_instance_id: str
    event_time: ApiDateTime
    event_type: EventTypeField
    stamp_id: str | None = None
    stamp_value: str | None = None
    reward_instance_id: str | None = None


MAX_NOTE_LENGTH = 500
"""Characters (code points) of a reported event's ``note`` the server accepts."""

EventNote = Annotated[
    str | None,
    Field(
        max_length=MAX_NOTE_LENGTH,
        description=(
            "Extension: the terminal's note on the event (the reason of a correction, or the "
            "reason its policy held the event followed by the manager's note), at most 500 "
            "characters. Stored with the event; not part of the event's identity."
        ),
    ),
]
HeldByPolicy = Annotated[
    bool,
    Field(
        description=(
            "Extension: the terminal's policy held this event for a manager, who let it go. "
            "Not part of the event's identity."
        ),
    ),
]


class ReportedEvent(ApiModel):
    """An event as the client reports it in reportMultiStampEvents; ``eventId`` is the client's.

    ``note`` and ``heldByPolicy`` are extensions; like every optional field they are written
    (``to_json``) only when set, so a client that does not use them sends the bodies it always
    sent.
    """

    event_id: str
    card_instance_id: str | None = None
    event_time: ApiDateTime
    event_type: EventTypeField
    reward_instance_id: str | None = None
    stamp_value: str | None = None
    note: EventNote = None
    held_by_policy: HeldByPolicy = False
