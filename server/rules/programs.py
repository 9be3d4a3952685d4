"""The rules of stamp cards (stamps, rewards, anti-fraud settings), cached by revision.

A stamp card's ``revision`` goes up with every change to it, its stamps or rewards, and comes
back with the batch's card lock; cached rules of the same revision are used as they are, others
are loaded (two queries for all stale stamp cards of a batch) and replace the cached ones.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.api.views import reward_model
from server.db import tables as t
from server.rules.records import Program, RewardRule, StampRule


class ProgramCache:
    """Rules of stamp cards by id and revision, shared by the requests of one process."""

    def __init__(self) -> None:
        self._programs: dict[str, tuple[int, Program]] = {}

    def get(self, session: Session, revisions: Mapping[str, int]) -> dict[str, Program]:
        """The rules of these stamp cards at these revisions."""
        found: dict[str, Program] = {}
        stale = []
        for stamp_card_id, revision in revisions.items():
            cached = self._programs.get(stamp_card_id)
            if cached is not None and cached[0] == revision:
                found[stamp_card_id] = cached[1]
            else:
                stale.append(stamp_card_id)
        if stale:
            for stamp_card_id, (revision, program) in load_programs(session, stale).items():
                self._programs[stamp_card_id] = (revision, program)
                found[stamp_card_id] = program
        return found


def load_programs(session: Session, stamp_card_ids: list[str]) -> dict[str, tuple[int, Program]]:
    """The rules of these stamp cards with their revisions: stamps oldest first, rewards by
    threshold (read in the same transaction, so they match the revisions)."""
    cards = {
        card.id: card
        for card in session.scalars(select(t.StampCard).where(t.StampCard.id.in_(stamp_card_ids)))
    }
    programs = {
        card.id: Program(
            stamp_card_id=card.id,
            stamp_count=card.stamp_count,
            cooldown_seconds=card.cooldown_seconds,
            max_stamps_per_day=card.max_stamps_per_day,
        )
        for card in cards.values()
    }
    for stamp in session.scalars(
        select(t.Stamp)
        .where(t.Stamp.stamp_card_id.in_(stamp_card_ids))
        .order_by(t.Stamp.created_at, t.Stamp.id)
    ):
        programs[stamp.stamp_card_id].add_stamp(
            StampRule(
                id=stamp.id,
                value=stamp.stamp_value,
                state=stamp.state,
                award_stamps=stamp.award_stamps,
                reward_id=stamp.reward_id,
                event_type=stamp.event_type,
            )
        )
    for reward in session.scalars(
        select(t.Reward)
        .where(t.Reward.stamp_card_id.in_(stamp_card_ids))
        .order_by(t.Reward.threshold, t.Reward.created_at, t.Reward.id)
    ):
        model = reward_model(reward, cards[reward.stamp_card_id])
        programs[reward.stamp_card_id].add_reward(
            RewardRule(reward.id, reward.threshold, reward.validity_days, model)
        )
    return {card_id: (cards[card_id].revision, program) for card_id, program in programs.items()}
