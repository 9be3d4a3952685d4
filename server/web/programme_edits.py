"""The changes a shop owner makes to a stamp card programme from the dashboard: the stamp card
itself, its rewards and its stamp values (the codes a terminal presents with an event).

Every change is made within the viewer's merchant (an id of another merchant is
``PageNotFound``, as for an unknown id), bumps the stamp card's ``revision`` (the server caches
a stamp card's rules by it, so the next event follows the new rules) and keeps ``stamp_count``
equal to the largest reward threshold (the length of a round of the card). A value that cannot
be used is ``FormError`` naming the field, with a message for the shop owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.events import EventType
from server import admin
from server.db import tables as t
from server.db.tables import ACTIVE
from server.web.pages import FormError, PageNotFound

INACTIVE = "INACTIVE"
"""The state of a stamp value that was switched off: a scan of it is refused as unknown."""


@dataclass(frozen=True, slots=True)
class CardSettings:
    """What the shop owner sets on a stamp card."""

    name: str
    tnc: str
    information: str
    card_validity_days: int
    cooldown_seconds: int
    max_stamps_per_day: int
    published: bool


@dataclass(frozen=True, slots=True)
class RewardSettings:
    """What the shop owner sets on a reward."""

    name: str
    threshold: int
    validity_days: int
    description: str
    message: str


def _master_id(text: str) -> str:
    """Master data ids are uppercase UUIDs; a URL may carry them in any case."""
    return text.strip().upper()


def owned_stamp_card(
    session: Session, merchant_id: str, stamp_card_id: str, *, lock: bool = False
) -> t.StampCard:
    """The merchant's stamp card ``stamp_card_id`` (its row locked for a change with ``lock``
    on PostgreSQL, so two edits never lose each other's revision), else PageNotFound."""
    query = select(t.StampCard).where(
        t.StampCard.id == _master_id(stamp_card_id), t.StampCard.merchant_id == merchant_id
    )
    card = session.scalar(query.with_for_update() if lock else query)
    if card is None:
        raise PageNotFound()
    return card


def owned_reward(session: Session, card: t.StampCard, reward_id: str) -> t.Reward:
    reward = session.get(t.Reward, _master_id(reward_id))
    if reward is None or reward.stamp_card_id != card.id:
        raise PageNotFound()
    return reward


def owned_stamp(session: Session, card: t.StampCard, stamp_id: str) -> t.Stamp:
    stamp = session.get(t.Stamp, _master_id(stamp_id))
    if stamp is None or stamp.stamp_card_id != card.id:
        raise PageNotFound()
    return stamp


def _text_or_none(text: str) -> str | None:
    return text or None


def create_programme(
    session: Session, now: datetime, merchant_id: str, card: CardSettings, reward: RewardSettings
) -> t.StampCard:
    """A new stamp card with its first reward and its default stamp values (one that gives a
    stamp, one that redeems any reward)."""
    stamp_card = admin.create_stamp_card(
        session,
        now,
        merchant_id=merchant_id,
        name=card.name,
        publish=card.published,
        card_validity_days=card.card_validity_days,
        cooldown_seconds=card.cooldown_seconds,
        max_stamps_per_day=card.max_stamps_per_day,
        details={"tnc": _text_or_none(card.tnc), "information": _text_or_none(card.information)},
    )
    admin.create_reward(
        session,
        now,
        stamp_card_id=stamp_card.id,
        name=reward.name,
        threshold=reward.threshold,
        validity_days=reward.validity_days,
        description=_text_or_none(reward.description),
        message=_text_or_none(reward.message),
    )
    return stamp_card


def edit_stamp_card(
    session: Session, merchant_id: str, stamp_card_id: str, settings: CardSettings
) -> None:
    """Change the stamp card's texts, validity, limits and publication. A new validity applies
    to the cards issued from now on; the cards customers hold keep their expiry date."""
    card = owned_stamp_card(session, merchant_id, stamp_card_id, lock=True)
    card.name = settings.name
    card.tnc = _text_or_none(settings.tnc)
    card.information = _text_or_none(settings.information)
    card.card_validity_days = settings.card_validity_days
    card.cooldown_seconds = settings.cooldown_seconds
    card.max_stamps_per_day = settings.max_stamps_per_day
    card.is_publish_to_market = "Y" if settings.published else "N"
    card.revision += 1


def most_stamps_held(session: Session, card: t.StampCard, now: datetime) -> int | None:
    """The most stamps a customer's live card (active, not expired) of ``card`` holds."""
    return session.scalar(
        select(func.max(t.CardInstance.current_stamps)).where(
            t.CardInstance.stamp_card_id == card.id,
            t.CardInstance.status == ACTIVE,
            t.CardInstance.active.is_(True),
            or_(t.CardInstance.expiration_date.is_(None), t.CardInstance.expiration_date > now),
        )
    )


def _refuse_passed_rounds(session: Session, card: t.StampCard, largest: int, now: datetime) -> None:
    """A card starts a new round when it reaches the largest threshold; a card that already
    holds that many stamps would pass it and start again without ever getting the reward, so
    lowering the largest threshold to or below what a customer holds is refused."""
    if largest >= card.stamp_count:
        return
    held = most_stamps_held(session, card, now)
    if held is not None and held >= largest:
        raise FormError(
            "threshold",
            f"A customer's card already holds {held} stamps. With the last reward at {largest} "
            f"stamps that card would pass it and get no reward. Choose {held + 1} or more.",
        )


def _largest_threshold(session: Session, card: t.StampCard) -> int:
    largest = session.scalar(
        select(func.max(t.Reward.threshold)).where(t.Reward.stamp_card_id == card.id)
    )
    return int(largest or 0)


def add_reward(
    session: Session, now: datetime, merchant_id: str, stamp_card_id: str, reward: RewardSettings
) -> t.Reward:
    """A new reward of the stamp card (a larger threshold makes the round of the card longer)."""
    card = owned_stamp_card(session, merchant_id, stamp_card_id, lock=True)
    return admin.create_reward(
        session,
        now,
        stamp_card_id=card.id,
        name=reward.name,
        threshold=reward.threshold,
        validity_days=reward.validity_days,
        description=_text_or_none(reward.description),
        message=_text_or_none(reward.message),
    )


def edit_reward(
    session: Session,
    now: datetime,
    merchant_id: str,
    stamp_card_id: str,
    reward_id: str,
    *,
    settings: RewardSettings,
) -> None:
    """Change a reward; the stamp card's stamp count follows the largest threshold. Rewards
    customers earned already keep their expiry date."""
    card = owned_stamp_card(session, merchant_id, stamp_card_id, lock=True)
    reward = owned_reward(session, card, reward_id)
    others = session.scalar(
        select(func.max(t.Reward.threshold)).where(
            t.Reward.stamp_card_id == card.id, t.Reward.id != reward.id
        )
    )
    _refuse_passed_rounds(session, card, max(settings.threshold, others or 0), now)
    reward.name = settings.name
    reward.threshold = settings.threshold
    reward.validity_days = settings.validity_days
    reward.reward_description = _text_or_none(settings.description)
    reward.reward_message = _text_or_none(settings.message)
    session.flush()
    card.stamp_count = _largest_threshold(session, card)
    card.revision += 1


def add_stamp_value(
    session: Session,
    now: datetime,
    merchant_id: str,
    stamp_card_id: str,
    *,
    event_type: EventType,
    award_stamps: int,
    reward_id: str | None,
) -> t.Stamp:
    """A new stamp value: a STAMP value gives ``award_stamps`` stamps, a REDEEM value redeems
    the reward ``reward_id`` (None: any reward of the card)."""
    card = owned_stamp_card(session, merchant_id, stamp_card_id, lock=True)
    if event_type is EventType.STAMP:
        return admin.create_stamp(
            session,
            now,
            stamp_card_id=card.id,
            event_type=event_type.value,
            award_stamps=award_stamps,
        )
    if event_type is not EventType.REDEEM:
        raise FormError("kind", "Choose what the stamp value does.")
    reward = owned_reward(session, card, reward_id) if reward_id else None
    return admin.create_stamp(
        session,
        now,
        stamp_card_id=card.id,
        event_type=event_type.value,
        award_stamps=0,
        reward_id=reward.id if reward is not None else None,
    )


def set_stamp_state(
    session: Session, merchant_id: str, stamp_card_id: str, stamp_id: str, *, active: bool
) -> None:
    """Switch a stamp value on or off (an unchanged state changes nothing)."""
    card = owned_stamp_card(session, merchant_id, stamp_card_id, lock=True)
    stamp = owned_stamp(session, card, stamp_id)
    state = ACTIVE if active else INACTIVE
    if stamp.state != state:
        stamp.state = state
        card.revision += 1
