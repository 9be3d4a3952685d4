"""Apply a batch of reported events exactly once, in one database transaction.

One transaction per batch: lock the batch's card instances of the terminal's merchant (ordered
by id, ``FOR UPDATE`` on PostgreSQL; ``BEGIN IMMEDIATE`` on SQLite), read which eventIds this
terminal has reported before (one SELECT), take the stamp cards' rules from the cache (by
revision) and load the cards' reward instances once, apply the events in order in memory, then
bulk-insert the event rows (each with its result JSON) and write the changed cards and rewards
with executemany (Core statements and plain records: no ORM unit of work on this path).

The unique (credential, eventId) constraint is the final word: if a concurrent request stored
one of the eventIds first, the transaction is rolled back and the batch redone, and then finds
that stored result.

A repeated eventId gets its stored result back unchanged; with a different body it gets
33001 (nothing stored). The duplicate check comes before every other rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from app.domain.events import EventType
from server import errors
from server.auth import Principal
from server.db import tables as t
from server.db.engine import Database
from server.db.tables import ACTIVE
from server.rules.events import AnyReported, Outcome, StampHistory, apply_event, expire
from server.rules.idempotency import Item, known_events, make_items
from server.rules.programs import ProgramCache
from server.rules.records import CARD_COLUMNS, REWARD_COLUMNS, CardState, RewardState
from server.rules.results import ResultWriter

MAX_ATTEMPTS = 5
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
"""PostgreSQL serialization failure and deadlock: the batch is simply redone."""
HISTORY_MARGIN = timedelta(days=2)
REWARD_CHANGES = (EventType.REDEEM, EventType.REMOVE_REWARD)
MAX_CARD_REWARDS = 20
"""An event result's cardInstance lists at most this many (the newest) ACTIVE rewards, so a
card stamped for years without redeeming does not make every result grow; getRewards and
lookupCard list them all."""

EVENTS = t.Base.metadata.tables["events"]
CARDS = t.Base.metadata.tables["card_instances"]
REWARDS = t.Base.metadata.tables["reward_instances"]
UPDATE_CARD = (
    update(CARDS)
    .where(CARDS.c.id == bindparam("card_id"))
    .values(
        current_stamps=bindparam("new_stamps"),
        status=bindparam("new_status"),
        update_time=bindparam("new_update_time"),
    )
)
UPDATE_REWARD = (
    update(REWARDS)
    .where(REWARDS.c.id == bindparam("reward_instance_id"))
    .values(status=bindparam("new_status"), updated_at=bindparam("new_updated_at"))
)


def apply_events(
    db: Database,
    principal: Principal,
    events: Sequence[AnyReported],
    now: Callable[[], datetime],
    programs: ProgramCache | None = None,
) -> list[str]:
    """The per-event result JSON texts of a batch, in request order.

    ``programs`` keeps stamp cards' rules between batches (a new, empty cache when None).
    """
    items = make_items(events)
    cache = programs if programs is not None else ProgramCache()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with db.write() as session:
                texts = _apply(session, principal, items, now(), cache)
        except IntegrityError:
            if attempt == MAX_ATTEMPTS:
                raise
        except DBAPIError as exc:
            if attempt == MAX_ATTEMPTS or _sqlstate(exc) not in RETRYABLE_SQLSTATES:
                raise
        else:
            return texts
    raise AssertionError("unreachable")


def _sqlstate(exc: DBAPIError) -> str | None:
    state = getattr(exc.orig, "sqlstate", None)
    return state if isinstance(state, str) else None


class _Batch:
    """The state of one attempt at a batch inside its transaction."""

    def __init__(
        self,
        session: Session,
        principal: Principal,
        items: list[Item],
        now: datetime,
        programs: ProgramCache,
    ) -> None:
        self.conn: Connection = session.connection()
        self.principal = principal
        self.writer = ResultWriter(now)
        card_ids = sorted({item.card_id for item in items if item.card_id})
        self.cards: dict[str, CardState] = {}
        revisions: dict[str, int] = {}
        for row in self.conn.execute(
            select(*CARD_COLUMNS, t.StampCard.revision)
            .join(t.StampCard, t.StampCard.id == t.CardInstance.stamp_card_id)
            .where(
                t.CardInstance.id.in_(card_ids),
                t.CardInstance.merchant_id == principal.merchant_id,
            )
            .order_by(t.CardInstance.id)
            .with_for_update(of=t.CardInstance)
        ):
            card = CardState(*row[:-1])
            self.cards[card.id] = card
            revisions[card.stamp_card_id] = row[-1]
        missing = [card_id for card_id in card_ids if card_id not in self.cards]
        self.foreign: set[str] = set()
        if missing:
            self.foreign = set(
                self.conn.scalars(select(t.CardInstance.id).where(t.CardInstance.id.in_(missing)))
            )
        self.known: dict[str, tuple[str | None, str | None]] = {
            event_id: (request_hash, result_json)
            for event_id, request_hash, result_json in self.conn.execute(
                known_events(self.conn.dialect.name, principal.credential_id, items)
            )
            if event_id is not None
        }
        self.programs = programs.get(session, revisions)
        self.rewards = self._load_rewards(items, now)
        self.active: dict[str, list[RewardState]] = defaultdict(list)
        for record in self.rewards.values():
            if record.status == ACTIVE:
                self.active[record.card_instance_id].append(record)
        self._active_texts: dict[str, str] = {}
        self.history = self._load_history(items)

    def _load_rewards(self, items: list[Item], now: datetime) -> dict[str, RewardState]:
        """The newest ACTIVE reward instances of each card (as many as a result lists) and the
        ones the batch names, oldest first."""
        referenced = {
            item.event.reward_instance_id.strip().lower()
            for item in items
            if item.event.reward_instance_id and item.event.event_type in REWARD_CHANGES
        }
        newest = (
            func.row_number()
            .over(
                partition_by=t.RewardInstance.card_instance_id,
                order_by=(t.RewardInstance.rewarded_time.desc(), t.RewardInstance.id.desc()),
            )
            .label("newest")
        )
        candidates = (
            select(*REWARD_COLUMNS, newest)
            .where(
                t.RewardInstance.card_instance_id.in_(self.cards),
                or_(t.RewardInstance.status == ACTIVE, t.RewardInstance.id.in_(referenced)),
            )
            .subquery("candidates")
        )
        columns = [candidates.c[column.key] for column in REWARD_COLUMNS]
        rewards = {}
        for row in self.conn.execute(
            select(*columns)
            .where(or_(candidates.c.newest <= MAX_CARD_REWARDS, candidates.c.id.in_(referenced)))
            .order_by(candidates.c.rewarded_time, candidates.c.id)
        ):
            record = RewardState(*row)
            expire(record, now)
            rewards[record.id] = record
        return rewards

    def _load_history(self, items: list[Item]) -> StampHistory:
        history = StampHistory()
        limited = [
            card.id for card in self.cards.values() if self.programs[card.stamp_card_id].limited
        ]
        times = [item.event.event_time for item in items if item.card_id in limited]
        if not times:
            return history
        margin = max(
            [HISTORY_MARGIN]
            + [timedelta(seconds=program.cooldown_seconds) for program in self.programs.values()]
        )
        rows = self.conn.execute(
            select(t.Event.card_instance_id, t.Event.event_time, t.Event.stamps_delta).where(
                t.Event.card_instance_id.in_(limited),
                t.Event.event_type == EventType.STAMP.value,
                t.Event.result_code == 0,
                t.Event.event_time >= min(times) - margin,
                t.Event.event_time <= max(times) + margin,
            )
        )
        for card_id, when, stamps in rows:
            if card_id is not None:
                history.add(card_id, when, stamps)
        return history

    def apply(self, item: Item, now: datetime) -> tuple[str, list[dict[str, Any]]]:
        """Apply one new event: its result JSON and the event rows to insert."""
        card = self.cards.get(item.card_id) if item.card_id else None
        if item.card_id is None:
            outcome = Outcome(errors.CARD_INSTANCE_REQUIRED)
        elif card is None:
            forbidden = item.card_id in self.foreign
            outcome = Outcome(errors.FORBIDDEN if forbidden else errors.CARD_INSTANCE_NOT_FOUND)
        else:
            program = self.programs[card.stamp_card_id]
            outcome = apply_event(
                item.event,
                card,
                program=program,
                rewards=self.rewards,
                history=self.history,
                now=now,
            )
        row = self._row(item, card, outcome, now)
        if card is None or outcome.error is not errors.OK:
            return self.writer.refused(outcome.error, item.event_id), [row]
        rows = [row]
        for earned in outcome.earned:
            self.rewards[earned.id] = earned
            self.active[card.id].append(earned)
            rows.append({**row, **_reward_row(earned)})
        if outcome.earned or item.event.event_type in REWARD_CHANGES:
            self._active_texts.pop(card.id, None)
        program = self.programs[card.stamp_card_id]
        earned_texts = [
            self.writer.reward(earned, program.reward_texts.get(earned.reward_id))
            for earned in outcome.earned
        ]
        snapshot = self.writer.card(card, program.stamp_count, self._active_text(card))
        return self.writer.applied(item.event_id, snapshot, earned_texts), rows

    def _active_text(self, card: CardState) -> str:
        """The JSON texts of the card's newest ACTIVE rewards, kept until they change."""
        text = self._active_texts.get(card.id)
        if text is None:
            program = self.programs[card.stamp_card_id]
            still_active = [reward for reward in self.active[card.id] if reward.status == ACTIVE]
            self.active[card.id] = still_active
            text = ",".join(
                self.writer.reward(reward, program.reward_texts.get(reward.reward_id))
                for reward in still_active[-MAX_CARD_REWARDS:]
            )
            self._active_texts[card.id] = text
        return text

    def _row(
        self, item: Item, card: CardState | None, outcome: Outcome, now: datetime
    ) -> dict[str, Any]:
        event = item.event
        return {
            "credential_id": self.principal.credential_id,
            "event_id": item.event_id,
            "card_instance_id": card.id if card is not None else None,
            "event_type": event.event_type.value,
            "event_time": event.event_time,
            "stamp_id": outcome.stamp.id if outcome.stamp is not None else None,
            "stamp_value": event.stamp_value,
            "reward_instance_id": event.reward_instance_id,
            "stamps_delta": outcome.delta,
            "result_code": outcome.error.code,
            "result_json": None,
            "request_hash": item.body_hash,
            "received_at": now,
        }

    def write(self, rows: list[dict[str, Any]], now: datetime) -> None:
        """Write the batch: new reward instances, event rows, changed rewards and cards."""
        new = [record for record in self.rewards.values() if record.new]
        if new:
            self.conn.execute(insert(REWARDS), [_reward_values(record) for record in new])
        if rows:
            self.conn.execute(insert(EVENTS), rows)
        changed = [record for record in self.rewards.values() if record.changed and not record.new]
        if changed:
            self.conn.execute(
                UPDATE_REWARD,
                [
                    {
                        "reward_instance_id": record.id,
                        "new_status": record.status,
                        "new_updated_at": record.updated_at,
                    }
                    for record in changed
                ],
            )
        cards = [card for card in self.cards.values() if card.changed]
        if cards:
            self.conn.execute(
                UPDATE_CARD,
                [
                    {
                        "card_id": card.id,
                        "new_stamps": card.current_stamps,
                        "new_status": card.status,
                        "new_update_time": card.update_time or now,
                    }
                    for card in cards
                ],
            )


def _reward_values(record: RewardState) -> dict[str, Any]:
    return {
        "id": record.id,
        "card_instance_id": record.card_instance_id,
        "reward_id": record.reward_id,
        "status": record.status,
        "rewarded_time": record.rewarded_time,
        "expiration_date": record.expiration_date,
        "updated_at": record.updated_at,
    }


def _reward_row(earned: RewardState) -> dict[str, Any]:
    """The REWARD event the server writes next to the STAMP that earned a reward."""
    return {
        "event_id": None,
        "event_type": EventType.REWARD.value,
        "reward_instance_id": earned.id,
        "stamps_delta": 0,
        "result_code": 0,
        "result_json": None,
        "request_hash": None,
    }


def _apply(
    session: Session, principal: Principal, items: list[Item], now: datetime, cache: ProgramCache
) -> list[str]:
    """Decide every event of the batch and write the outcome (inside the caller's transaction)."""
    batch = _Batch(session, principal, items, now, cache)
    texts: list[str] = []
    seen: dict[str, tuple[str | None, str | None]] = dict(batch.known)
    rows: list[dict[str, Any]] = []
    for item in items:
        previous = seen.get(item.event_id)
        if previous is not None:
            stored_hash, stored_text = previous
            if stored_hash == item.body_hash and stored_text is not None:
                texts.append(stored_text)
            else:
                texts.append(ResultWriter.refused(errors.EVENT_ID_CONFLICT, item.event_id))
            continue
        text, new_rows = batch.apply(item, now)
        new_rows[0]["result_json"] = text
        seen[item.event_id] = (item.body_hash, text)
        texts.append(text)
        rows.extend(new_rows)
    batch.write(rows, now)
    return texts
