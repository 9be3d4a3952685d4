"""Seed 000: issue a card of stamp card ``cardIdx`` to a customer: ``POST /api/stamp/v1/create``.

The caller is a merchant's terminal credential (``api-key`` + ``Authorization: Bearer``); the
stamp card must be its merchant's. The card is valid from ``strtYmd`` 00:00:00.000 UTC to
``endYmd`` 23:59:59.999 UTC; ``endYmd`` may be at most 5 years from today (UTC). The customer
is found by ``userId`` within the merchant, or created (with a generated userId when absent);
given user fields replace the stored ones. ``result`` is the new card instance's id and
``cardUrl`` (extension) its signed URL; ``domain`` is stored as given.
"""

from __future__ import annotations

import secrets
import string
import uuid
from datetime import UTC, date, datetime, time, timedelta

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import YesNo
from app.domain.models_customers import CreateStampCardRequest
from server import errors
from server.access import normalize_phone
from server.api.schemas import IssueCardResponse, error_responses
from server.auth import TerminalPrincipal
from server.db import tables as t
from server.db.tables import ACTIVE
from server.errors import ApiError
from server.services import ServicesDep

router = APIRouter(tags=["seed 000: issue a card"])

MAX_YEARS_AHEAD = 5
CARD_IDX_MAX = 2**31 - 1
"""A stamp card's ``idx`` is stored in a 32-bit INTEGER column: a larger cardIdx names none."""
USER_ID_ALPHABET = string.ascii_lowercase + string.digits


def latest_end_date(today: date) -> date:
    """Today plus 5 years (29 February becomes 28 February)."""
    try:
        return today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)


def _user(session: Session, merchant_id: str, body: CreateStampCardRequest, now: datetime) -> str:
    user = None
    if body.user_id:
        user = session.scalars(
            select(t.User).where(t.User.merchant_id == merchant_id, t.User.user_ref == body.user_id)
        ).first()
    if user is None:
        ref = body.user_id or "".join(secrets.choice(USER_ID_ALPHABET) for _ in range(12))
        user = t.User(id=str(uuid.uuid4()), merchant_id=merchant_id, user_ref=ref, created_at=now)
        session.add(user)
        session.flush()
    for field, value in (
        ("name", body.user_nm),
        ("phone", normalize_phone(body.user_phnno) if body.user_phnno else None),
        ("email", body.user_eml),
        ("etc1", body.user_etc1),
        ("etc2", body.user_etc2),
    ):
        if value is not None:
            setattr(user, field, value)
    return user.id


@router.post(
    "/api/stamp/v1/create",
    response_model=IssueCardResponse,
    responses=error_responses(400, 401, 403, 404, model=IssueCardResponse),
    summary="Issue a card of the stamp card cardIdx to a customer (seed 000)",
)
def create_stamp(
    body: CreateStampCardRequest, principal: TerminalPrincipal, services: ServicesDep
) -> Response:
    now = services.now()
    if body.end_ymd > latest_end_date(now.date()):
        raise ApiError(errors.ISSUE_END_TOO_FAR, f"endYmd is after {latest_end_date(now.date())}")
    assert principal.merchant_id is not None
    if not -CARD_IDX_MAX - 1 <= body.card_idx <= CARD_IDX_MAX:
        raise ApiError(errors.STAMP_CARD_NOT_FOUND)
    with services.db.write() as session:
        stamp_card = session.scalars(
            select(t.StampCard).where(t.StampCard.idx == body.card_idx)
        ).first()
        if stamp_card is None:
            raise ApiError(errors.STAMP_CARD_NOT_FOUND)
        if stamp_card.merchant_id != principal.merchant_id:
            raise ApiError(errors.FORBIDDEN)
        user_id = _user(session, principal.merchant_id, body, now)
        card_id = str(uuid.uuid4())
        session.add(
            t.CardInstance(
                id=card_id,
                stamp_card_id=stamp_card.id,
                merchant_id=stamp_card.merchant_id,
                user_id=user_id,
                current_stamps=0,
                status=ACTIVE,
                active=body.active_yn == YesNo.Y,
                issue_date=now,
                start_date=datetime.combine(body.strt_ymd, time(), UTC),
                update_time=now,
                expiration_date=datetime.combine(body.end_ymd + timedelta(days=1), time(), UTC)
                - timedelta(milliseconds=1),
                domain=body.domain,
                memo=body.memo,
            )
        )
    response = IssueCardResponse(
        code=0, message="", result=card_id, card_url=services.card_url(card_id)
    )
    return JSONResponse(response.model_dump(mode="json", by_alias=True, exclude_unset=True))
