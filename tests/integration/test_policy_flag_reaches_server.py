"""End to end: an event the scan policy held and a manager released reaches the real reference
server (on loopback) with its note and the flag "policy"; the rest arrive as they always did."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from live_server import LiveServer
from sync_kit import StepClock, open_terminal, terminal_config, worker_with

from app.domain.events import EventState
from app.policy.corrections import Correction
from app.sync.worker import SyncState


def server_events(server: LiveServer, card: str) -> dict[str, dict[str, Any]]:
    """The server's event rows of a card by eventId (``stamp-server events list``)."""
    listed = json.loads(server.cli("events", "list", "--card-instance-id", card, "--limit", "50"))
    return {event["eventId"]: event for event in listed if event["eventId"] is not None}


def test_a_released_held_stamp_arrives_flagged_by_policy_with_its_note(
    live_server: LiveServer, tmp_path: Path
) -> None:
    card = live_server.demo["cardInstanceId"]
    config = dataclasses.replace(
        terminal_config(live_server),
        debounce_seconds=0,
        max_stamps_per_day=1,
        limit_action="review",
    )
    clock = StepClock()
    writer, terminal = open_terminal(tmp_path / "terminal.sqlite3", config, clock)
    try:
        [plain] = terminal.stamp(card, 1, source="qr").events
        clock.advance(600)
        [held] = terminal.stamp(card, 1, source="qr").events
        clock.advance(600)
        [declined] = terminal.stamp(card, 1, source="qr").events
        assert plain.state is EventState.PENDING
        assert held.state is declined.state is EventState.REVIEW
        released = writer.call(lambda o: o.release_review(held.event_id, "regular customer"))
        writer.call(lambda o: o.decline_review(declined.event_id, "third visit today"))
        [correction] = terminal.correct(Correction(card, "stamped twice", remove_stamps=1)).events
        worker, http = worker_with(writer, config)
        with http:
            report = worker.sync_once()
        assert report.state is SyncState.ONLINE, report.error
        assert report.sent == 3
    finally:
        writer.close()

    stored = server_events(live_server, card)
    assert set(stored) == {plain.event_id, held.event_id, correction.event_id}
    assert released.note is not None
    assert released.note.startswith(held.note or "?")
    assert released.note.endswith(" · released by manager: regular customer")
    arrived = stored[held.event_id]
    assert (arrived["resultCode"], arrived["flag"], arrived["note"]) == (0, "policy", released.note)
    assert (stored[plain.event_id]["flag"], stored[plain.event_id]["note"]) == (None, None)
    corrected = stored[correction.event_id]
    assert (corrected["resultCode"], corrected["flag"]) == (0, None)
    assert corrected["note"] == "stamped twice"
