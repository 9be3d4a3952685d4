"""Wire details of the customer APIs: issuing a card (seed 000) and registering a member (001).

Seed 000 answers ``{"code", "message", "result"}`` and seed 001 ``{"status", "messages",
"errorCode"}``; both write a refusal's text as ``"<key>: <detail>"``. A seed 001 request is
signed: ``Data-signature`` is the uppercase hex HMAC-MD5, keyed with the app secret, of the
``Time-stamp`` header, a line feed and the exact body bytes sent.

Refusals become the client's errors (:mod:`app.sync.errors`) with a message that says what to
do: HTTP 401 is :class:`CredentialsError` (except a 001 clock or replay refusal, which is about
the request, not the credentials), 403 :class:`ForbiddenError`, any other refusal
:class:`RejectedError` with the code and message key. No message holds a secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from app.domain.models import to_json
from app.domain.models_customers import AddCustomerRequest, AddCustomerResponse
from app.domain.models_extensions import IssueCardResponse
from app.sync.errors import ApiError, CredentialsError, ForbiddenError, RejectedError

ISSUE_CARD_PATH = "/api/stamp/v1/create"
MEMBER_PATH = "/openapi/v1/customerOpenApi/add"

ISSUE_CARD = "Issuing the card failed"
REGISTER_MEMBER = "Registering the member failed"
CHECK_TERMINAL = "check api_key and terminal_token in the configuration"
CHECK_APP = "check app_id and app_secret in the configuration"
CHECK_STAMP_CARD = "check the stamp card (cardIdx) set up for this terminal"
REFUSAL_HINTS: dict[int, str] = {
    10004: "the server does not offer this operation",
    20006: f"the stamp card belongs to another merchant; {CHECK_STAMP_CARD}",
    20007: f"the api key and the terminal token are of two merchants; {CHECK_TERMINAL}",
    31001: f"the server knows no stamp card with this cardIdx; {CHECK_STAMP_CARD}",
    35001: "the card would stay valid more than 5 years; choose an earlier end date",
    36001: f"the request was not signed; {CHECK_APP}",
    36002: f"the server does not accept the app secret; {CHECK_APP}",
    36003: "the terminal's clock is too far from the server's; correct the clock and try again",
    36004: "the server has seen this signed request before; try again",
    36005: f"the server does not know the app id; {CHECK_APP}",
    36006: "a member with this number exists already; use another member number",
}
CLOCK_OR_REPLAY = frozenset({36003, 36004})
"""Seed 001 refusals with HTTP 401 that are not about the credentials."""


def member_signature(app_secret: str, time_stamp: str, body: bytes) -> str:
    """Seed 001's ``Data-signature``: uppercase hex HMAC-MD5 of ``Time-stamp`` + LF + body."""
    message = time_stamp.encode("ascii") + b"\n" + body
    return hmac.new(app_secret.encode("utf-8"), message, hashlib.md5).hexdigest().upper()


def signed_member_request(
    request: AddCustomerRequest, app_secret: str, time_stamp: str
) -> tuple[bytes, dict[str, str]]:
    """The body bytes of a seed 001 request and its headers, signed over exactly those bytes."""
    content = json.dumps(to_json(request), ensure_ascii=False, separators=(",", ":"))
    body = content.encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Accept": "application/json",
        "Time-stamp": time_stamp,
        "Data-signature": member_signature(app_secret, time_stamp, body),
    }
    return body, headers


def issue_refusal(status: int, answer: IssueCardResponse) -> ApiError:
    """The error for a refused seed 000 request."""
    key, detail = _key_and_detail(answer.message)
    code = answer.code
    if status == 401:
        return CredentialsError(
            f"{ISSUE_CARD}: the server does not accept this terminal's credentials; "
            f"{CHECK_TERMINAL} ({_code_text(code, key)}, HTTP 401)"
        )
    text = f"{ISSUE_CARD}: {_hint(code, detail)} ({_code_text(code, key)}, HTTP {status})"
    if status == 403:
        return ForbiddenError(text)
    return RejectedError(text, code=code, key=key)


def member_refusal(status: int, answer: AddCustomerResponse) -> ApiError:
    """The error for a refused seed 001 request."""
    key, detail = _key_and_detail(answer.messages[0] if answer.messages else None)
    code = answer.error_code
    text = f"{REGISTER_MEMBER}: {_hint(code, detail)} ({_code_text(code, key)}, HTTP {status})"
    if status == 401 and code not in CLOCK_OR_REPLAY:
        return CredentialsError(text)
    return RejectedError(text, code=code, key=key)


def _key_and_detail(message: str | None) -> tuple[str | None, str | None]:
    if not message:
        return None, None
    key, _, detail = message.partition(":")
    return key.strip() or None, detail.strip() or None


def _code_text(code: int | None, key: str | None) -> str:
    return " ".join(str(part) for part in (code, key) if part is not None) or "no code"


def _hint(code: int | None, detail: str | None) -> str:
    if code is not None and code in REFUSAL_HINTS:
        return REFUSAL_HINTS[code]
    return f"the server refused it: {detail}" if detail else "the server refused it"
