"""Bodies of the customer APIs: issue a stamp card (seed 000) and register a member (seed 001).

Seed 000 is ``POST /api/stamp/v1/create`` with the envelope ``{"code", "message", "result"}``;
seed 001 is ``POST /openapi/v1/customerOpenApi/add`` with ``{"status", "messages",
"errorCode"}``. The decisions taken on the documents are listed in ``models``.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal
from typing import Annotated, Self

from pydantic import BeforeValidator, Field, PlainSerializer, model_validator

from app.domain.dates import ApiDate
from app.domain.models import ApiModel, YesNo, YesNoField, enum_member

__all__ = [
    "DEFAULT_STAMP_DOMAIN",
    "AddCustomerRequest",
    "AddCustomerResponse",
    "ApiDecimal",
    "CreateStampCardRequest",
    "CreateStampCardResponse",
    "CustomerInfo",
    "MemberEnable",
]

DEFAULT_STAMP_DOMAIN = "https://vvd.bz"


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value!r} is not a finite number")
        return value
    if type(value) is int:
        return Decimal(value)
    if type(value) is float:
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        return Decimal(repr(value))
    raise ValueError(f"{value!r} is not a JSON number")


def _decimal_to_json(value: Decimal) -> int | float:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(value)
    return float(value)


ApiDecimal = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    PlainSerializer(_decimal_to_json, return_type=int | float, when_used="json"),
]
"""A BigDecimal of the documents: read from a JSON number, written as one (60 stays 60)."""


# Seed 000: issue a stamp card to a customer


class CreateStampCardRequest(ApiModel):
    """Issue a new card instance of the card ``cardIdx`` to a customer, valid strtYmd..endYmd."""

    card_idx: int
    domain: str = DEFAULT_STAMP_DOMAIN
    strt_ymd: ApiDate
    end_ymd: ApiDate
    active_yn: YesNoField = YesNo.Y
    memo: str | None = None
    user_id: str | None = None
    user_nm: str | None = None
    user_phnno: str | None = None
    user_eml: str | None = None
    user_etc1: str | None = None
    user_etc2: str | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Self:
        if self.end_ymd < self.strt_ymd:
            raise ValueError(
                f"endYmd {self.end_ymd.isoformat()} is before strtYmd {self.strt_ymd.isoformat()}"
            )
        return self


class CreateStampCardResponse(ApiModel):
    """Outcome of issuing a card: ``code`` 0 and the new card instance's code in ``result``."""

    code: int
    message: str | None = None
    result: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the code means success."""
        return self.code == 0


# Seed 001: register a member


class MemberEnable(enum.IntEnum):
    """State of a member (``enable``)."""

    DELETED = -1
    DISABLED = 0
    AVAILABLE = 1


class CustomerInfo(ApiModel):
    """A member (customer) as registered; ``number`` is the member number."""

    category_name: str | None = None
    number: str
    name: str | None = None
    point: ApiDecimal | None = None
    discount: Annotated[ApiDecimal, Field(ge=0, le=100)] | None = None
    balance: ApiDecimal | None = None
    phone: str | None = None
    birthday: str | None = None
    qq: str | None = None
    email: str | None = None
    address: str | None = None
    remarks: str | None = None
    on_account: Annotated[int, Field(ge=0, le=1)] | None = None
    enable: Annotated[MemberEnable, enum_member(MemberEnable)] | None = None
    password: str | None = None


class AddCustomerRequest(ApiModel):
    """Register a member under the caller's ``appId``."""

    app_id: str
    customer_info: CustomerInfo


class AddCustomerResponse(ApiModel):
    """Outcome of registering a member: ``status`` is success or error, in any case."""

    status: str
    messages: list[str] = Field(default_factory=list)
    error_code: int | None = None

    @property
    def ok(self) -> bool:
        """Whether the status says success."""
        return self.status.casefold() == "success"
