"""The customer's wallet (seed 002): addCard, getCards, removeCard, updateCardSequences."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from fastapi import APIRouter, Response
from sqlalchemy import select

from app.domain.models_requests import (
    AddCardRequest,
    AddCardResponse,
    CardSortType,
    GetCardsRequest,
    GetCardsResponse,
    RemoveCardRequest,
    RemoveCardResponse,
    UpdateCardSequencesRequest,
    UpdateCardSequencesResponse,
)
from server import errors
from server.access import card_for, master_id, user_cards
from server.api.schemas import error_responses
from server.api.views import card_instance_model, effective_status, respond, result
from server.auth import CustomerPrincipal
from server.db import tables as t
from server.db.tables import ACTIVE, DELETED
from server.errors import ApiError
from server.queries import place, stores_by_merchant, usage_counts
from server.rules.geo import area_from
from server.services import ServicesDep

router = APIRouter(tags=["stamp v2: wallet (customer)"])

SEQUENCE_MIN = -(2**31)
SEQUENCE_MAX = 2**31 - 1
"""A card's ``sequence`` is stored in a 32-bit INTEGER column."""


@router.post(
    "/addCard",
    response_model=AddCardResponse,
    responses=error_responses(400, 401, 403, 404, 409),
    summary="Add a published stamp card to the customer's wallet",
)
def add_card(body: AddCardRequest, principal: CustomerPrincipal, services: ServicesDep) -> Response:
    now = services.now()
    with services.db.write() as session:
        card = session.get(t.StampCard, master_id(body.stamp_card_id))
        if card is None or card.is_publish_to_market != "Y":
            raise ApiError(errors.STAMP_CARD_NOT_FOUND)
        if (card.start_date is not None and card.start_date > now) or (
            card.end_date is not None and card.end_date <= now
        ):
            raise ApiError(errors.STAMP_CARD_NOT_AVAILABLE)
        for held in user_cards(session, principal):
            status = effective_status(held.status, held.expiration_date, now)
            if held.stamp_card_id == card.id and status == ACTIVE:
                raise ApiError(errors.CARD_ALREADY_ADDED)
        expiration = now + timedelta(days=card.card_validity_days)
        if card.end_date is not None:
            expiration = min(expiration, card.end_date)
        session.add(
            t.CardInstance(
                id=str(uuid.uuid4()),
                stamp_card_id=card.id,
                merchant_id=card.merchant_id,
                user_id=principal.user_id,
                current_stamps=0,
                status=ACTIVE,
                active=True,
                issue_date=now,
                start_date=now,
                update_time=now,
                expiration_date=expiration,
            )
        )
    return respond(AddCardResponse(result=result()))


def _sort_key(
    sort_type: CardSortType,
    merchant_names: dict[str, str],
    distances: dict[str, float | None],
    usage: dict[str, int],
) -> tuple[Callable[[t.CardInstance], tuple[object, ...]], bool]:
    """Key and reverse flag for a sortType; ties keep the wallet's order (issue date)."""
    far = float("inf")
    keys: dict[CardSortType, tuple[Callable[[t.CardInstance], tuple[object, ...]], bool]] = {
        CardSortType.NONE: (lambda c: (), False),
        CardSortType.MERCHANT_NAME_ASC: (lambda c: (merchant_names[c.id].casefold(),), False),
        CardSortType.MERCHANT_NAME_DESC: (lambda c: (merchant_names[c.id].casefold(),), True),
        CardSortType.DISTANCE_NEAREST: (lambda c: (_or(distances[c.id], far),), False),
        CardSortType.DISTANCE_FARTHEST: (lambda c: (_or(distances[c.id], -1.0),), True),
        CardSortType.MOST_USED: (lambda c: (usage.get(c.id, 0),), True),
        CardSortType.LEAST_USED: (lambda c: (usage.get(c.id, 0),), False),
        CardSortType.USER_SEQUENCE: (lambda c: _sequence(c.sequence), False),
    }
    return keys[sort_type]


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


def _sequence(sequence: int | None) -> tuple[object, ...]:
    return (0, sequence) if sequence is not None else (1, 0)


@router.post(
    "/getCards",
    response_model=GetCardsResponse,
    responses=error_responses(400, 401, 403),
    summary="The customer's cards, filtered by place and sorted by sortType 0-7",
)
def get_cards(
    body: GetCardsRequest, principal: CustomerPrincipal, services: ServicesDep
) -> Response:
    area = area_from(body.latitude, body.longitude, body.radius)
    sort_type = body.sort_type or CardSortType.NONE
    needs_point = sort_type in (CardSortType.DISTANCE_NEAREST, CardSortType.DISTANCE_FARTHEST)
    if needs_point and area is None:
        raise ApiError(errors.VALIDATION_FAILED, "sortType 3 and 4 need latitude and longitude")
    now = services.now()
    with services.db.read() as session:
        cards = user_cards(session, principal)
        merchant_ids = {card.merchant_id for card in cards}
        stores = stores_by_merchant(session, merchant_ids)
        merchants = {
            merchant.id: merchant.name
            for merchant in session.scalars(
                select(t.Merchant).where(t.Merchant.id.in_(merchant_ids))
            )
        }
        distances = {card.id: place(stores[card.merchant_id], area)[1] for card in cards}
        if area is not None:
            cards = [card for card in cards if area.contains(distances[card.id])]
        usage = usage_counts(session, [card.id for card in cards]) if sort_type >= 5 else {}
        stamp_counts = {
            stamp_card_id: count
            for stamp_card_id, count in session.execute(
                select(t.StampCard.id, t.StampCard.stamp_count).where(
                    t.StampCard.id.in_({card.stamp_card_id for card in cards})
                )
            )
        }
    names = {card.id: merchants[card.merchant_id] for card in cards}
    key, reverse = _sort_key(sort_type, names, distances, usage)
    ordered = sorted(cards, key=key, reverse=reverse)
    return respond(
        GetCardsResponse(
            result=result(),
            cards=[card_instance_model(c, stamp_counts[c.stamp_card_id], now) for c in ordered],
        )
    )


@router.post(
    "/removeCard",
    response_model=RemoveCardResponse,
    responses=error_responses(400, 401, 403, 404),
    summary="Remove a card from the customer's wallet (its history is kept)",
)
def remove_card(
    body: RemoveCardRequest, principal: CustomerPrincipal, services: ServicesDep
) -> Response:
    now = services.now()
    with services.db.write() as session:
        card = session.get(t.CardInstance, body.card_instance_id.strip().lower())
        if card is not None and card.user_id == principal.user_id and card.status == DELETED:
            return respond(RemoveCardResponse(result=result()))
        card = card_for(session, principal, body.card_instance_id)
        card.status = DELETED
        card.update_time = now
    return respond(RemoveCardResponse(result=result()))


@router.post(
    "/updateCardSequences",
    response_model=UpdateCardSequencesResponse,
    responses=error_responses(400, 401, 403, 404),
    summary="Set the display order of the customer's cards (getCards sortType 7)",
)
def update_card_sequences(
    body: UpdateCardSequencesRequest, principal: CustomerPrincipal, services: ServicesDep
) -> Response:
    for entry in body.update_card_seq_list:
        if not SEQUENCE_MIN <= entry.sequence <= SEQUENCE_MAX:
            raise ApiError(
                errors.VALIDATION_FAILED,
                f"sequence must be between {SEQUENCE_MIN} and {SEQUENCE_MAX}",
            )
    with services.db.write() as session:
        for entry in body.update_card_seq_list:
            card = card_for(session, principal, entry.card_instance_id)
            card.sequence = entry.sequence
    return respond(UpdateCardSequencesResponse(result=result()))
