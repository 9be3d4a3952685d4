"""Stamp card offers (seed 002): getCatalog, getMerchants, getStamps.

A customer sees the published stamp cards (``isPublishToMarket`` Y) within their valid period;
a terminal sees every stamp card of its merchant. In a geo search a stamp card or merchant is
placed at its merchant's nearest store (``distance`` in km) and must lie within ``radius``.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response
from sqlalchemy import Select, func, or_, select

from app.domain.models import StampCard
from app.domain.models_requests import (
    GetCatalogRequest,
    GetCatalogResponse,
    GetMerchantsRequest,
    GetMerchantsResponse,
    GetStampsRequest,
    GetStampsResponse,
    MerchantSearchType,
)
from server import errors
from server.access import master_id, own_stamp_card
from server.api.schemas import error_responses
from server.api.views import merchant_model, respond, result, stamp_card_model, stamp_model
from server.auth import AnyPrincipal, CustomerPrincipal, Principal, TerminalPrincipal
from server.db import tables as t
from server.errors import ApiError
from server.queries import place, rewards_by_stamp_card, stamps_of, stores_by_merchant
from server.rules.geo import area_from
from server.services import ServicesDep

router = APIRouter(tags=["stamp v2: catalog"])


def _visible_cards(principal: Principal, now: datetime) -> Select[t.StampCard]:
    query = select(t.StampCard)
    if principal.is_terminal:
        return query.where(t.StampCard.merchant_id == principal.merchant_id)
    return query.where(
        t.StampCard.is_publish_to_market == "Y",
        or_(t.StampCard.start_date.is_(None), t.StampCard.start_date <= now),
        or_(t.StampCard.end_date.is_(None), t.StampCard.end_date > now),
    )


def _paging(skip: int | None, limit: int | None) -> tuple[int, int | None]:
    if skip is not None and skip < 0:
        raise ApiError(errors.VALIDATION_FAILED, "skipRows must be 0 or more")
    if limit is not None and limit < 1:
        raise ApiError(errors.VALIDATION_FAILED, "maxResults must be 1 or more")
    return skip or 0, limit


@router.post(
    "/getCatalog",
    response_model=GetCatalogResponse,
    responses=error_responses(400, 401, 403),
    summary="Stamp cards on offer, by place, merchant, service or id, a page at a time",
)
def get_catalog(
    body: GetCatalogRequest, principal: AnyPrincipal, services: ServicesDep
) -> Response:
    area = area_from(body.latitude, body.longitude, body.radius)
    skip, limit = _paging(body.skip_rows, body.max_results)
    query = _visible_cards(principal, services.now())
    if body.stamp_card_id is not None:
        query = query.where(t.StampCard.id == master_id(body.stamp_card_id))
    if body.merchant_ids is not None:
        query = query.where(t.StampCard.merchant_id.in_([master_id(m) for m in body.merchant_ids]))
    if body.service_id is not None:
        query = query.where(t.StampCard.service_id == body.service_id)
    with services.db.read() as session:
        cards = list(session.scalars(query.order_by(t.StampCard.idx)))
        merchant_ids = {card.merchant_id for card in cards}
        merchants = {
            merchant.id: merchant
            for merchant in session.scalars(
                select(t.Merchant).where(t.Merchant.id.in_(merchant_ids))
            )
        }
        stores = stores_by_merchant(session, merchant_ids)
        rewards = rewards_by_stamp_card(session, [card.id for card in cards])
    entries: list[tuple[float, str, StampCard]] = []
    for card in cards:
        store, distance = place(stores[card.merchant_id], area)
        if area is not None and not area.contains(distance):
            continue
        merchant = merchant_model(merchants[card.merchant_id], store)
        model = stamp_card_model(card, rewards[card.id], merchant)
        entries.append((distance if distance is not None else 0.0, card.name.casefold(), model))
    entries.sort(key=lambda entry: (entry[0], entry[1]) if area is not None else (0.0, entry[1]))
    page = entries[skip : None if limit is None else skip + limit]
    return respond(GetCatalogResponse(result=result(), catalog=[entry[2] for entry in page]))


@router.post(
    "/getMerchants",
    response_model=GetMerchantsResponse,
    responses=error_responses(400, 401, 403),
    summary="Merchants with published stamp cards; searchType 0 all, 1 nearest, 2 by name",
)
def get_merchants(
    body: GetMerchantsRequest, principal: CustomerPrincipal, services: ServicesDep
) -> Response:
    area = area_from(body.latitude, body.longitude, body.radius)
    search_type = body.search_type or MerchantSearchType.ALL
    if search_type == MerchantSearchType.DISTANCE_NEAREST and area is None:
        raise ApiError(errors.VALIDATION_FAILED, "searchType 1 needs latitude and longitude")
    offering = _visible_cards(principal, services.now()).with_only_columns(t.StampCard.merchant_id)
    query = select(t.Merchant).where(t.Merchant.id.in_(offering))
    if body.merchant_name:
        query = query.where(
            func.lower(t.Merchant.name).contains(body.merchant_name.lower(), autoescape=True)
        )
    with services.db.read() as session:
        merchants = list(session.scalars(query.order_by(t.Merchant.created_at, t.Merchant.id)))
        stores = stores_by_merchant(session, [merchant.id for merchant in merchants])
    found = []
    for merchant in merchants:
        distance = place(stores[merchant.id], area)[1]
        if area is None or area.contains(distance):
            found.append((merchant, distance))
    if search_type == MerchantSearchType.DISTANCE_NEAREST:
        found.sort(key=lambda pair: pair[1] if pair[1] is not None else float("inf"))
    elif search_type == MerchantSearchType.NAME_ASC:
        found.sort(key=lambda pair: pair[0].name.casefold())
    return respond(
        GetMerchantsResponse(
            result=result(), merchants=[merchant_model(merchant) for merchant, _ in found]
        )
    )


@router.post(
    "/getStamps",
    response_model=GetStampsResponse,
    responses=error_responses(400, 401, 403, 404),
    summary="Stamp master data of one of the terminal merchant's stamp cards",
)
def get_stamps(
    body: GetStampsRequest, principal: TerminalPrincipal, services: ServicesDep
) -> Response:
    with services.db.read() as session:
        card = own_stamp_card(session, principal, body.stamp_card_id)
        stamps = stamps_of(session, [card.id])
    return respond(GetStampsResponse(result=result(), stamps=[stamp_model(s) for s in stamps]))
