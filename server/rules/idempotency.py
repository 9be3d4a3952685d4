"""Recognising a repeated event: its eventId, the digest of its body, what is stored for it.

An eventId is unique per terminal credential, permanently. A repeat with the same body gets the
stored result; with another body it is a conflict. The body digest covers the card, the event
time (as an instant), the type, the rewardInstanceId and the stampValue, and nothing else: the
extensions ``note`` and ``heldByPolicy`` say something about the event, not which event it is, so
a retry that differs only in them (a terminal upgraded between two attempts, a note trimmed
differently) is the same event and gets the stored result.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC

from sqlalchemy import ColumnElement, Select, String, bindparam, func, select, true
from sqlalchemy.dialects.postgresql import ARRAY

from server.db import tables as t
from server.db.bulk import member_of
from server.rules.events import AnyReported


@dataclass(frozen=True, slots=True)
class Item:
    """One reported event with its eventId, normalised card id and body hash."""

    event: AnyReported
    event_id: str
    card_id: str | None
    body_hash: str


def body_hash(event: AnyReported, card_id: str | None) -> str:
    """Digest of what an event says; the same eventId must always say the same."""
    moment = event.event_time.astimezone(UTC).isoformat(timespec="milliseconds")
    fields = (card_id, moment, event.event_type.value, event.reward_instance_id, event.stamp_value)
    text = "\x1f".join("\x00" if value is None else value for value in fields)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_items(events: Sequence[AnyReported]) -> list[Item]:
    """Items of a batch; an event without eventId gets a new one (it is not idempotent)."""
    items = []
    for event in events:
        card_id = event.card_instance_id.strip().lower() if event.card_instance_id else None
        event_id = event.event_id if event.event_id is not None else str(uuid.uuid4())
        items.append(Item(event, event_id, card_id, body_hash(event, card_id)))
    return items


def known_events(dialect: str) -> Select[str | None, str | None, str | None]:
    """The stored (eventId, body hash, result) for this credential of the eventIds given as
    ``members(event_ids, dialect)`` in the parameter ``event_ids`` (``credential_id``: the
    credential), for any number of eventIds with one SQL text.

    On PostgreSQL each eventId of the array parameter looks its row up in a LATERAL subquery: always
    one unique-index probe per eventId, even before the statistics of a young, fast-growing
    table exist (then an IN list or a plain join may be planned as a scan of all the terminal's
    events). SQLite probes the unique index once per value of the JSON array.
    """
    credential = bindparam("credential_id", type_=String())
    if dialect != "postgresql":
        return select(t.Event.event_id, t.Event.request_hash, t.Event.result_json).where(
            t.Event.credential_id == credential, member_of(t.Event.event_id, "event_ids", dialect)
        )
    ids = bindparam("event_ids", type_=ARRAY(String()))
    wanted = func.unnest(ids).table_valued("event_id").render_derived(name="wanted")
    stored = (
        select(t.Event.request_hash, t.Event.result_json)
        .where(t.Event.credential_id == credential, t.Event.event_id == wanted.c.event_id)
        .limit(1)
        .lateral("stored")
    )
    event_id: ColumnElement[str | None] = wanted.c.event_id
    return select(event_id, stored.c.request_hash, stored.c.result_json).join_from(
        wanted, stored, true()
    )
