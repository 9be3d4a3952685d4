"""Reads shared by several endpoints."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.models import RewardInstance, Stamp
from app.domain.models import Store as StoreModel
from server.api.schemas import MasterStamp
from server.api.views import reward_instance_model, reward_model, stamp_model, store_model
from server.db import tables as t
from server.db.tables import ACTIVE
from server.rules.geo import Area, nearest


def stores_by_merchant(session: Session, merchant_ids: Collection[str]) -> dict[str, list[t.Store]]:
    """Each merchant's stores, oldest first."""
    found: dict[str, list[t.Store]] = defaultdict(list)
    if merchant_ids:
        for store in session.scalars(
            select(t.Store)
            .where(t.Store.merchant_id.in_(merchant_ids))
            .order_by(t.Store.created_at, t.Store.id)
        ):
            found[store.merchant_id].append(store)
    return found


def place(stores: list[t.Store], area: Area | None) -> tuple[StoreModel | None, float | None]:
    """The store to show for a merchant and its distance: the nearest one in a geo search.

    Without a search point it is the first store, with no distance. In a search, a merchant
    without located stores has neither.
    """
    if area is None:
        return (store_model(stores[0]) if stores else None), None
    found = nearest(area, stores)
    if found is None:
        return None, None
    store, distance = found
    return store_model(store, distance), distance


def usage_counts(session: Session, card_ids: Collection[str]) -> dict[str, int]:
    """Number of applied events (history entries) per card instance."""
    if not card_ids:
        return {}
    rows = session.execute(
        select(t.Event.card_instance_id, func.count())
        .where(t.Event.card_instance_id.in_(card_ids), t.Event.result_code == 0)
        .group_by(t.Event.card_instance_id)
    )
    return {card_id: count for card_id, count in rows if card_id is not None}


def rewards_of_cards(
    session: Session, card_ids: Collection[str], now: datetime
) -> list[RewardInstance]:
    """The ACTIVE (not expired) reward instances of these cards, oldest first."""
    if not card_ids:
        return []
    rows = session.execute(
        select(t.RewardInstance, t.Reward, t.StampCard)
        .join(t.Reward, t.Reward.id == t.RewardInstance.reward_id)
        .join(t.StampCard, t.StampCard.id == t.Reward.stamp_card_id)
        .where(t.RewardInstance.card_instance_id.in_(card_ids), t.RewardInstance.status == ACTIVE)
        .order_by(t.RewardInstance.rewarded_time, t.RewardInstance.id)
    )
    found = []
    for instance, reward, stamp_card in rows:
        if instance.expiration_date is None or instance.expiration_date > now:
            found.append(reward_instance_model(instance, reward_model(reward, stamp_card), now))
    return found


def rewards_by_stamp_card(
    session: Session, stamp_card_ids: Collection[str]
) -> dict[str, list[t.Reward]]:
    """Each stamp card's rewards by threshold."""
    found: dict[str, list[t.Reward]] = defaultdict(list)
    if stamp_card_ids:
        for reward in session.scalars(
            select(t.Reward)
            .where(t.Reward.stamp_card_id.in_(stamp_card_ids))
            .order_by(t.Reward.threshold, t.Reward.created_at, t.Reward.id)
        ):
            found[reward.stamp_card_id].append(reward)
    return found


def stamps_of(session: Session, stamp_card_ids: Iterable[str]) -> list[t.Stamp]:
    """The stamp master data of these stamp cards, oldest first."""
    ids = list(stamp_card_ids)
    if not ids:
        return []
    return list(
        session.scalars(
            select(t.Stamp)
            .where(t.Stamp.stamp_card_id.in_(ids))
            .order_by(t.Stamp.created_at, t.Stamp.id)
        )
    )


def master_stamp(stamp: t.Stamp) -> MasterStamp:
    base: Stamp = stamp_model(stamp)
    return MasterStamp(**base.model_dump(exclude_unset=True), stamp_card_id=stamp.stamp_card_id)
