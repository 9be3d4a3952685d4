"""Rows to the API's models (the shared pydantic models of ``app.domain``).

Optional values that are None are left out of the JSON, as the documents' examples do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.domain.events import EventType
from app.domain.models import (
    CardInstance,
    Event,
    InstanceStatus,
    Merchant,
    Result,
    Reward,
    RewardInstance,
    Stamp,
    StampCard,
    StampType,
    Store,
    YesNo,
)
from server.db import tables as t
from server.db.tables import ACTIVE, EXPIRED
from server.errors import OK, ErrorCode


def dump(model: BaseModel) -> dict[str, Any]:
    """Wire JSON of a model: documented names, only fields that were set and are not None."""
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True, exclude_none=True)


def respond(model: BaseModel, status_code: int = 200) -> JSONResponse:
    return JSONResponse(dump(model), status_code=status_code)


def result(error: ErrorCode = OK) -> Result:
    """``{"code": 0}`` for success, ``{"code": N, "message": key}`` otherwise."""
    if error.code == 0:
        return Result(code=0)
    return Result(code=error.code, message=error.key)


def effective_status(status: str, expiration: datetime | None, now: datetime) -> str:
    """An ACTIVE card or reward past its expiration date reads EXPIRED."""
    if status == ACTIVE and expiration is not None and expiration <= now:
        return EXPIRED
    return status


def reward_model(reward: t.Reward, stamp_card: t.StampCard) -> Reward:
    return Reward(
        reward_id=reward.id,
        wallet_id=stamp_card.wallet_id,
        service_id=stamp_card.service_id,
        name=reward.name,
        threshold=reward.threshold,
        image_url=reward.image_url,
        reward_message=reward.reward_message,
        reward_description=reward.reward_description,
    )


class RewardInstanceRow(Protocol):
    """A reward instance row or in-memory record."""

    @property
    def id(self) -> str: ...
    @property
    def card_instance_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def rewarded_time(self) -> datetime: ...
    @property
    def expiration_date(self) -> datetime | None: ...


def reward_instance_model(
    instance: RewardInstanceRow, reward: Reward | None, now: datetime
) -> RewardInstance:
    return RewardInstance(
        reward_instance_id=instance.id,
        card_instance_id=instance.card_instance_id,
        reward=reward,
        status=InstanceStatus(effective_status(instance.status, instance.expiration_date, now)),
        rewarded_time=instance.rewarded_time,
        reward_expiration_date=instance.expiration_date,
    )


def card_instance_model(
    card: t.CardInstance,
    total_stamps: int,
    now: datetime,
    rewards: list[RewardInstance] | None = None,
) -> CardInstance:
    """A card instance; with ``rewards`` it is the event form (with updateTime and rewards)."""
    status = InstanceStatus(effective_status(card.status, card.expiration_date, now))
    if rewards is None:
        return CardInstance(
            card_instance_id=card.id,
            stamp_card_id=card.stamp_card_id,
            current_stamps=card.current_stamps,
            total_stamps=total_stamps,
            issue_date=card.issue_date,
            expiration_date=card.expiration_date,
            status=status,
        )
    return CardInstance(
        card_instance_id=card.id,
        stamp_card_id=card.stamp_card_id,
        current_stamps=card.current_stamps,
        total_stamps=total_stamps,
        issue_date=card.issue_date,
        update_time=card.update_time,
        expiration_date=card.expiration_date,
        status=status,
        rewards=rewards,
    )


def store_model(store: t.Store, distance: float | None = None) -> Store:
    return Store(
        store_id=store.id,
        store_name=store.name,
        street1=store.street1,
        city=store.city,
        state=store.state,
        zip=store.zip_code,
        country=store.country,
        latitude=store.latitude,
        longitude=store.longitude,
        distance=distance,
    )


def merchant_model(merchant: t.Merchant, store: Store | None = None) -> Merchant:
    return Merchant(
        merchant_id=merchant.id,
        merchant_name=merchant.name,
        merchant_image_url=merchant.image_url,
        update_dtim=merchant.updated_at,
        store=store,
    )


def stamp_card_model(
    card: t.StampCard, rewards: Iterable[t.Reward], merchant: Merchant | None
) -> StampCard:
    return StampCard(
        stamp_card_id=card.id,
        name=card.name,
        stamp_type=StampType(card.stamp_type),
        stamp_count=card.stamp_count,
        tnc=card.tnc,
        available_store=card.available_store,
        website_url=card.website_url,
        phone_number=card.phone_number,
        information=card.information,
        is_publish_to_market=YesNo(card.is_publish_to_market),
        background_image_url=card.background_image_url,
        stamp_area_image_url=card.stamp_area_image_url,
        rewards=[reward_model(reward, card) for reward in rewards],
        merchant=merchant,
        stamp_start_date=card.start_date,
        stamp_end_date=card.end_date,
        catalog_description=card.catalog_description,
    )


def stamp_model(stamp: t.Stamp) -> Stamp:
    return Stamp(
        stamp_id=stamp.id,
        stamp_value=stamp.stamp_value,
        stamp_state=stamp.state,
        award_stamps=stamp.award_stamps,
        reward_id=stamp.reward_id,
        stamp_event_type=EventType(stamp.event_type),
    )


def event_model(event: t.Event) -> Event:
    assert event.card_instance_id is not None
    return Event(
        card_instance_id=event.card_instance_id,
        event_time=event.event_time,
        event_type=EventType(event.event_type),
        stamp_id=event.stamp_id,
        stamp_value=event.stamp_value,
        reward_instance_id=event.reward_instance_id,
    )
