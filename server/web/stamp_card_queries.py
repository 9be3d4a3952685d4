"""Reading what the stamp card pages show: the merchant's stamp cards with their rewards and
how many cards were issued, one stamp card's page with its stamp values in words, and the
stored settings as the values of the page's forms (``card_values``, ``reward_values``).

The routes in ``stamp_cards`` only glue forms, changes and pages together; keeping the reads
here lets them be read, and checked for the merchant limit, apart from the forms. Every read is
limited to the viewer's merchant: the list by ``merchant_id``, a stamp card's page through
``programme_edits.owned_stamp_card`` (another merchant's id is ``PageNotFound``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.events import EventType
from server.db import tables as t
from server.db.tables import ACTIVE
from server.web import programme_edits


@dataclass(frozen=True, slots=True)
class CardRow:
    id: str
    idx: int
    name: str
    stamp_count: int
    rewards: list[t.Reward]
    cards_issued: int
    published: bool


@dataclass(frozen=True, slots=True)
class StampRow:
    """A stamp value with what a scan of it does, in words."""

    id: str
    value: str
    does: str
    active: bool
    default: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CardPage:
    card: t.StampCard
    rewards: list[t.Reward]
    stamps: list[StampRow]
    cards_issued: int


def _issued_counts(session: Session, stamp_card_ids: list[str]) -> dict[str, int]:
    rows = session.execute(
        select(t.CardInstance.stamp_card_id, func.count())
        .where(t.CardInstance.stamp_card_id.in_(stamp_card_ids))
        .group_by(t.CardInstance.stamp_card_id)
    )
    return {stamp_card_id: count for stamp_card_id, count in rows}


def _rewards_by_card(session: Session, stamp_card_ids: list[str]) -> dict[str, list[t.Reward]]:
    found: dict[str, list[t.Reward]] = {card_id: [] for card_id in stamp_card_ids}
    for reward in session.scalars(
        select(t.Reward)
        .where(t.Reward.stamp_card_id.in_(stamp_card_ids))
        .order_by(t.Reward.threshold, t.Reward.created_at, t.Reward.id)
    ):
        found[reward.stamp_card_id].append(reward)
    return found


def list_stamp_cards(session: Session, merchant_id: str) -> list[CardRow]:
    cards = list(
        session.scalars(
            select(t.StampCard)
            .where(t.StampCard.merchant_id == merchant_id)
            .order_by(t.StampCard.idx)
        )
    )
    ids = [card.id for card in cards]
    rewards = _rewards_by_card(session, ids)
    issued = _issued_counts(session, ids)
    return [
        CardRow(
            id=card.id,
            idx=card.idx,
            name=card.name,
            stamp_count=card.stamp_count,
            rewards=rewards[card.id],
            cards_issued=issued.get(card.id, 0),
            published=card.is_publish_to_market == "Y",
        )
        for card in cards
    ]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def describe_stamp(stamp: t.Stamp, reward_names: dict[str, str]) -> str:
    """What a scan of ``stamp`` does, for the shop owner."""
    if stamp.event_type == EventType.STAMP.value:
        return f"Gives {_plural(stamp.award_stamps, 'stamp')}"
    if stamp.event_type == EventType.REDEEM.value:
        if stamp.reward_id is None:
            return "Redeems any reward of the card"
        return f"Redeems the reward “{reward_names.get(stamp.reward_id, stamp.reward_id)}”"
    return stamp.event_type


def load_card_page(session: Session, merchant_id: str, stamp_card_id: str) -> CardPage:
    card = programme_edits.owned_stamp_card(session, merchant_id, stamp_card_id)
    rewards = _rewards_by_card(session, [card.id])[card.id]
    names = {reward.id: reward.name for reward in rewards}
    stamps = list(
        session.scalars(
            select(t.Stamp)
            .where(t.Stamp.stamp_card_id == card.id)
            .order_by(t.Stamp.created_at, t.Stamp.id)
        )
    )
    default = next(
        (s.id for s in stamps if s.event_type == EventType.STAMP.value and s.state == ACTIVE),
        None,
    )
    rows = [
        StampRow(
            id=stamp.id,
            value=stamp.stamp_value,
            does=describe_stamp(stamp, names),
            active=stamp.state == ACTIVE,
            default=stamp.id == default,
            created_at=stamp.created_at,
        )
        for stamp in stamps
    ]
    issued = _issued_counts(session, [card.id]).get(card.id, 0)
    return CardPage(card=card, rewards=rewards, stamps=rows, cards_issued=issued)


def card_values(card: t.StampCard) -> dict[str, str]:
    return {
        "name": card.name,
        "tnc": card.tnc or "",
        "information": card.information or "",
        "card_validity_days": str(card.card_validity_days),
        "cooldown_seconds": str(card.cooldown_seconds),
        "max_stamps_per_day": str(card.max_stamps_per_day),
        "published": "on" if card.is_publish_to_market == "Y" else "",
    }


def reward_values(reward: t.Reward) -> dict[str, str]:
    return {
        "reward_name": reward.name,
        "threshold": str(reward.threshold),
        "validity_days": str(reward.validity_days),
        "description": reward.reward_description or "",
        "message": reward.reward_message or "",
    }
