"""The durable offline outbox: events and the local card projection, committed together.

One :class:`Outbox` owns one connection and is used from one thread (see
:class:`app.store.writer.StoreWriter`). Every write is one ``BEGIN IMMEDIATE`` transaction; a
method that writes returns only after ``COMMIT`` returned, so what it reports is on disk.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime

from app.domain.events import EventDraft, EventState, EventType, OutboxEvent
from app.domain.phone import phone_key
from app.errors import StampTerminalError
from app.policy.ledger import RECORD, CardView, LedgerView, Verdict
from app.store import projection
from app.store.database import immediate
from app.store.ledger_queries import (
    EVENT_COLUMNS,
    RewardRow,
    SqlLedgerView,
    from_db_time,
    row_to_event,
    select_card,
    select_events,
    select_recent_events,
    select_rewards,
    to_db_time,
)

Clock = Callable[[], datetime]
Guard = Callable[[LedgerView], Verdict]

TERMINAL_ID = "terminal_id"
CLOCK_OFFSET_MS = "clock_offset_ms"
ACTIONS = frozenset({"record", "review", "refuse"})
DECLINED_PREFIX = "declined by manager: "
RELEASED_PREFIX = "released by manager"
"""Written into the note by :meth:`Outbox.release_review`; migration 3 relies on it to find the
events released before it kept the holds (``policy_holds``)."""
HOLDS_PER_QUERY = 500
"""Event ids per ``IN`` list: below SQLite's smallest limit of parameters (999)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class NotHeldForReview(StampTerminalError):
    """A manager decision on an event that is unknown or not held for review."""


@dataclass(frozen=True, slots=True)
class AppendResult:
    """What :meth:`Outbox.append` committed: no events when the guard refused."""

    events: tuple[OutboxEvent, ...]
    verdict: Verdict
    card: CardView | None


class Outbox:
    """Events waiting to be synced, the card projection, and the server cache."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock
        with immediate(conn):
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                (TERMINAL_ID, str(uuid.uuid4())),
            )
        terminal_id = self.meta_get(TERMINAL_ID)
        if terminal_id is None:
            raise RuntimeError("terminal_id missing from meta after insert")
        self._terminal_id = terminal_id
        self._offset_ms = self._read_offset()

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One durable transaction around several outbox calls (they join it)."""
        return immediate(self._conn)

    @property
    def terminal_id(self) -> str:
        """This terminal's id (uuid4), created once and kept in the database."""
        return self._terminal_id

    @property
    def clock_offset_ms(self) -> int:
        """Server time minus device time in ms, measured at the last sync (0 if never)."""
        return self._offset_ms

    @clock_offset_ms.setter
    def clock_offset_ms(self, value: int) -> None:
        self.meta_set(CLOCK_OFFSET_MS, str(int(value)))

    def meta_get(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def meta_set(self, key: str, value: str) -> None:
        with immediate(self._conn):
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        if key == CLOCK_OFFSET_MS:
            self._offset_ms = self._read_offset()

    def _read_offset(self) -> int:
        value = self.meta_get(CLOCK_OFFSET_MS)
        return 0 if value is None else int(value)

    def append(self, drafts: Sequence[EventDraft], guard: Guard | None = None) -> AppendResult:
        """Record the drafts and their effect on the card projection in one transaction.

        ``guard`` sees a ledger view of this transaction. ``refuse`` stores nothing;
        ``review`` stores the events held for a manager, with the verdict's message as note,
        and remembers that the policy held them (:meth:`held_by_policy`): held events do not
        count in the card's local stamps until they are released. Any exception rolls
        everything back and is re-raised.
        """
        if not drafts:
            raise ValueError("append() needs at least one event")
        conn = self._conn
        with immediate(conn):
            view = SqlLedgerView(conn)
            try:
                verdict = RECORD if guard is None else guard(view)
            finally:
                view.close()
            if verdict.action not in ACTIONS:
                raise ValueError(f"unknown verdict action {verdict.action!r}")
            if verdict.refused:
                conn.execute("ROLLBACK")
                return AppendResult((), verdict, None)
            held = verdict.action == "review"
            moment = self._clock()
            now = to_db_time(moment)
            events = tuple(
                self._insert(draft, moment, now, held, verdict.message) for draft in drafts
            )
            card = select_card(conn, drafts[0].card_instance_id)
        return AppendResult(events, verdict, card)

    def _insert(
        self, draft: EventDraft, moment: datetime, now: str, held: bool, message: str | None
    ) -> OutboxEvent:
        """Insert one event row and add its effect to the projection (none when held)."""
        event_type = EventType(draft.event_type)
        state = EventState.REVIEW if held else EventState.PENDING
        note = message if held and message is not None else draft.note
        event_id = str(uuid.uuid4())
        cursor = self._conn.execute(
            "INSERT INTO events (event_id, terminal_id, card_instance_id, event_type, "
            "stamp_value, reward_instance_id, device_time, clock_offset_ms, state, "
            "attempts, source, note, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
            (
                event_id,
                self._terminal_id,
                draft.card_instance_id,
                event_type.value,
                draft.stamp_value,
                draft.reward_instance_id,
                now,
                self._offset_ms,
                state.value,
                draft.source,
                note,
                now,
            ),
        )
        if held:
            self._conn.execute(
                "INSERT INTO policy_holds (event_id, held_at) VALUES (?, ?)", (event_id, now)
            )
        projection.record_local(
            self._conn,
            event_type,
            draft.card_instance_id,
            draft.reward_instance_id,
            now,
            counted=not held,
        )
        return OutboxEvent(
            seq=int(cursor.lastrowid or 0),
            event_id=event_id,
            terminal_id=self._terminal_id,
            card_instance_id=draft.card_instance_id,
            event_type=event_type,
            stamp_value=draft.stamp_value,
            reward_instance_id=draft.reward_instance_id,
            device_time=moment.astimezone(UTC),
            clock_offset_ms=self._offset_ms,
            state=state,
            attempts=0,
            last_error=None,
            next_attempt_at=None,
            result_code=None,
            result_message=None,
            source=draft.source,
            note=note,
        )

    def events(
        self,
        state: EventState | None = None,
        card_instance_id: str | None = None,
        limit: int | None = None,
    ) -> list[OutboxEvent]:
        """Stored events matching the filters, in sequence order."""
        return select_events(
            self._conn, state=state, card_instance_id=card_instance_id, limit=limit
        )

    def counts(self) -> dict[EventState, int]:
        """Number of events in each state; every state is present."""
        found = dict(self._conn.execute("SELECT state, count(*) FROM events GROUP BY state"))
        return {state: int(found.get(state.value, 0)) for state in EventState}

    def oldest_pending_time(self) -> datetime | None:
        """Device time of the first pending event in sequence order, if any."""
        row = self._conn.execute(
            "SELECT device_time FROM events WHERE state = ? ORDER BY seq LIMIT 1",
            (EventState.PENDING.value,),
        ).fetchone()
        return None if row is None else from_db_time(row[0])

    def card(self, card_instance_id: str) -> CardView | None:
        return select_card(self._conn, card_instance_id)

    def upsert_card_from_server(  # noqa: PLR0917 - the sync API's documented order
        self,
        card_instance_id: str,
        stamp_card_id: str | None,
        current_stamps: int,
        total_stamps: int | None,
        status: str,
        expiration: datetime | None,
        member_phone: str | None = None,
    ) -> None:
        """Cache what the server said about a card; unconfirmed local changes are kept."""
        with immediate(self._conn):
            projection.upsert_card(
                self._conn,
                card_instance_id,
                stamp_card_id=stamp_card_id,
                current_stamps=current_stamps,
                total_stamps=total_stamps,
                status=status,
                expiration=expiration,
                member_phone=None if member_phone is None else phone_key(member_phone),
                now=to_db_time(self._clock()),
            )

    def upsert_reward_from_server(  # noqa: PLR0917 - same order as upsert_card_from_server
        self,
        reward_instance_id: str,
        card_instance_id: str,
        reward_id: str | None,
        name: str | None,
        status: str,
        expiration: datetime | None = None,
    ) -> None:
        """Cache a reward instance as the server reported it."""
        with immediate(self._conn):
            projection.upsert_reward(
                self._conn,
                reward_instance_id,
                card_instance_id=card_instance_id,
                reward_id=reward_id,
                name=name,
                status=status,
                expiration=expiration,
                now=to_db_time(self._clock()),
            )

    def reward_status(self, reward_instance_id: str) -> tuple[str, str | None] | None:
        """(server status, local status) of a cached reward instance, None if unknown."""
        try:
            return projection.reward_status(self._conn, reward_instance_id)
        except KeyError:
            return None

    def rewards(self, card_instance_id: str, status: str | None = None) -> list[RewardRow]:
        """Cached reward instances of a card, optionally only those in ``status``."""
        return select_rewards(self._conn, card_instance_id, status)

    def recent_events(self, card_instance_id: str, limit: int = 5) -> list[OutboxEvent]:
        """A card's newest events on this terminal, newest first."""
        return select_recent_events(self._conn, card_instance_id, limit)

    def register_tag_uid(self, uid: str, card_instance_id: str) -> None:
        """Remember which card an NFC tag UID belongs to (UID normalized to upper-case hex)."""
        with immediate(self._conn):
            self._conn.execute(
                "INSERT INTO tag_uids (uid, card_instance_id) VALUES (?, ?) "
                "ON CONFLICT (uid) DO UPDATE SET card_instance_id = excluded.card_instance_id",
                (projection.normalize_uid(uid), card_instance_id),
            )

    def card_by_tag_uid(self, uid: str) -> str | None:
        row = self._conn.execute(
            "SELECT card_instance_id FROM tag_uids WHERE uid = ?",
            (projection.normalize_uid(uid),),
        ).fetchone()
        return None if row is None else str(row[0])

    def card_by_phone(self, phone: str) -> str | None:
        """The most recently updated card cached for this member phone (compared by digits)."""
        row = self._conn.execute(
            "SELECT card_instance_id FROM cards WHERE member_phone = ? "
            "ORDER BY updated_at DESC, rowid DESC LIMIT 1",
            (phone_key(phone),),
        ).fetchone()
        return None if row is None else str(row[0])

    def master_data_get(self, key: str) -> str | None:
        """Cached server data (JSON text) under ``key``."""
        row = self._conn.execute("SELECT json FROM master_data WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def master_data_set(self, key: str, json_text: str) -> None:
        with immediate(self._conn):
            self._conn.execute(
                "INSERT INTO master_data (key, json, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET json = excluded.json, "
                "updated_at = excluded.updated_at",
                (key, json_text, to_db_time(self._clock())),
            )

    def due_pending(self, limit: int, now: datetime) -> list[OutboxEvent]:
        """The oldest pending events, in sequence order, up to the first one not yet due.

        Events reach the server in the order they were recorded: a pending event whose next
        attempt lies in the future holds back the events behind it, never the other way round.
        """
        rows = self._conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE state = ? "  # noqa: S608
            "ORDER BY seq LIMIT ?",
            (EventState.PENDING.value, int(limit)),
        )
        due: list[OutboxEvent] = []
        for row in rows:
            event = row_to_event(row)
            if event.next_attempt_at is not None and event.next_attempt_at > now:
                break
            due.append(event)
        return due

    def held_by_policy(self, event_ids: Iterable[str]) -> frozenset[str]:
        """Those of ``event_ids`` that the scan policy held for a manager when they were
        recorded, whatever happened since (still held, released, declined).

        A released event is pending like any other; this is how the sync knows to tell the
        server (``heldByPolicy``). The fact is written with the event and never changes.
        """
        wanted = list(dict.fromkeys(event_ids))
        found: set[str] = set()
        for start in range(0, len(wanted), HOLDS_PER_QUERY):
            chunk = wanted[start : start + HOLDS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            found.update(
                str(row[0])
                for row in self._conn.execute(
                    f"SELECT event_id FROM policy_holds WHERE event_id IN ({marks})",  # noqa: S608
                    chunk,
                )
            )
        return frozenset(found)

    def mark_sent(
        self,
        event_ids: Iterable[str],
        card_state: Mapping[str, projection.CardState] | None = None,
    ) -> int:
        """Mark pending events as applied by the server; return how many changed.

        ``card_state`` maps a card to the server's (current stamps, total stamps, status)
        after the batch; the confirmed events' local effect moves into the known part.
        Events that are not pending (already sent, rejected, held) are left as they are.
        """
        conn = self._conn
        with immediate(conn):
            now = to_db_time(self._clock())
            confirmed: list[tuple[EventType, str, str | None]] = []
            for event_id in dict.fromkeys(event_ids):
                row = conn.execute(
                    "SELECT event_type, card_instance_id, reward_instance_id FROM events "
                    "WHERE event_id = ? AND state = ?",
                    (event_id, EventState.PENDING.value),
                ).fetchone()
                if row is None:
                    continue
                conn.execute(
                    "UPDATE events SET state = ?, attempts = attempts + 1, last_error = NULL, "
                    "next_attempt_at = NULL WHERE event_id = ?",
                    (EventState.SENT.value, event_id),
                )
                confirmed.append((EventType(row[0]), row[1], row[2]))
            projection.confirm(conn, confirmed, card_state, now)
        return len(confirmed)

    def mark_rejected(self, event_id: str, code: int | None, message: str | None) -> bool:
        """Mark an event as refused by the server, kept for review; its local effect goes.

        Returns False when the event is unknown or already sent or rejected.
        """
        conn = self._conn
        with immediate(conn):
            row = conn.execute(
                "SELECT state, event_type, card_instance_id, reward_instance_id FROM events "
                "WHERE event_id = ?",
                (event_id,),
            ).fetchone()
            if row is None or row[0] not in (EventState.PENDING, EventState.REVIEW):
                return False
            conn.execute(
                "UPDATE events SET state = ?, result_code = ?, result_message = ?, "
                "next_attempt_at = NULL WHERE event_id = ?",
                (EventState.REJECTED.value, code, message, event_id),
            )
            if row[0] == EventState.PENDING:
                now = to_db_time(self._clock())
                projection.apply_local(conn, EventType(row[1]), row[2], row[3], now, undo=True)
        return True

    def mark_retry(self, event_ids: Iterable[str], error: str, next_attempt_at: datetime) -> int:
        """Count a failed attempt on pending events and set when to try again."""
        conn = self._conn
        due = to_db_time(next_attempt_at)
        changed = 0
        with immediate(conn):
            for event_id in dict.fromkeys(event_ids):
                cursor = conn.execute(
                    "UPDATE events SET attempts = attempts + 1, last_error = ?, "
                    "next_attempt_at = ? WHERE event_id = ? AND state = ?",
                    (error, due, event_id, EventState.PENDING.value),
                )
                changed += cursor.rowcount
        return changed

    def release_review(self, event_id: str, note: str = "") -> OutboxEvent:
        """A manager lets an event held for review go: it becomes pending and is synced.

        The event keeps its sequence number and device time, so it goes to the server ahead of
        every pending event recorded after it. Its effect now counts in the card's local stamps
        (held events had none); the policy already counted it against the card's limits. The
        hold reason stays in the note, followed by the manager's note. Raises
        :class:`NotHeldForReview` for an unknown event or one in another state.
        """
        conn = self._conn
        with immediate(conn):
            row = self._held_for_review(event_id)
            released = RELEASED_PREFIX + (f": {note.strip()}" if note.strip() else "")
            conn.execute(
                "UPDATE events SET state = ?, note = ?, next_attempt_at = NULL WHERE event_id = ?",
                (EventState.PENDING.value, _joined(row[4], released), event_id),
            )
            now = to_db_time(self._clock())
            projection.apply_local(conn, EventType(row[1]), row[2], row[3], now)
            return self._event(event_id)

    def decline_review(self, event_id: str, reason: str) -> OutboxEvent:
        """A manager turns a held event down: it becomes ``rejected`` and is never synced.

        The result message says ``declined by manager: <reason>`` (no server code), the hold
        reason stays in the note. A declined event no longer counts against the card's limits.
        Raises :class:`NotHeldForReview` for an unknown event or one in another state, and
        ``ValueError`` for an empty reason.
        """
        reason = reason.strip()
        if not reason:
            raise ValueError("Say why the event is declined: the reason is kept with it.")
        conn = self._conn
        with immediate(conn):
            self._held_for_review(event_id)
            conn.execute(
                "UPDATE events SET state = ?, result_code = NULL, result_message = ?, "
                "next_attempt_at = NULL WHERE event_id = ?",
                (EventState.REJECTED.value, DECLINED_PREFIX + reason, event_id),
            )
            return self._event(event_id)

    def _held_for_review(self, event_id: str) -> tuple[str, str, str, str | None, str | None]:
        """(state, type, card, reward, note) of an event held for review, inside a transaction."""
        row = self._conn.execute(
            "SELECT state, event_type, card_instance_id, reward_instance_id, note FROM events "
            "WHERE event_id = ?",
            (event_id,),
        ).fetchone()
        if row is None:
            raise NotHeldForReview(f"No event {event_id} is recorded on this terminal.")
        if row[0] != EventState.REVIEW:
            raise NotHeldForReview(
                f"Event {event_id} is {row[0]}, not held for review: only held events can be "
                "released or declined."
            )
        return row[0], row[1], row[2], row[3], row[4]

    def _event(self, event_id: str) -> OutboxEvent:
        row = self._conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE event_id = ?",  # noqa: S608
            (event_id,),
        ).fetchone()
        return row_to_event(row)


def _joined(first: str | None, second: str) -> str:
    return second if not first else f"{first} · {second}"
