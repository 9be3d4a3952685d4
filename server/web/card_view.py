"""What the customer's card page shows, read from the database in one short read transaction.

The card page is public (anyone holding the signed card URL may open it), so the read is by
card instance id only, and only after the URL's signature was checked; it returns plain values,
never rows, so that nothing outside this module touches the session.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.events import EventType
from server.api.views import effective_status
from server.db import tables as t
from server.db.tables import ACTIVE, DELETED, EXPIRED

MAX_VISITS = 10
MAX_REWARDS = 50
VISIT_ROWS = 100
"""Events read to make up the last visits: several stamps of one visit are one event each."""


class CardState(enum.StrEnum):
    """Whether the card can be used now, and if not, why (as the page explains it)."""

    USABLE = "usable"
    EXPIRED = "expired"
    REMOVED = "removed"
    INACTIVE = "inactive"
    NOT_YET = "not-yet"


@dataclass(frozen=True, slots=True)
class ActiveReward:
    """A reward the customer has earned and can still use."""

    name: str
    expires_at: datetime | None


@dataclass(frozen=True, slots=True)
class NextReward:
    name: str
    missing: int


@dataclass(frozen=True, slots=True)
class Visit:
    """Stamps collected at one time (``stamps``), or a reward used (``redeemed``)."""

    at: datetime
    event_type: str
    stamps: int = 0
    redeemed: str | None = None


@dataclass(frozen=True, slots=True)
class CardView:
    card_id: str
    merchant_name: str
    stamp_card_name: str
    current_stamps: int
    stamp_count: int
    thresholds: frozenset[int]
    state: CardState
    starts_at: datetime
    expires_at: datetime | None
    rewards: tuple[ActiveReward, ...]
    next_reward: NextReward | None
    visits: tuple[Visit, ...]
    terms: tuple[str, ...]


def card_state(card: t.CardInstance, now: datetime) -> CardState:
    """The state of the card as the rules see it when an event arrives now."""
    status = effective_status(card.status, card.expiration_date, now)
    if status == DELETED:
        return CardState.REMOVED
    if status == EXPIRED:
        return CardState.EXPIRED
    if status != ACTIVE or not card.active:
        return CardState.INACTIVE
    if card.start_date > now:
        return CardState.NOT_YET
    return CardState.USABLE


def next_reward(rewards: Sequence[t.Reward], current_stamps: int) -> NextReward | None:
    """The first reward (by threshold) still ahead of the card's stamps."""
    for reward in rewards:
        if reward.threshold > current_stamps:
            return NextReward(reward.name, reward.threshold - current_stamps)
    return None


def read_card(session: Session, card_id: str, now: datetime) -> CardView | None:
    """The card page's content of the card ``card_id`` (a lowercase UUID), None if unknown."""
    found = session.execute(
        select(t.CardInstance, t.StampCard, t.Merchant.name)
        .join(t.StampCard, t.StampCard.id == t.CardInstance.stamp_card_id)
        .join(t.Merchant, t.Merchant.id == t.StampCard.merchant_id)
        .where(t.CardInstance.id == card_id)
    ).one_or_none()
    if found is None:
        return None
    card, stamp_card, merchant_name = found
    rewards = list(
        session.scalars(
            select(t.Reward)
            .where(t.Reward.stamp_card_id == stamp_card.id)
            .order_by(t.Reward.threshold, t.Reward.created_at, t.Reward.id)
        )
    )
    terms = (stamp_card.tnc, stamp_card.information)
    return CardView(
        card_id=card.id,
        merchant_name=merchant_name,
        stamp_card_name=stamp_card.name,
        current_stamps=card.current_stamps,
        stamp_count=stamp_card.stamp_count,
        thresholds=frozenset(reward.threshold for reward in rewards),
        state=card_state(card, now),
        starts_at=card.start_date,
        expires_at=card.expiration_date,
        rewards=_active_rewards(session, card.id, now),
        next_reward=next_reward(rewards, card.current_stamps),
        visits=_last_visits(session, card.id),
        terms=tuple(text.strip() for text in terms if text and text.strip()),
    )


def _active_rewards(session: Session, card_id: str, now: datetime) -> tuple[ActiveReward, ...]:
    """The card's ACTIVE reward instances that have not expired, oldest first."""
    rows = session.execute(
        select(t.Reward.name, t.RewardInstance.expiration_date)
        .join(t.Reward, t.Reward.id == t.RewardInstance.reward_id)
        .where(
            t.RewardInstance.card_instance_id == card_id,
            t.RewardInstance.status == ACTIVE,
            or_(t.RewardInstance.expiration_date.is_(None), t.RewardInstance.expiration_date > now),
        )
        .order_by(t.RewardInstance.rewarded_time, t.RewardInstance.id)
        .limit(MAX_REWARDS)
    )
    return tuple(ActiveReward(name, expires_at) for name, expires_at in rows)


def _last_visits(session: Session, card_id: str) -> tuple[Visit, ...]:
    """The newest applied STAMP and REDEEM events of the card, newest first; the stamps of
    one visit (STAMP events of the same time, one after another) are one line."""
    rows = session.execute(
        select(
            t.Event.event_type, t.Event.event_time, t.Event.stamps_delta, t.Event.reward_instance_id
        )
        .where(
            t.Event.card_instance_id == card_id,
            t.Event.result_code == 0,
            t.Event.event_type.in_((EventType.STAMP.value, EventType.REDEEM.value)),
        )
        .order_by(t.Event.event_time.desc(), t.Event.id.desc())
        .limit(VISIT_ROWS)
    ).all()
    names = _reward_names(
        session, card_id, (row.reward_instance_id for row in rows if row.reward_instance_id)
    )
    visits: list[Visit] = []
    for event_type, at, delta, reward_instance_id in rows:
        if event_type == EventType.REDEEM.value:
            key = (reward_instance_id or "").strip().lower()
            visits.append(Visit(at, event_type, redeemed=names.get(key)))
            continue
        last = visits[-1] if visits else None
        if last is not None and last.event_type == event_type and last.at == at:
            visits[-1] = Visit(at, event_type, stamps=last.stamps + delta)
        else:
            visits.append(Visit(at, event_type, stamps=delta))
    return tuple(visits[:MAX_VISITS])


def _reward_names(session: Session, card_id: str, instance_ids: Iterable[str]) -> dict[str, str]:
    """The reward name of each of these reward instances of the card."""
    wanted = {instance_id.strip().lower() for instance_id in instance_ids}
    if not wanted:
        return {}
    rows = session.execute(
        select(t.RewardInstance.id, t.Reward.name)
        .join(t.Reward, t.Reward.id == t.RewardInstance.reward_id)
        .where(t.RewardInstance.card_instance_id == card_id, t.RewardInstance.id.in_(wanted))
    )
    return {instance_id: name for instance_id, name in rows}
