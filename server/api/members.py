"""Seed 001: register a member (``POST /openapi/v1/customerOpenApi/add``), signed requests.

``Data-signature`` is the uppercase hex HMAC-MD5, keyed with the app's ``appSecret`` (UTF-8),
of the ``Time-stamp`` header text, a line feed, and the raw request body bytes:
``HMAC_MD5(appSecret, Time-stamp + "\\n" + body)``. ``Time-stamp`` is milliseconds since the
epoch; it may be at most 5 minutes old and at most 30 seconds ahead of the server's clock.
Each accepted signature is kept for the window and refused if it comes again (replay), even if
the request itself is then refused. The signature is checked before the body's fields.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app.domain.models_customers import AddCustomerRequest, AddCustomerResponse, MemberEnable
from server import errors
from server.api.schemas import error_responses
from server.api.text import NUL_DETAIL, contains_nul, json_body
from server.db import tables as t
from server.errors import ApiError
from server.services import ServicesDep

router = APIRouter(tags=["seed 001: members"])

WINDOW = timedelta(minutes=5)
FUTURE_TOLERANCE = timedelta(seconds=30)
PASSWORD_ITERATIONS = 100_000
AMOUNT_LIMIT = Decimal(10) ** 14
"""point, discount and balance are stored as NUMERIC(18, 4): at most 14 integer digits."""


def data_signature(app_secret: str, time_stamp: str, body: bytes) -> str:
    """The ``Data-signature`` of a request: uppercase hex HMAC-MD5 (32 digits)."""
    message = time_stamp.encode("ascii") + b"\n" + body
    return hmac.new(app_secret.encode("utf-8"), message, hashlib.md5).hexdigest().upper()


def hash_password(password: str) -> str:
    """A salted PBKDF2-SHA256 digest of a member password (never stored as given)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PASSWORD_ITERATIONS)
    return f"pbkdf2_sha256${PASSWORD_ITERATIONS}${salt.hex()}${digest.hex()}"


async def raw_body(request: Request) -> bytes:
    return await request.body()


def _app_id_of(body: bytes) -> str:
    try:
        parsed = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(errors.MALFORMED_JSON, "the body is not valid JSON") from None
    if not isinstance(parsed, dict) or "appId" not in parsed:
        raise ApiError(errors.VALIDATION_FAILED, "appId: Field required")
    app_id = parsed["appId"]
    if not isinstance(app_id, str):
        raise ApiError(errors.VALIDATION_FAILED, "appId: Input should be a valid string")
    return app_id


def verified_app(
    services: ServicesDep,
    body: Annotated[bytes, Depends(raw_body)],
    time_stamp: Annotated[
        str | None, Header(alias="Time-stamp", description="Milliseconds since the epoch.")
    ] = None,
    signature: Annotated[
        str | None,
        Header(
            alias="Data-signature", description='HMAC-MD5(appSecret, Time-stamp + "\\n" + body)'
        ),
    ] = None,
) -> str:
    """Dependency: the app (primary key) whose valid, fresh, unused signature the request has."""
    if not time_stamp or not signature:
        raise ApiError(errors.SIGNATURE_MISSING)
    now = services.now()
    if not time_stamp.isdigit() or len(time_stamp) > 15:
        raise ApiError(errors.TIMESTAMP_INVALID, "Time-stamp must be milliseconds since the epoch")
    age = now - datetime.fromtimestamp(int(time_stamp) / 1000, UTC)
    if age > WINDOW or -age > FUTURE_TOLERANCE:
        raise ApiError(errors.TIMESTAMP_INVALID, "Time-stamp is outside the 5 minute window")
    app_id = _app_id_of(body)
    try:
        with services.db.write() as session:
            app = session.scalars(select(t.App).where(t.App.app_id == app_id)).first()
            if app is None:
                raise ApiError(errors.APP_UNKNOWN)
            expected = data_signature(app.app_secret, time_stamp, body)
            if not hmac.compare_digest(expected, signature.strip().upper()):
                raise ApiError(errors.SIGNATURE_INVALID)
            session.execute(
                delete(t.SignatureNonce).where(t.SignatureNonce.seen_at < now - 2 * WINDOW)
            )
            session.add(t.SignatureNonce(app_pk=app.id, signature=expected, seen_at=now))
            session.flush()
            return app.id
    except IntegrityError:
        raise ApiError(errors.SIGNATURE_REPLAYED) from None


@router.post(
    "/openapi/v1/customerOpenApi/add",
    response_model=AddCustomerResponse,
    responses=error_responses(400, 401, 409, model=AddCustomerResponse),
    summary="Register a member of the app (seed 001); signed with Time-stamp and Data-signature",
)
def add_customer(
    body: AddCustomerRequest,
    app_pk: Annotated[str, Depends(verified_app)],
    services: ServicesDep,
    parsed: Annotated[Any, Depends(json_body)],
) -> Response:
    if contains_nul(parsed):
        raise ApiError(errors.VALIDATION_FAILED, NUL_DETAIL)
    info = body.customer_info
    for name, amount in (
        ("point", info.point),
        ("discount", info.discount),
        ("balance", info.balance),
    ):
        if amount is not None and abs(amount) >= AMOUNT_LIMIT:
            raise ApiError(
                errors.VALIDATION_FAILED, f"customerInfo.{name}: at most 14 integer digits"
            )
    try:
        with services.db.write() as session:
            taken = session.scalars(
                select(t.Member.id).where(t.Member.app_pk == app_pk, t.Member.number == info.number)
            ).first()
            if taken is not None:
                raise ApiError(errors.MEMBER_NUMBER_TAKEN)
            session.add(
                t.Member(
                    id=str(uuid.uuid4()),
                    app_pk=app_pk,
                    number=info.number,
                    category_name=info.category_name,
                    name=info.name,
                    point=info.point if info.point is not None else Decimal(0),
                    discount=info.discount if info.discount is not None else Decimal(0),
                    balance=info.balance if info.balance is not None else Decimal(0),
                    phone=info.phone,
                    birthday=info.birthday,
                    qq=info.qq,
                    email=info.email,
                    address=info.address,
                    remarks=info.remarks,
                    on_account=info.on_account if info.on_account is not None else 1,
                    enable=int(info.enable if info.enable is not None else MemberEnable.AVAILABLE),
                    password_hash=hash_password(info.password) if info.password else None,
                    created_at=services.now(),
                )
            )
    except IntegrityError:
        raise ApiError(errors.MEMBER_NUMBER_TAKEN) from None
    response = AddCustomerResponse(status="success", messages=[], error_code=None)
    return JSONResponse(response.model_dump(mode="json", by_alias=True))
