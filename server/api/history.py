"""A card's history and rewards (seed 002): getEventHistory, getRewards (= getCouponDetail)."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy import select

from app.domain.models_requests import (
    GetEventHistoryRequest,
    GetEventHistoryResponse,
    GetRewardsRequest,
    GetRewardsResponse,
)
from server import errors
from server.access import card_for, user_cards
from server.api.schemas import error_responses
from server.api.views import event_model, respond, result
from server.auth import AnyPrincipal
from server.db import tables as t
from server.errors import ApiError
from server.queries import rewards_of_cards
from server.services import ServicesDep

router = APIRouter(tags=["stamp v2: history"])


@router.post(
    "/getEventHistory",
    response_model=GetEventHistoryResponse,
    responses=error_responses(400, 401, 403, 404),
    summary="Every applied event of a card, newest first (refused events are not history)",
)
def get_event_history(
    body: GetEventHistoryRequest, principal: AnyPrincipal, services: ServicesDep
) -> Response:
    with services.db.read() as session:
        card = card_for(session, principal, body.card_instance_id)
        events = list(
            session.scalars(
                select(t.Event)
                .where(t.Event.card_instance_id == card.id, t.Event.result_code == 0)
                .order_by(t.Event.event_time.desc(), t.Event.id.desc())
            )
        )
    return respond(
        GetEventHistoryResponse(result=result(), events=[event_model(e) for e in events])
    )


def get_rewards(
    body: GetRewardsRequest, principal: AnyPrincipal, services: ServicesDep
) -> Response:
    """The ACTIVE rewards of one card, or (customer only) of all the customer's cards."""
    now = services.now()
    with services.db.read() as session:
        if body.card_instance_id is not None:
            card_ids = [card_for(session, principal, body.card_instance_id).id]
        elif principal.is_terminal:
            raise ApiError(errors.VALIDATION_FAILED, "a terminal must name the cardInstanceId")
        else:
            card_ids = [card.id for card in user_cards(session, principal)]
        rewards = rewards_of_cards(session, card_ids, now)
    return respond(GetRewardsResponse(result=result(), rewards=rewards))


for _path, _summary in (
    ("/getRewards", "The available (ACTIVE) rewards of a card or of the customer's wallet"),
    ("/getCouponDetail", "Alias of getRewards (the path the document gives it)"),
):
    router.add_api_route(
        _path,
        get_rewards,
        methods=["POST"],
        response_model=GetRewardsResponse,
        responses=error_responses(400, 401, 403, 404),
        summary=_summary,
        name="get_coupon_detail" if _path == "/getCouponDetail" else "get_rewards",
    )
