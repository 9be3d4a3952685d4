"""What the card screen and the reward screen show beyond the stamps; read on the writer thread."""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.domain.events import OutboxEvent
from app.policy.ledger import CardView
from app.store.ledger_queries import RewardRow
from app.store.outbox import Outbox
from app.sync.keys import MASTER_STAMP_CARDS

ACTIVE = "ACTIVE"
RECENT_VISITS = 4


@dataclass(frozen=True, slots=True)
class CardDetails:
    """A card's active rewards and its newest events on this terminal."""

    card_instance_id: str
    rewards: tuple[RewardRow, ...]
    visits: tuple[OutboxEvent, ...]


@dataclass(frozen=True, slots=True)
class EarnedReward:
    """A reward a purchase has just earned, with what the shop says about it where known.

    ``name`` and ``message`` are the shop's own words, empty when the cached programs do not say.
    """

    card_instance_id: str
    name: str
    message: str


def load_details(outbox: Outbox, card_instance_id: str) -> CardDetails:
    return CardDetails(
        card_instance_id,
        tuple(outbox.rewards(card_instance_id, ACTIVE)),
        tuple(outbox.recent_events(card_instance_id, RECENT_VISITS)),
    )


def reaches_threshold(card: CardView | None, added: int) -> bool:
    """Whether adding ``added`` stamps brought the card to or past its threshold."""
    if card is None or not card.total_stamps or added < 1:
        return False
    return card.stamps - added < card.total_stamps <= card.stamps


def earned_reward(outbox: Outbox, card: CardView) -> EarnedReward:
    """The reward the card's program gives at its threshold, from the cached master data."""
    name, message = "", ""
    cached = outbox.master_data_get(MASTER_STAMP_CARDS)
    programs = json.loads(cached) if cached else []
    for program in programs if isinstance(programs, list) else []:
        if not isinstance(program, dict) or program.get("stampCardId") != card.stamp_card_id:
            continue
        for reward in program.get("rewards") or []:
            if isinstance(reward, dict):
                name = str(reward.get("name") or "")
                message = str(reward.get("rewardMessage") or "")
                break
    return EarnedReward(card.card_instance_id, name, message)
