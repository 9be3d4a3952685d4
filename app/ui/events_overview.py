"""What the Events screen shows, read on the store writer's thread, and the words it uses.

Qt-free: :func:`load_overview` runs as a job of the :class:`~app.store.writer.StoreWriter`; the
text functions turn events, server result codes and sync states into sentences for the cashier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.domain.events import EventState, EventType, OutboxEvent
from app.store.ledger_queries import EVENT_COLUMNS, from_db_time, row_to_event
from app.store.outbox import DECLINED_PREFIX, Outbox
from app.sync.keys import META_LAST_SUCCESS
from app.sync.worker import SyncState, SyncStatus

RECENT_LIMIT = 50

STATE_WORDS: Mapping[EventState, str] = {
    EventState.PENDING: "Waiting to send",
    EventState.SENT: "Sent",
    EventState.REJECTED: "Refused by the server",
    EventState.REVIEW: "Held for a manager",
}
COUNT_WORDS: Mapping[EventState, str] = {
    EventState.PENDING: "waiting",
    EventState.SENT: "sent",
    EventState.REJECTED: "refused",
    EventState.REVIEW: "held",
}
TYPE_WORDS: Mapping[EventType, str] = {
    EventType.STAMP: "Stamp",
    EventType.REDEEM: "Reward redeemed",
    EventType.REWARD: "Reward earned",
    EventType.REMOVE_STAMP: "Stamp removed",
    EventType.REMOVE_REWARD: "Reward removed",
}
NOT_COUNTED = "It was not counted on the card."
REJECTION_WORDS: Mapping[int, str] = {
    20006: "This card belongs to another shop.",
    31002: "The server does not know this card — it may have been deleted.",
    31003: "The server does not know this reward on this card.",
    32001: "The card had already expired.",
    32002: "The card is no longer active (deleted, switched off or not valid yet).",
    32003: "This reward had already been redeemed, perhaps at another counter.",
    32004: "This reward had already expired.",
    32005: "This reward had been removed from the card.",
    32006: (
        "The stamp code set up on this terminal is not one of this card's stamps — ask the "
        "manager to check the terminal's stamp setting."
    ),
    33001: (
        "The server already had this event with different details and kept the first one — "
        "tell the manager."
    ),
    33003: (
        "The shop's anti-fraud rule refused this stamp: the card was stamped too recently, or "
        "has had the most stamps allowed in one day."
    ),
}


@dataclass(frozen=True, slots=True)
class EventsOverview:
    """The queue depth per state and the newest events (of one state, or of all)."""

    counts: Mapping[EventState, int]
    events: tuple[OutboxEvent, ...]
    shown: EventState | None
    last_success: datetime | None


def load_overview(
    outbox: Outbox, shown: EventState | None = None, limit: int = RECENT_LIMIT
) -> EventsOverview:
    """Counts, the last successful sync and the newest ``limit`` events, newest first."""
    sql = f"SELECT {EVENT_COLUMNS} FROM events"  # noqa: S608 - fixed column list
    params: list[object] = []
    if shown is not None:
        sql += " WHERE state = ?"
        params.append(EventState(shown).value)
    sql += " ORDER BY seq DESC LIMIT ?"
    params.append(int(limit))
    events = tuple(row_to_event(row) for row in outbox.connection.execute(sql, params))
    last = outbox.meta_get(META_LAST_SUCCESS)
    return EventsOverview(outbox.counts(), events, shown, None if not last else from_db_time(last))


def is_declined(event: OutboxEvent) -> bool:
    """A held event a manager declined (rejected here, never by the server)."""
    return (
        event.state is EventState.REJECTED
        and event.result_code is None
        and (event.result_message or "").startswith(DECLINED_PREFIX)
    )


def event_line(event: OutboxEvent) -> str:
    """Time, card, what and where it stands: ``02 Mar 14:05 · Card …4f2a · Stamp · Sent``."""
    state = "Declined by a manager" if is_declined(event) else STATE_WORDS[event.state]
    what = TYPE_WORDS.get(event.event_type, event.event_type.value.title())
    moment = event.device_time.astimezone()
    return f"{moment:%d %b %H:%M} · Card …{event.card_instance_id[-4:]} · {what} · {state}"


def event_title(event: OutboxEvent) -> str:
    """What and whose, for questions: ``the stamp of 02 Mar 14:05 on card …4f2a``."""
    what = TYPE_WORDS.get(event.event_type, event.event_type.value.title()).lower()
    moment = event.device_time.astimezone()
    return f"the {what} of {moment:%d %b %H:%M} on card …{event.card_instance_id[-4:]}"


def event_detail(event: OutboxEvent) -> str:
    """The sentence under an event: why it was refused or held, or why it still waits."""
    if is_declined(event):
        reason = (event.result_message or "")[len(DECLINED_PREFIX) :]
        return f"Declined by a manager: {reason}. It will not be sent."
    if event.state is EventState.REJECTED:
        return rejection_text(event.result_code, event.result_message)
    if event.state is EventState.REVIEW:
        held = event.note or "It is over one of the shop's limits."
        return f"{held} A manager can release it to be sent, or decline it."
    if event.state is EventState.PENDING and event.attempts:
        tries = "once" if event.attempts == 1 else f"{event.attempts} times"
        return f"Tried {tries} so far; it is sent as soon as the server answers."
    return ""


def rejection_text(code: int | None, message: str | None) -> str:
    """What a server refusal means, in the cashier's words, with the code for the manager."""
    words = None if code is None else REJECTION_WORDS.get(code)
    if words is None:
        words = "The server refused this event — tell the manager if it happens again."
    reference = "" if code is None else f" (server code {code}"
    if reference and message:
        reference += f", {message}"
    return f"{words} {NOT_COUNTED}" + (f"{reference})" if reference else "")


def count_text(state: EventState, count: int) -> str:
    return f"{count} {COUNT_WORDS[state]}"


def sync_text(status: SyncStatus) -> tuple[str, str]:
    """The sync line and its tone (``ok``, ``warn`` or ``bad``)."""
    if status.state is SyncState.ONLINE:
        return "Online — new events are sent to the server within seconds.", "ok"
    if status.state is SyncState.NOT_CONFIGURED:
        return "No server is set up — events are kept on this terminal.", "warn"
    if status.state is SyncState.CREDENTIALS:
        return (
            "The server refuses this terminal's credentials — nothing is sent until a manager "
            "corrects the API key or terminal token.",
            "bad",
        )
    retry = status.retry_in_seconds
    when = "soon" if retry is None else f"in about {max(1, round(retry))} s"
    return (
        f"Offline — the server cannot be reached. Events are kept here; the next try is {when}, "
        "or press Sync now.",
        "warn",
    )


def last_sync_text(moment: datetime | None) -> str:
    if moment is None:
        return "Last successful sync: never"
    return f"Last successful sync: {moment.astimezone():%d %b %H:%M:%S}"


def newest(first: datetime | None, second: datetime | None) -> datetime | None:
    """The later of two optional times."""
    if first is None or second is None:
        return first or second
    return max(first, second)
