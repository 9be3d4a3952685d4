"""Apply batches of reported events exactly once, in one database transaction.

One transaction per call, for one batch or several (``apply_requests``, which group commit uses:
``server.rules.group_commit``): read which eventIds each terminal has reported before (one
SELECT per terminal), lock the card instances named (in id order, ``FOR UPDATE`` on
PostgreSQL; SQLite writers are serialized by ``Database.write``), load the cards' reward
instances once (on PostgreSQL these three reads are one round trip, ``server.db.pipeline``),
take the stamp cards' rules from the cache (by revision), apply the events in order in memory,
then write set-based (``server.db.bulk``): one INSERT of all event rows (each with its result
JSON), one of the new reward instances, one UPDATE ... FROM of all changed cards (and of changed
rewards); on PostgreSQL one statement, sent with the COMMIT. Core statements and plain records:
no ORM unit of work on this path; every statement is built once and its SQL text is the same
whatever the batch's size. While a PostgreSQL batch holds its card locks (which every batch
sharing a card waits for) it costs two round trips and the events' Python work, nothing more.

The duplicate check reads before the card lock, so that a PostgreSQL batch does not hold its
cards' locks through it; it is still the first rule applied to each event, and an eventId stored
by a concurrent request after that read makes the INSERT fail on the unique constraint (below).

The unique (credential, eventId) constraint is the final word: if a concurrent request stored
one of the eventIds first, the transaction is rolled back and the batch redone, and then finds
that stored result.

A repeated eventId gets its stored result back unchanged; with a different body it gets
33001 (nothing stored). The duplicate check comes before every other rule. The terminal's
``note`` and ``heldByPolicy`` are stored in the event row (``note``, ``flag``) but are not part of
the body: a repeat that differs only in them is a plain repeat, and the first one's are kept.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, String, bindparam, func, or_, select, true
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from app.domain.events import EventType
from server import errors
from server.db import tables as t
from server.db.bulk import Insert, Update, member_of, members, write
from server.db.engine import Database
from server.db.pipeline import AnySelect, select_all
from server.db.tables import ACTIVE
from server.rules.events import AnyReported, Outcome, StampHistory, apply_event, expire
from server.rules.idempotency import Item, known_events, make_items
from server.rules.programs import ProgramCache
from server.rules.records import CARD_COLUMNS, REWARD_COLUMNS, CardState, RewardState
from server.rules.results import ResultWriter

if TYPE_CHECKING:
    from server.auth import Principal

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
EVENT_COLUMNS = (
    "credential_id",
    "event_id",
    "card_instance_id",
    "event_type",
    "event_time",
    "stamp_id",
    "stamp_value",
    "reward_instance_id",
    "stamps_delta",
    "result_code",
    "result_json",
    "request_hash",
    "received_at",
    "note",
    "flag",
)
"""The columns of an event row. ``note`` and ``flag`` are what the terminal said about the event
(its ``note``; ``"policy"`` when ``heldByPolicy``), stored as sent and never part of the
event's identity (its body hash) or of its result."""
POLICY_FLAG = "policy"
"""``events.flag`` of an event the terminal's policy held before a manager let it go."""
NEW_REWARD_COLUMNS = (
    "id",
    "card_instance_id",
    "reward_id",
    "status",
    "rewarded_time",
    "expiration_date",
    "updated_at",
)
CARD_CHANGES = ("current_stamps", "status", "update_time")
REWARD_CHANGE_COLUMNS = ("status", "updated_at")
REWARD_TYPE = EventType.REWARD.value


@dataclass(frozen=True, slots=True)
class Request:
    """One request's events, from one terminal credential."""

    principal: Principal
    items: list[Item]


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
    cache = programs if programs is not None else ProgramCache()
    [texts] = apply_requests(db, [Request(principal, make_items(events))], now, cache)
    return texts


def apply_requests(
    db: Database,
    requests: Sequence[Request],
    now: Callable[[], datetime],
    programs: ProgramCache,
) -> list[list[str]]:
    """Several requests in one transaction, as if applied one after the other in this order:
    the result texts of each request."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with db.write() as session:
                texts = _apply(session, requests, now(), programs)
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


@dataclass(frozen=True, slots=True)
class _Queries:
    """The batch path's reads, built once per dialect with named parameters (``member_of``
    lists are one parameter each), so executing one costs no statement construction."""

    known: AnySelect
    lock: AnySelect
    rewards: AnySelect
    rewards_and_referenced: AnySelect
    history: AnySelect


@functools.cache
def _queries(dialect: str) -> _Queries:
    history = select(t.Event.card_instance_id, t.Event.event_time, t.Event.stamps_delta).where(
        member_of(t.Event.card_instance_id, "card_ids", dialect),
        t.Event.event_type == EventType.STAMP.value,
        t.Event.result_code == 0,
        t.Event.event_time >= bindparam("since"),
        t.Event.event_time <= bindparam("until"),
    )
    return _Queries(
        known=known_events(dialect),
        lock=_lock_query(dialect),
        rewards=_rewards_query(dialect, referenced=False),
        rewards_and_referenced=_rewards_query(dialect, referenced=True),
        history=history,
    )


def _lock_query(dialect: str) -> AnySelect:
    """The batch's cards ``card_ids`` (sorted), locked in id order, with their stamp cards'
    revisions and their merchants (a card of another merchant than the event's terminal's is
    refused with 403 by the rules; it is locked like the others, which keeps the order).

    PostgreSQL: each id is looked up (and its row locked, ``FOR UPDATE``) in a LATERAL subquery,
    in the order of the array: one primary-key probe per card whatever the table statistics say
    (planned by the merchant index, as it was before the tables are analyzed, a batch scanned
    every card of its merchant), and the locks are taken in id order, so two batches never
    deadlock. A lock that had to wait returns the row as its holder committed it. SQLite has no
    row locks (``BEGIN IMMEDIATE`` serializes writers) and probes the primary key per id too.
    """
    if dialect != "postgresql":
        return (
            select(*CARD_COLUMNS, t.StampCard.revision, t.CardInstance.merchant_id)
            .join(t.StampCard, t.StampCard.id == t.CardInstance.stamp_card_id)
            .where(member_of(t.CardInstance.id, "card_ids", dialect))
            .order_by(t.CardInstance.id)
        )
    ids = bindparam("card_ids", type_=ARRAY(String()))
    wanted = func.unnest(ids).table_valued("id").render_derived(name="wanted")
    card = (
        select(*CARD_COLUMNS, t.CardInstance.merchant_id)
        .where(t.CardInstance.id == wanted.c.id)
        .with_for_update()
        .lateral("card")
    )
    columns = [card.c[column.key] for column in CARD_COLUMNS]
    return (
        select(*columns, t.StampCard.revision, card.c.merchant_id)
        .select_from(wanted)
        .join(card, true())
        .join(t.StampCard, t.StampCard.id == card.c.stamp_card_id)
    )


def _rewards_query(dialect: str, *, referenced: bool) -> AnySelect:
    """The newest ACTIVE reward instances of the cards ``card_ids`` (as many as a result lists),
    with ``referenced`` also the instances ``reward_ids`` (the batch's REDEEM and REMOVE_REWARD
    name them), oldest first."""
    newest = (
        func.row_number()
        .over(
            partition_by=t.RewardInstance.card_instance_id,
            order_by=(t.RewardInstance.rewarded_time.desc(), t.RewardInstance.id.desc()),
        )
        .label("newest")
    )
    wanted: ColumnElement[bool] = t.RewardInstance.status == ACTIVE
    if referenced:
        wanted = or_(wanted, member_of(t.RewardInstance.id, "reward_ids", dialect))
    candidates = (
        select(*REWARD_COLUMNS, newest)
        .where(member_of(t.RewardInstance.card_instance_id, "card_ids", dialect), wanted)
        .subquery("candidates")
    )
    columns = [candidates.c[column.key] for column in REWARD_COLUMNS]
    keep: ColumnElement[bool] = candidates.c.newest <= MAX_CARD_REWARDS
    if referenced:
        keep = or_(keep, member_of(candidates.c.id, "reward_ids", dialect))
    return select(*columns).where(keep).order_by(candidates.c.rewarded_time, candidates.c.id)


class _Batch:
    """The state of one attempt at one or more requests inside their transaction."""

    def __init__(
        self,
        session: Session,
        requests: Sequence[Request],
        now: datetime,
        programs: ProgramCache,
    ) -> None:
        self.conn: Connection = session.connection()
        self.dialect = self.conn.dialect.name
        self.now = now
        self.writer = ResultWriter(now)
        self.rows: list[tuple[Any, ...]] = []
        dialect = self.dialect
        self.queries = queries = _queries(dialect)
        items = [item for request in requests for item in request.items]
        event_ids: dict[str, set[str]] = defaultdict(set)
        for request in requests:
            event_ids[request.principal.credential_id].update(
                item.event_id for item in request.items
            )
        card_ids = sorted({item.card_id for item in items if item.card_id})
        referenced = sorted(
            {
                item.event.reward_instance_id.strip().lower()
                for item in items
                if item.event.reward_instance_id and item.event.event_type in REWARD_CHANGES
            }
        )
        rewards_query = queries.rewards_and_referenced if referenced else queries.rewards
        known_reads: list[tuple[AnySelect, dict[str, Any]]] = [
            (
                queries.known,
                {"credential_id": credential, "event_ids": members(sorted(ids), dialect)},
            )
            for credential, ids in event_ids.items()
        ]
        # One round trip on PostgreSQL; the reward read runs after the lock is granted.
        *known_rows, card_rows, reward_rows = select_all(
            self.conn,
            [
                *known_reads,
                (queries.lock, {"card_ids": members(card_ids, dialect)}),
                (
                    rewards_query,
                    {
                        "card_ids": members(card_ids, dialect),
                        "reward_ids": members(referenced, dialect),
                    },
                ),
            ],
        )
        self.known: dict[tuple[str, str], tuple[str | None, str | None]] = {
            (credential, event_id): (request_hash, result_json)
            for credential, rows in zip(event_ids, known_rows, strict=True)
            for event_id, request_hash, result_json in rows
            if event_id is not None
        }
        self.cards: dict[str, CardState] = {}
        self.merchants: dict[str, str] = {}
        revisions: dict[str, int] = {}
        for row in card_rows:
            card = CardState(*row[:-2])
            self.cards[card.id] = card
            self.merchants[card.id] = row[-1]
            revisions[card.stamp_card_id] = row[-2]
        self.programs = programs.get(session, revisions)
        self.rewards: dict[str, RewardState] = {}
        for row in reward_rows:
            record = RewardState(*row)
            if record.card_instance_id in self.cards:  # a reward of a card named in the batch
                expire(record, now)
                self.rewards[record.id] = record
        self.active: dict[str, list[RewardState]] = defaultdict(list)
        for record in self.rewards.values():
            if record.status == ACTIVE:
                self.active[record.card_instance_id].append(record)
        self._active_texts: dict[str, str] = {}
        self.history = self._load_history(items)

    def _load_history(self, items: list[Item]) -> StampHistory:
        history = StampHistory()
        limited = [
            card.id for card in self.cards.values() if self.programs[card.stamp_card_id].limited
        ]
        if not limited:
            return history
        chosen = set(limited)
        times = [item.event.event_time for item in items if item.card_id in chosen]
        margin = max(
            [HISTORY_MARGIN]
            + [timedelta(seconds=program.cooldown_seconds) for program in self.programs.values()]
        )
        rows = self.conn.execute(
            self.queries.history,
            {
                "card_ids": members(limited, self.dialect),
                "since": min(times) - margin,
                "until": max(times) + margin,
            },
        )
        for card_id, when, stamps in rows:
            if card_id is not None:
                history.add(card_id, when, stamps)
        return history

    def apply(self, principal: Principal, item: Item) -> str:
        """Apply one new event of ``principal``'s terminal: its result JSON; its event rows are
        added to ``self.rows``."""
        now = self.now
        card = self.cards.get(item.card_id) if item.card_id else None
        if card is not None and self.merchants[card.id] != principal.merchant_id:
            card = None
            outcome = Outcome(errors.FORBIDDEN)
        elif item.card_id is None:
            outcome = Outcome(errors.CARD_INSTANCE_REQUIRED)
        elif card is None:
            outcome = Outcome(errors.CARD_INSTANCE_NOT_FOUND)
        else:
            outcome = apply_event(
                item.event,
                card,
                program=self.programs[card.stamp_card_id],
                rewards=self.rewards,
                history=self.history,
                now=now,
            )
        if card is None or outcome.error is not errors.OK:
            text = self.writer.refused(outcome.error, item.event_id)
            self.rows.append(self._row(principal, item, card, outcome, text))
            return text
        program = self.programs[card.stamp_card_id]
        for earned in outcome.earned:
            self.rewards[earned.id] = earned
            self.active[card.id].append(earned)
        if outcome.earned or item.event.event_type in REWARD_CHANGES:
            self._active_texts.pop(card.id, None)
        earned_texts = [
            self.writer.reward(earned, program.reward_texts.get(earned.reward_id))
            for earned in outcome.earned
        ]
        snapshot = self.writer.card(card, program.stamp_count, self._active_text(card))
        text = self.writer.applied(item.event_id, snapshot, earned_texts)
        self.rows.append(self._row(principal, item, card, outcome, text))
        for earned in outcome.earned:
            self.rows.append(self._reward_row(principal, item, card, outcome, earned))
        return text

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
        self, principal: Principal, item: Item, card: CardState | None, outcome: Outcome, text: str
    ) -> tuple[Any, ...]:
        """The event row of a reported event (``EVENT_COLUMNS`` order)."""
        event = item.event
        return (
            principal.credential_id,
            item.event_id,
            card.id if card is not None else None,
            event.event_type.value,
            event.event_time,
            outcome.stamp.id if outcome.stamp is not None else None,
            event.stamp_value,
            event.reward_instance_id,
            outcome.delta,
            outcome.error.code,
            text,
            item.body_hash,
            self.now,
            event.note,
            POLICY_FLAG if event.held_by_policy else None,
        )

    def _reward_row(
        self,
        principal: Principal,
        item: Item,
        card: CardState,
        outcome: Outcome,
        earned: RewardState,
    ) -> tuple[Any, ...]:
        """The REWARD event the server writes next to the STAMP that earned a reward."""
        event = item.event
        return (
            principal.credential_id,
            None,
            card.id,
            REWARD_TYPE,
            event.event_time,
            outcome.stamp.id if outcome.stamp is not None else None,
            event.stamp_value,
            earned.id,
            0,
            0,
            None,
            None,
            self.now,
            None,
            None,
        )

    def write(self) -> None:
        """Write the batch: new reward instances, event rows, changed rewards and cards (on
        PostgreSQL with the COMMIT in the same round trip, so the card locks go sooner)."""
        new_rewards = [
            (
                record.id,
                record.card_instance_id,
                record.reward_id,
                record.status,
                record.rewarded_time,
                record.expiration_date,
                record.updated_at,
            )
            for record in self.rewards.values()
            if record.new
        ]
        changed_rewards = [
            (record.id, record.status, record.updated_at)
            for record in self.rewards.values()
            if record.changed and not record.new
        ]
        changed_cards = [
            (card.id, card.current_stamps, card.status, card.update_time or self.now)
            for card in self.cards.values()
            if card.changed
        ]
        write(
            self.conn,
            [
                Insert(REWARDS, NEW_REWARD_COLUMNS, new_rewards),
                Insert(EVENTS, EVENT_COLUMNS, self.rows),
                Update(REWARDS, "id", REWARD_CHANGE_COLUMNS, changed_rewards),
                Update(CARDS, "id", CARD_CHANGES, changed_cards),
            ],
            then_commit=True,
        )


def _apply(
    session: Session, requests: Sequence[Request], now: datetime, cache: ProgramCache
) -> list[list[str]]:
    """Decide every event of the requests and write the outcome (inside the caller's
    transaction); an eventId repeated by a later request of the same terminal gets the result of
    the first, exactly as if the requests had come one after the other."""
    batch = _Batch(session, requests, now, cache)
    answers: list[list[str]] = []
    seen = dict(batch.known)
    for request in requests:
        credential = request.principal.credential_id
        texts: list[str] = []
        for item in request.items:
            key = (credential, item.event_id)
            previous = seen.get(key)
            if previous is not None:
                stored_hash, stored_text = previous
                if stored_hash == item.body_hash and stored_text is not None:
                    texts.append(stored_text)
                else:
                    texts.append(ResultWriter.refused(errors.EVENT_ID_CONFLICT, item.event_id))
                continue
            text = batch.apply(request.principal, item)
            seen[key] = (item.body_hash, text)
            texts.append(text)
        answers.append(texts)
    batch.write()
    return answers
