"""Extensions the terminal needs, with the seed 002 auth and envelope, under both prefixes.

lookupCard and registerTag and getMasterData are for terminals (their merchant's cards only);
getServerTime and getCardSigningKey answer any valid credentials. A tag UID is stored as
uppercase hex without separators (``04:a2:..`` and ``04A2..`` are the same tag).
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.card_code import public_key_to_text
from server import errors
from server.access import card_for, normalize_phone
from server.api.schemas import (
    CardSigningKeyResponse,
    LookupCardRequest,
    LookupCardResponse,
    MasterDataResponse,
    MasterStampCard,
    RegisterTagRequest,
    RegisterTagResponse,
    ServerTimeResponse,
    error_responses,
)
from server.api.views import card_instance_model, merchant_model, respond, result, stamp_card_model
from server.auth import AnyPrincipal, Principal, TerminalPrincipal
from server.db import tables as t
from server.db.tables import ACTIVE
from server.errors import ApiError
from server.queries import master_stamp, rewards_by_stamp_card, rewards_of_cards, stamps_of
from server.services import ServicesDep

router = APIRouter(tags=["extensions"])

_TAG_SEPARATORS = re.compile(r"[\s:-]")


def normalize_tag_uid(text: str) -> str:
    return _TAG_SEPARATORS.sub("", text).upper()


def _find_card(session: Session, principal: Principal, body: LookupCardRequest) -> t.CardInstance:
    given = [v for v in (body.card_instance_id, body.tag_uid, body.phone) if v is not None]
    if len(given) != 1:
        raise ApiError(
            errors.VALIDATION_FAILED, "give exactly one of cardInstanceId, tagUid, phone"
        )
    if body.card_instance_id is not None:
        return card_for(session, principal, body.card_instance_id)
    if body.tag_uid is not None:
        tag = session.get(t.Tag, (principal.merchant_id, normalize_tag_uid(body.tag_uid)))
        if tag is None:
            raise ApiError(errors.LOOKUP_NOT_FOUND)
        return card_for(session, principal, tag.card_instance_id)
    phone = normalize_phone(body.phone or "")
    card = session.scalars(
        select(t.CardInstance)
        .join(t.User, t.User.id == t.CardInstance.user_id)
        .where(
            t.User.phone == phone,
            t.CardInstance.merchant_id == principal.merchant_id,
            t.CardInstance.status == ACTIVE,
        )
        .order_by(t.CardInstance.update_time.desc(), t.CardInstance.id)
        .limit(1)
    ).first()
    if card is None:
        raise ApiError(errors.LOOKUP_NOT_FOUND)
    return card


@router.post(
    "/lookupCard",
    response_model=LookupCardResponse,
    responses=error_responses(400, 401, 403, 404),
    summary="Extension: a card by id, NFC tag UID or phone, with rewards and master data",
)
def lookup_card(
    body: LookupCardRequest, principal: TerminalPrincipal, services: ServicesDep
) -> Response:
    now = services.now()
    with services.db.read() as session:
        card = _find_card(session, principal, body)
        stamp_card = session.get_one(t.StampCard, card.stamp_card_id)
        merchant = session.get_one(t.Merchant, card.merchant_id)
        rewards = rewards_of_cards(session, [card.id], now)
        reward_rows = rewards_by_stamp_card(session, [stamp_card.id])[stamp_card.id]
        stamps = stamps_of(session, [stamp_card.id])
    return respond(
        LookupCardResponse(
            result=result(),
            card_instance=card_instance_model(card, stamp_card.stamp_count, now, rewards),
            rewards=rewards,
            stamp_card=stamp_card_model(stamp_card, reward_rows, merchant_model(merchant)),
            stamps=[master_stamp(stamp) for stamp in stamps],
        )
    )


@router.post(
    "/registerTag",
    response_model=RegisterTagResponse,
    responses=error_responses(400, 401, 403, 404, 409),
    summary="Extension: register an NFC tag UID to a card of the terminal's merchant",
)
def register_tag(
    body: RegisterTagRequest, principal: TerminalPrincipal, services: ServicesDep
) -> Response:
    uid = normalize_tag_uid(body.tag_uid)
    if not re.fullmatch(r"[0-9A-F]{4,64}", uid):
        raise ApiError(errors.VALIDATION_FAILED, "tagUid must be 4 to 64 hex digits")
    with services.db.write() as session:
        card = card_for(session, principal, body.card_instance_id)
        tag = session.get(t.Tag, (principal.merchant_id, uid))
        if tag is not None and tag.card_instance_id != card.id:
            raise ApiError(errors.TAG_ALREADY_REGISTERED)
        if tag is None:
            assert principal.merchant_id is not None
            session.add(
                t.Tag(
                    merchant_id=principal.merchant_id,
                    tag_uid=uid,
                    card_instance_id=card.id,
                    created_at=services.now(),
                )
            )
    return respond(RegisterTagResponse(result=result()))


@router.post(
    "/getServerTime",
    response_model=ServerTimeResponse,
    responses=error_responses(401),
    summary="Extension: the server's clock (date format of the documents and epoch ms)",
)
def get_server_time(principal: AnyPrincipal, services: ServicesDep) -> Response:
    now = services.now()
    millis = int(now.timestamp() * 1000)
    return respond(ServerTimeResponse(result=result(), server_time=now, epoch_millis=millis))


@router.post(
    "/getCardSigningKey",
    response_model=CardSigningKeyResponse,
    responses=error_responses(401),
    summary="Extension: the Ed25519 public key that verifies signed card URLs",
)
def get_card_signing_key(principal: AnyPrincipal, services: ServicesDep) -> Response:
    public_key = public_key_to_text(services.signing_key.public_key())
    return respond(
        CardSigningKeyResponse(result=result(), algorithm="Ed25519", public_key=public_key)
    )


@router.post(
    "/getMasterData",
    response_model=MasterDataResponse,
    responses=error_responses(401, 403),
    summary="Extension: every stamp card (with rewards) and stamp of the terminal's merchant",
)
def get_master_data(principal: TerminalPrincipal, services: ServicesDep) -> Response:
    with services.db.read() as session:
        cards = list(
            session.scalars(
                select(t.StampCard)
                .where(t.StampCard.merchant_id == principal.merchant_id)
                .order_by(t.StampCard.idx)
            )
        )
        merchant = session.get_one(t.Merchant, principal.merchant_id)
        rewards = rewards_by_stamp_card(session, [card.id for card in cards])
        stamps = stamps_of(session, [card.id for card in cards])
    owner = merchant_model(merchant)
    return respond(
        MasterDataResponse(
            result=result(),
            stamp_cards=[
                MasterStampCard(
                    **stamp_card_model(card, rewards[card.id], owner).model_dump(),
                    card_idx=card.idx,
                )
                for card in cards
            ],
            stamps=[master_stamp(stamp) for stamp in stamps],
        )
    )
