"""What the Events screen shows, read on the store writer's thread, and the words it uses.

:func:`load_overview` runs as a job of the :class:`~app.store.writer.StoreWriter` (no Qt there);
the text functions turn events, server result codes and sync states into sentences for the
cashier, translated into the language shown (``EventsOverview`` context) each time they are
called, so the screen renders them again after a language change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.domain.events import EventState, EventType, OutboxEvent
from app.store.ledger_queries import EVENT_COLUMNS, from_db_time, row_to_event
from app.store.outbox import DECLINED_PREFIX, Outbox
from app.sync.keys import META_LAST_SUCCESS
from app.sync.worker import SyncState, SyncStatus

RECENT_LIMIT = 50


def state_word(state: EventState) -> str:
    """Where an event stands, for its line."""
    if state is EventState.PENDING:
        return QCoreApplication.translate("EventsOverview", "Waiting to send")
    if state is EventState.SENT:
        return QCoreApplication.translate("EventsOverview", "Sent")
    if state is EventState.REJECTED:
        return QCoreApplication.translate("EventsOverview", "Refused by the server")
    return QCoreApplication.translate("EventsOverview", "Held for a manager")


def type_word(event_type: EventType) -> str:
    """What an event is, for its line."""
    words = {
        EventType.STAMP: QCoreApplication.translate("EventsOverview", "Stamp"),
        EventType.REDEEM: QCoreApplication.translate("EventsOverview", "Reward redeemed"),
        EventType.REWARD: QCoreApplication.translate("EventsOverview", "Reward earned"),
        EventType.REMOVE_STAMP: QCoreApplication.translate("EventsOverview", "Stamp removed"),
        EventType.REMOVE_REWARD: QCoreApplication.translate("EventsOverview", "Reward removed"),
    }
    return words[event_type]


def type_phrase(event_type: EventType) -> str:
    """What an event is, inside a sentence (``the stamp of …``)."""
    words = {
        EventType.STAMP: QCoreApplication.translate("EventsOverview", "the stamp"),
        EventType.REDEEM: QCoreApplication.translate("EventsOverview", "the reward redeemed"),
        EventType.REWARD: QCoreApplication.translate("EventsOverview", "the reward earned"),
        EventType.REMOVE_STAMP: QCoreApplication.translate("EventsOverview", "the stamp removed"),
        EventType.REMOVE_REWARD: QCoreApplication.translate("EventsOverview", "the reward removed"),
    }
    return words[event_type]


def rejection_words(code: int) -> str | None:
    """What the server's refusal ``code`` means, when the terminal knows it."""
    words = {
        20006: QCoreApplication.translate("EventsOverview", "This card belongs to another shop."),
        31002: QCoreApplication.translate(
            "EventsOverview", "The server does not know this card — it may have been deleted."
        ),
        31003: QCoreApplication.translate(
            "EventsOverview", "The server does not know this reward on this card."
        ),
        32001: QCoreApplication.translate("EventsOverview", "The card had already expired."),
        32002: QCoreApplication.translate(
            "EventsOverview",
            "The card is no longer active (deleted, switched off or not valid yet).",
        ),
        32003: QCoreApplication.translate(
            "EventsOverview",
            "This reward had already been redeemed, perhaps at another counter.",
        ),
        32004: QCoreApplication.translate("EventsOverview", "This reward had already expired."),
        32005: QCoreApplication.translate(
            "EventsOverview", "This reward had been removed from the card."
        ),
        32006: QCoreApplication.translate(
            "EventsOverview",
            "The stamp code set up on this terminal is not one of this card's stamps — ask the "
            "manager to check the terminal's stamp setting.",
        ),
        33001: QCoreApplication.translate(
            "EventsOverview",
            "The server already had this event with different details and kept the first one — "
            "tell the manager.",
        ),
        33003: QCoreApplication.translate(
            "EventsOverview",
            "The shop's anti-fraud rule refused this stamp: the card was stamped too recently, or "
            "has had the most stamps allowed in one day.",
        ),
    }
    return words.get(code)


def short_time(moment: datetime) -> str:
    """An event's time on this terminal's clock: ``02 Mar 14:05``."""
    return f"{moment.astimezone():%d %b %H:%M}"


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
    if is_declined(event):
        state = QCoreApplication.translate("EventsOverview", "Declined by a manager")
    else:
        state = state_word(event.state)
    return QCoreApplication.translate(
        "EventsOverview", "{time} · Card …{card} · {what} · {state}"
    ).format(
        time=short_time(event.device_time),
        card=event.card_instance_id[-4:],
        what=type_word(event.event_type),
        state=state,
    )


def event_title(event: OutboxEvent) -> str:
    """What and whose, for questions: ``the stamp of 02 Mar 14:05 on card …4f2a``."""
    return QCoreApplication.translate("EventsOverview", "{what} of {time} on card …{card}").format(
        what=type_phrase(event.event_type),
        time=short_time(event.device_time),
        card=event.card_instance_id[-4:],
    )


def event_detail(event: OutboxEvent) -> str:
    """The sentence under an event: why it was refused or held, or why it still waits."""
    if is_declined(event):
        reason = (event.result_message or "")[len(DECLINED_PREFIX) :]
        return QCoreApplication.translate(
            "EventsOverview", "Declined by a manager: {reason}. It will not be sent."
        ).format(reason=reason)
    if event.state is EventState.REJECTED:
        return rejection_text(event.result_code, event.result_message)
    if event.state is EventState.REVIEW:
        return held_text(event.note)
    if event.state is EventState.PENDING and event.attempts:
        return waiting_text(event.attempts)
    return ""


def held_text(note: str | None) -> str:
    """Why an event is held (the policy's note, as the policy wrote it), and what can be done."""
    if note:
        return QCoreApplication.translate(
            "EventsOverview", "{note} A manager can release it to be sent, or decline it."
        ).format(note=note)
    return QCoreApplication.translate(
        "EventsOverview",
        "It is over one of the shop's limits. A manager can release it to be sent, or decline it.",
    )


def waiting_text(attempts: int) -> str:
    """Why an event sent ``attempts`` times still waits."""
    if attempts == 1:
        return QCoreApplication.translate(
            "EventsOverview", "Tried once so far; it is sent as soon as the server answers."
        )
    return QCoreApplication.translate(
        "EventsOverview", "Tried {count} times so far; it is sent as soon as the server answers."
    ).format(count=attempts)


def rejection_text(code: int | None, message: str | None) -> str:
    """What a server refusal means, in the cashier's words, with the code for the manager."""
    words = None if code is None else rejection_words(code)
    if words is None:
        words = QCoreApplication.translate(
            "EventsOverview",
            "The server refused this event — tell the manager if it happens again.",
        )
    text = QCoreApplication.translate("EventsOverview", "{words} It was not counted on the card.")
    text = text.format(words=words)
    if code is None:
        return text
    if message:
        return QCoreApplication.translate(
            "EventsOverview", "{text} (server code {code}, {message})"
        ).format(text=text, code=code, message=message)
    return QCoreApplication.translate("EventsOverview", "{text} (server code {code})").format(
        text=text, code=code
    )


def count_text(state: EventState, count: int) -> str:
    """How many events are in ``state``, for its filter button: ``2 waiting``."""
    if state is EventState.PENDING:
        text = QCoreApplication.translate("EventsOverview", "{count} waiting")
    elif state is EventState.SENT:
        text = QCoreApplication.translate("EventsOverview", "{count} sent")
    elif state is EventState.REJECTED:
        text = QCoreApplication.translate("EventsOverview", "{count} refused")
    else:
        text = QCoreApplication.translate("EventsOverview", "{count} held")
    return text.format(count=count)


def sync_text(status: SyncStatus) -> tuple[str, str]:
    """The sync line and its tone (``ok``, ``warn`` or ``bad``)."""
    if status.state is SyncState.ONLINE:
        return QCoreApplication.translate(
            "EventsOverview", "Online — new events are sent to the server within seconds."
        ), "ok"
    if status.state is SyncState.NOT_CONFIGURED:
        return QCoreApplication.translate(
            "EventsOverview", "No server is set up — events are kept on this terminal."
        ), "warn"
    if status.state is SyncState.CREDENTIALS:
        return (
            QCoreApplication.translate(
                "EventsOverview",
                "The server refuses this terminal's credentials — nothing is sent until a "
                "manager corrects the API key or terminal token.",
            ),
            "bad",
        )
    retry = status.retry_in_seconds
    if retry is None:
        return (
            QCoreApplication.translate(
                "EventsOverview",
                "Offline — the server cannot be reached. Events are kept here; the next try is "
                "soon, or press Sync now.",
            ),
            "warn",
        )
    return (
        QCoreApplication.translate(
            "EventsOverview",
            "Offline — the server cannot be reached. Events are kept here; the next try is in "
            "about {seconds} s, or press Sync now.",
        ).format(seconds=max(1, round(retry))),
        "warn",
    )


def last_sync_text(moment: datetime | None) -> str:
    """When the last sync got through."""
    if moment is None:
        return QCoreApplication.translate("EventsOverview", "Last successful sync: never")
    return QCoreApplication.translate("EventsOverview", "Last successful sync: {time}").format(
        time=f"{moment.astimezone():%d %b %H:%M:%S}"
    )


def newest(first: datetime | None, second: datetime | None) -> datetime | None:
    """The later of two optional times."""
    if first is None or second is None:
        return first or second
    return max(first, second)
