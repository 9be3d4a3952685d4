"""Enrolling a customer at the counter: a new member (seed 001) and a card for them (seed 000).

:func:`enrol` registers the member under the terminal's app, then issues a card of the
terminal's stamp card to the same person: the member number is also the card's ``userId``, so
both records name one customer, and the phone number given makes the card findable by phone
(``lookupCard``). Dates and the ``Time-stamp`` of the signed request follow the server's clock,
measured first, so a device clock that is off neither gets the request refused nor makes a
card that is not valid yet.

Every call here goes over the network: run it on a worker thread, never on the GUI thread.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any

from app.domain.models_customers import CreateStampCardRequest, CustomerInfo
from app.sync.client import StampApiClient
from app.sync.errors import ApiError, RejectedError, RetryableError

DEFAULT_VALID_DAYS = 365
MAX_VALID_YEARS = 5
"""Seed 000 accepts an end date at most 5 years from today."""
MEMBER_NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Letters and digits that cannot be mistaken for each other (no I/1, O/0) when read out."""
MEMBER_NUMBER_LENGTH = 10


@dataclass(frozen=True, slots=True)
class Enrolment:
    """The new member's number and the card issued to them."""

    member_number: str
    card_instance_id: str
    card_url: str | None  # the signed card URL, when the server gives one


def new_member_number() -> str:
    """A random member number of 10 unambiguous characters (50 bits)."""
    return "".join(secrets.choice(MEMBER_NUMBER_ALPHABET) for _ in range(MEMBER_NUMBER_LENGTH))


def latest_end_date(today: date) -> date:
    """The last end date seed 000 accepts: today in 5 years (29 February becomes the 28th)."""
    try:
        return today.replace(year=today.year + MAX_VALID_YEARS)
    except ValueError:
        return today.replace(year=today.year + MAX_VALID_YEARS, day=28)


def enrol(
    client: StampApiClient,
    *,
    card_idx: int,
    name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    member_number: str | None = None,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> Enrolment:
    """Register a member (a new member number unless given) and issue them a card of
    ``card_idx``, valid from today for ``valid_days`` days (at most 5 years).

    Refusals raise the client's errors. If the member was registered but the card was not
    issued, the error says so and names the member number: issue the card with
    :func:`issue_member_card`, since registering the same number again is refused.
    """
    if valid_days < 1:
        raise ValueError(f"valid_days must be 1 or more, got {valid_days}")
    clock = client.server_clock()
    number = _text(member_number) or new_member_number()
    member = _without_none(number=number, name=_text(name), phone=_text(phone), email=_text(email))
    client.register_member(CustomerInfo.model_validate(member), clock_offset_ms=clock.offset_ms)
    try:
        return issue_member_card(
            client,
            card_idx=card_idx,
            member_number=number,
            name=name,
            phone=phone,
            email=email,
            today=clock.server_time.astimezone(UTC).date(),
            valid_days=valid_days,
        )
    except ApiError as exc:
        raise _registered_without_card(exc, number) from exc


def issue_member_card(
    client: StampApiClient,
    *,
    card_idx: int,
    member_number: str,
    name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    today: date | None = None,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> Enrolment:
    """Issue a card of ``card_idx`` to the member ``member_number`` (seed 000).

    ``today`` is the server's date; without it the server's clock is asked.
    """
    if valid_days < 1:
        raise ValueError(f"valid_days must be 1 or more, got {valid_days}")
    if today is None:
        today = client.server_clock().server_time.astimezone(UTC).date()
    request = _without_none(
        card_idx=card_idx,
        strt_ymd=today,
        end_ymd=min(today + timedelta(days=valid_days), latest_end_date(today)),
        user_id=member_number,
        user_nm=_text(name),
        user_phnno=_text(phone),
        user_eml=_text(email),
    )
    issued = client.issue_card(CreateStampCardRequest.model_validate(request))
    assert issued.result is not None  # issue_card refuses an answer without it
    return Enrolment(
        member_number=member_number, card_instance_id=issued.result, card_url=issued.card_url
    )


def _text(value: str | None) -> str | None:
    """The value without surrounding blanks; an empty one is not given."""
    if value is None:
        return None
    return value.strip() or None


def _without_none(**fields: Any) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


def _registered_without_card(exc: ApiError, number: str) -> ApiError:
    """The same kind of error, saying that member ``number`` exists but has no card yet."""
    text = (
        f"Member {number} is registered, but has no card yet. {exc}. "
        f"Issue the card to member {number} again."
    )
    if isinstance(exc, RejectedError):
        return RejectedError(text, code=exc.code, key=exc.key)
    if isinstance(exc, RetryableError):
        return type(exc)(text, retry_after=exc.retry_after)
    return type(exc)(text)
