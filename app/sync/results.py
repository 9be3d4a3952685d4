"""Applying the server's per-event results to the outbox, on the writer thread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.events import OutboxEvent
from app.domain.models import CardInstance, RewardInstance
from app.domain.models_requests import EventResult
from app.store.outbox import Outbox

# A per-event code that means "the server failed on this event, nothing was decided".
RETRY_CODES = frozenset({10009})


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """How one batch ended: ids sent, rejected and left pending for a retry."""

    sent: tuple[str, ...]
    rejected: tuple[str, ...]
    retry: tuple[str, ...]


def cache_card(outbox: Outbox, card: CardInstance, member_phone: str | None = None) -> None:
    """Store what the server said about a card and its rewards."""
    outbox.upsert_card_from_server(
        card.card_instance_id,
        card.stamp_card_id,
        card.current_stamps,
        card.total_stamps or None,
        card.status.value,
        card.expiration_date,
        member_phone,
    )
    cache_rewards(outbox, card.card_instance_id, card.rewards)


def cache_rewards(outbox: Outbox, card_id: str, rewards: Sequence[RewardInstance]) -> None:
    """Store reward instances of a card as the server reported them."""
    for reward in rewards:
        outbox.upsert_reward_from_server(
            reward.reward_instance_id,
            reward.card_instance_id or card_id,
            None if reward.reward is None else reward.reward.reward_id,
            None if reward.reward is None else reward.reward.name,
            reward.status.value,
            reward.reward_expiration_date,
        )


def apply_results(
    outbox: Outbox, *, batch: Sequence[OutboxEvent], results: Mapping[str, EventResult]
) -> BatchOutcome:
    """Mark each event of ``batch`` by its result, in one transaction; no result: stays pending."""
    with outbox.transaction():
        return _apply(outbox, batch, results)


def _apply(
    outbox: Outbox, batch: Sequence[OutboxEvent], results: Mapping[str, EventResult]
) -> BatchOutcome:
    sent: list[str] = []
    rejected: list[str] = []
    retry: list[str] = []
    cards: dict[str, CardInstance] = {}
    rewards: dict[str, list[RewardInstance]] = {}
    for event in batch:
        result = results.get(event.event_id)
        if result is None or result.result.code in RETRY_CODES:
            retry.append(event.event_id)
        elif result.result.code == 0:
            sent.append(event.event_id)
            if result.card_instance is not None:
                cards[result.card_instance.card_instance_id] = result.card_instance
            rewards.setdefault(event.card_instance_id, []).extend(result.rewards)
        else:
            rejected.append(event.event_id)
            outbox.mark_rejected(event.event_id, result.result.code, result.result.message)
    state = {
        card_id: (card.current_stamps, card.total_stamps or None, card.status.value)
        for card_id, card in cards.items()
    }
    outbox.mark_sent(sent, state)
    for card in cards.values():
        cache_rewards(outbox, card.card_instance_id, card.rewards)
    for card_id, earned in rewards.items():
        cache_rewards(outbox, card_id, earned)
    return BatchOutcome(tuple(sent), tuple(rejected), tuple(retry))
