"""Who is calling: the ``api-key`` header names an app, ``Authorization: Bearer`` a principal.

A terminal token is bound to one merchant and must come with an api key of an app of that
merchant (or of an app without a merchant); a customer token is bound to one user and may come
with any known api key. A revoked credential is refused (a process may still accept it for the
few seconds it remembers an authentication, ``server.auth_cache``); the dashboard's own
credentials (kind ``dashboard``, for corrections made there) are never accepted by the API.
Only SHA-256 digests of tokens and api keys are stored. Once the caller
is known, a body with a NUL character in its text is refused (400, ``server.api.text``).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from server import errors
from server.api.text import NUL_DETAIL, contains_nul, json_body
from server.db import tables as t
from server.errors import ApiError
from server.services import Services, ServicesDep

Kind = Literal["terminal", "customer"]
TERMINAL: Literal["terminal"] = "terminal"
CUSTOMER: Literal["customer"] = "customer"
DASHBOARD = "dashboard"
"""Kind of the credential under which a dashboard user's corrections are recorded."""

API_KEY_SCHEME = APIKeyHeader(
    name="api-key",
    auto_error=False,
    description="The app key of the merchant's app (`stamp-server app create`).",
)
BEARER_SCHEME = HTTPBearer(
    auto_error=False,
    description="A terminal token (`stamp-server terminal create`) or a customer token.",
)


def digest(secret: str) -> str:
    """SHA-256 hex digest under which a token or api key is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret(prefix: str) -> str:
    """A new random token text, e.g. ``trm_...``."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated caller: a terminal of ``merchant_id`` or the customer ``user_id``."""

    kind: Kind
    credential_id: str
    merchant_id: str | None
    user_id: str | None

    @property
    def is_terminal(self) -> bool:
        return self.kind == TERMINAL


def authenticate(session: Session, api_key: str | None, token: str | None) -> Principal:
    """The principal of an api key and a bearer token, or ApiError 401/403."""
    if not api_key:
        raise ApiError(errors.API_KEY_MISSING)
    app = session.execute(
        select(t.App.merchant_id).where(t.App.api_key_hash == digest(api_key))
    ).one_or_none()
    if app is None:
        raise ApiError(errors.API_KEY_INVALID)
    if not token:
        raise ApiError(errors.TOKEN_MISSING)
    credential = session.execute(
        select(t.Credential).where(t.Credential.token_hash == digest(token))
    ).scalar_one_or_none()
    if credential is None or credential.kind not in (TERMINAL, CUSTOMER):
        raise ApiError(errors.TOKEN_INVALID)
    if credential.revoked_at is not None:
        raise ApiError(errors.TOKEN_INVALID, "this token was revoked")
    if credential.kind == TERMINAL:
        if app.merchant_id is not None and app.merchant_id != credential.merchant_id:
            raise ApiError(errors.APP_MISMATCH)
        return Principal(TERMINAL, credential.id, credential.merchant_id, None)
    return Principal(CUSTOMER, credential.id, None, credential.user_id)


async def any_principal(
    services: ServicesDep,
    api_key: Annotated[str | None, Security(API_KEY_SCHEME)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER_SCHEME)],
) -> Principal:
    """Dependency: a terminal or a customer. A caller authenticated in the last few seconds is
    taken from ``services.principals`` (``server.auth_cache``); else the database is asked, in
    the thread pool."""
    token = bearer.credentials if bearer is not None else None
    key = (digest(api_key), digest(token)) if api_key and token else None
    cached = services.principals.get(key) if key is not None else None
    if cached is not None:
        return cached
    principal = await run_in_threadpool(_authenticate, services, api_key, token)
    if key is not None:
        services.principals.put(key, principal)
    return principal


def _authenticate(services: Services, api_key: str | None, token: str | None) -> Principal:
    with services.db.read() as session:
        return authenticate(session, api_key, token)


def _storable(principal: Principal, body: Any) -> Principal:
    """The principal, once the caller is known, if the body's text can be stored (else 400)."""
    if contains_nul(body):
        raise ApiError(errors.VALIDATION_FAILED, NUL_DETAIL)
    return principal


async def shared_principal(
    principal: Annotated[Principal, Depends(any_principal)],
    body: Annotated[Any, Depends(json_body)],
) -> Principal:
    """Dependency: a terminal or a customer, with a body whose text can be stored."""
    return _storable(principal, body)


async def terminal_principal(
    principal: Annotated[Principal, Depends(any_principal)],
    body: Annotated[Any, Depends(json_body)],
) -> Principal:
    """Dependency: a terminal only (403 for a customer token)."""
    if principal.kind != TERMINAL:
        raise ApiError(errors.TOKEN_WRONG_KIND, "this operation needs a terminal token")
    return _storable(principal, body)


async def customer_principal(
    principal: Annotated[Principal, Depends(any_principal)],
    body: Annotated[Any, Depends(json_body)],
) -> Principal:
    """Dependency: a customer only (403 for a terminal token)."""
    if principal.kind != CUSTOMER:
        raise ApiError(errors.TOKEN_WRONG_KIND, "this operation needs a customer token")
    return _storable(principal, body)


AnyPrincipal = Annotated[Principal, Depends(shared_principal)]
TerminalPrincipal = Annotated[Principal, Depends(terminal_principal)]
CustomerPrincipal = Annotated[Principal, Depends(customer_principal)]
