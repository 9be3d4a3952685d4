"""Group commit: the batches that arrive while one is being written go together in the next.

Requests that report events queue here. The first one finds no writer and becomes it: it takes
the queue (its own request first, at most ``max_events`` events, at least one request) and
applies those requests in ONE transaction (``apply_requests``: one duplicate read per terminal,
one card lock, one write, one commit), hands every request its results, then passes the turn to
the oldest request still queued, or leaves the turn free. The others wait for their results.

The outcome is the one of applying the requests one after the other in arrival order: the rules
see each request's events in order after those of the requests before it in the group, and an
eventId a terminal repeats in a later request gets the result of the first. What is saved is
per-batch cost that does not grow with the events: the commit (an fsync on SQLite), the round
trips while a PostgreSQL batch holds its card locks, the hand-over of SQLite's one writer.

If a group fails, each of its requests is applied again on its own, so that an error belongs
only to the request that causes it.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from server.db.engine import Database
from server.rules.batch import Request, apply_requests
from server.rules.events import AnyReported
from server.rules.idempotency import make_items
from server.rules.programs import ProgramCache

if TYPE_CHECKING:
    from server.auth import Principal

log = logging.getLogger(__name__)

MAX_GROUP_EVENTS = 2000
"""A group takes queued requests until this many events (but always at least one request)."""


@dataclass(eq=False, slots=True)
class _Waiting:
    request: Request
    wake: threading.Event = field(default_factory=threading.Event)
    lead: bool = False
    finished: bool = False
    texts: list[str] | None = None
    error: BaseException | None = None


class GroupCommit:
    """Applies reported events of concurrent requests in shared transactions."""

    def __init__(
        self,
        db: Database,
        now: Callable[[], datetime],
        programs: ProgramCache,
        *,
        max_events: int = MAX_GROUP_EVENTS,
    ) -> None:
        self._db = db
        self._now = now
        self._programs = programs
        self._max_events = max_events
        self._lock = threading.Lock()
        self._queue: deque[_Waiting] = deque()
        self._writing = False

    @property
    def queued(self) -> int:
        """Requests waiting for their turn (not counting the group being written)."""
        return len(self._queue)

    def apply(self, principal: Principal, events: Sequence[AnyReported]) -> list[str]:
        """The per-event result JSON texts of one request's events, in request order."""
        waiting = _Waiting(Request(principal, make_items(events)))
        with self._lock:
            self._queue.append(waiting)
            waiting.lead = not self._writing
            self._writing = True
        while True:
            if waiting.lead:
                waiting.lead = False
                self._write_next_group()
            if waiting.finished:
                break
            waiting.wake.wait()
            waiting.wake.clear()
        if waiting.error is not None:
            raise waiting.error
        if waiting.texts is None:
            raise RuntimeError("the events of this request were not applied")
        return waiting.texts

    def _write_next_group(self) -> None:
        with self._lock:
            group = [self._queue.popleft()]
            events = len(group[0].request.items)
            while self._queue and events + len(self._queue[0].request.items) <= self._max_events:
                events += len(self._queue[0].request.items)
                group.append(self._queue.popleft())
        try:
            self._write(group)
        finally:
            with self._lock:
                following = self._queue[0] if self._queue else None
                if following is None:
                    self._writing = False
                else:
                    following.lead = True
            for waiting in group:
                waiting.finished = True
                waiting.wake.set()
            if following is not None:
                following.wake.set()

    def _write(self, group: list[_Waiting]) -> None:
        try:
            answers = apply_requests(
                self._db, [w.request for w in group], self._now, self._programs
            )
        except Exception as exc:  # noqa: BLE001 - handed to the request it belongs to
            if len(group) == 1:
                group[0].error = exc
                return
            log.warning(
                "A group of %d event reports failed (%s); applying each on its own",
                len(group),
                type(exc).__name__,
            )
            for waiting in group:
                self._write([waiting])
            return
        for waiting, texts in zip(group, answers, strict=True):
            waiting.texts = texts
