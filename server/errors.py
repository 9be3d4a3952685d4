"""Every error code of the server in one table: numeric code, message key, HTTP status, meaning.

The same table is in ``docs/server-api.md``. A code answers a whole request with its HTTP status;
inside a ``reportMultiStampEvents`` batch it answers one event (the request itself stays
HTTP 200 with code 0). The message key is what the seed 002 envelope carries in
``result.message`` (as the documented ``33003 stamp.multiple.stamp.attempt``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ErrorCode:
    """One row of the error table."""

    code: int
    key: str
    http_status: int
    meaning: str


OK = ErrorCode(0, "ok", 200, "Success.")

MALFORMED_JSON = ErrorCode(10001, "request.malformed.json", 400, "The body is not valid JSON.")
VALIDATION_FAILED = ErrorCode(
    10002,
    "request.validation.failed",
    400,
    "A field is missing, has the wrong type or a value out of range.",
)
PATH_NOT_FOUND = ErrorCode(10004, "request.path.not.found", 404, "No such endpoint.")
METHOD_NOT_ALLOWED = ErrorCode(
    10005, "request.method.not.allowed", 405, "The endpoint takes another HTTP method (POST)."
)
INTERNAL_ERROR = ErrorCode(
    10009, "request.internal.error", 500, "Unexpected server error; nothing was changed."
)

API_KEY_MISSING = ErrorCode(20001, "auth.api.key.missing", 401, "No `api-key` header.")
API_KEY_INVALID = ErrorCode(20002, "auth.api.key.invalid", 401, "The `api-key` is not known.")
TOKEN_MISSING = ErrorCode(
    20003, "auth.token.missing", 401, "No `Authorization: Bearer <token>` header."
)
TOKEN_INVALID = ErrorCode(20004, "auth.token.invalid", 401, "The bearer token is not known.")
TOKEN_WRONG_KIND = ErrorCode(
    20005,
    "auth.token.wrong.kind",
    403,
    "A customer token on a terminal operation, or a terminal token on a customer operation.",
)
FORBIDDEN = ErrorCode(
    20006,
    "auth.forbidden",
    403,
    "The card, stamp card or reward belongs to another merchant or another customer.",
)
APP_MISMATCH = ErrorCode(
    20007, "auth.app.mismatch", 403, "The terminal token and the `api-key` are of two merchants."
)

STAMP_CARD_NOT_FOUND = ErrorCode(
    31001, "stamp.card.not.found", 404, "No stamp card with this stampCardId / cardIdx."
)
CARD_INSTANCE_NOT_FOUND = ErrorCode(
    31002, "stamp.card.instance.not.found", 404, "No card instance with this cardInstanceId."
)
REWARD_INSTANCE_NOT_FOUND = ErrorCode(
    31003,
    "stamp.reward.instance.not.found",
    404,
    "No reward instance with this rewardInstanceId on this card instance.",
)
CARD_ALREADY_ADDED = ErrorCode(
    31004, "stamp.card.already.added", 409, "The wallet already holds an active card of this kind."
)
STAMP_CARD_NOT_AVAILABLE = ErrorCode(
    31005, "stamp.card.not.available", 409, "The stamp card is outside its valid period."
)
CARD_EXPIRED = ErrorCode(
    32001, "stamp.card.instance.expired", 409, "The card instance is past its expirationDate."
)
CARD_INACTIVE = ErrorCode(
    32002,
    "stamp.card.instance.inactive",
    409,
    "The card instance is deleted, deactivated (activeYn N) or not valid yet.",
)
REWARD_ALREADY_REDEEMED = ErrorCode(
    32003, "stamp.reward.already.redeemed", 409, "The reward instance was redeemed already."
)
REWARD_EXPIRED = ErrorCode(
    32004, "stamp.reward.expired", 409, "The reward instance is past its rewardExpirationDate."
)
REWARD_NOT_ACTIVE = ErrorCode(
    32005, "stamp.reward.not.active", 409, "The reward instance was removed (DELETED)."
)
STAMP_VALUE_UNKNOWN = ErrorCode(
    32006,
    "stamp.value.unknown",
    400,
    "The stampValue is not an active stamp of the card's stamp card.",
)
EVENT_TYPE_NOT_ALLOWED = ErrorCode(
    32007,
    "stamp.event.type.not.allowed",
    400,
    "REWARD is reported by the server only, or the stamp is of another event type or reward.",
)
REWARD_INSTANCE_REQUIRED = ErrorCode(
    32008,
    "stamp.reward.instance.required",
    400,
    "REDEEM and REMOVE_REWARD need a rewardInstanceId.",
)
CARD_INSTANCE_REQUIRED = ErrorCode(
    32009, "stamp.card.instance.required", 400, "The event has no cardInstanceId."
)
EVENT_ID_CONFLICT = ErrorCode(
    33001,
    "stamp.event.id.conflict",
    409,
    "This eventId was used before by this terminal with a different body.",
)
MULTIPLE_STAMP_ATTEMPT = ErrorCode(
    33003,
    "stamp.multiple.stamp.attempt",
    409,
    "Anti-fraud rule of the stamp card: within cooldownSeconds of another visit, "
    "or over maxStampsPerDay.",
)
TAG_ALREADY_REGISTERED = ErrorCode(
    34001, "stamp.tag.already.registered", 409, "The tag UID is registered to another card."
)
LOOKUP_NOT_FOUND = ErrorCode(
    34002, "stamp.lookup.not.found", 404, "No card of this merchant for this tag UID or phone."
)
ISSUE_END_TOO_FAR = ErrorCode(
    35001, "issue.end.date.too.far", 400, "endYmd is more than 5 years from today."
)
SIGNATURE_MISSING = ErrorCode(
    36001, "member.signature.missing", 401, "No `Time-stamp` or no `Data-signature` header."
)
SIGNATURE_INVALID = ErrorCode(
    36002, "member.signature.invalid", 401, "The `Data-signature` does not match."
)
TIMESTAMP_INVALID = ErrorCode(
    36003,
    "member.timestamp.invalid",
    401,
    "`Time-stamp` is not a number, more than 5 minutes old, or more than 30 s in the future.",
)
SIGNATURE_REPLAYED = ErrorCode(
    36004, "member.signature.replayed", 401, "This signature was used already (replay)."
)
APP_UNKNOWN = ErrorCode(36005, "member.app.unknown", 401, "The appId is not known.")
MEMBER_NUMBER_TAKEN = ErrorCode(
    36006, "member.number.duplicate", 409, "A member with this number exists in this app."
)

ALL_ERRORS: tuple[ErrorCode, ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, ErrorCode)
)
BY_CODE: dict[int, ErrorCode] = {error.code: error for error in ALL_ERRORS}


class ApiError(Exception):
    """A request refused with one code of the table; ``detail`` is safe to show the caller."""

    def __init__(self, error: ErrorCode, detail: str | None = None) -> None:
        super().__init__(f"{error.code} {error.key}" + (f": {detail}" if detail else ""))
        self.error = error
        self.detail = detail
