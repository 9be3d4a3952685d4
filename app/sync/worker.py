"""The sync worker: drains the outbox to the stamp server on its own thread.

One pass (:meth:`SyncWorker.sync_once`) measures the clock offset, refreshes the master data when
it is stale, and sends due events in (sequence) order, ``batch_size`` at a time. Per-event
results decide each event: applied -> ``sent``; refused -> ``rejected`` (kept for review, never
blocking the rest); no result -> stays ``pending``. A failed request keeps every event of the
batch pending and backs off (capped, jittered, at least the server's Retry-After); after
:data:`OFFLINE_AFTER` failures in a row the state is ``offline`` and each pass is a cheap probe.
HTTP 401 stops sending until the credentials change. An event the scan policy held and a
manager released goes with ``heldByPolicy`` (and every event with its note, if any): the
merchant's dashboard lists those flagged by policy.
"""

from __future__ import annotations

import enum
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial

from app.domain.events import EventState, OutboxEvent
from app.domain.models import to_json
from app.store.outbox import Outbox
from app.store.writer import StoreWriter
from app.sync.backoff import Backoff
from app.sync.client import StampApiClient
from app.sync.errors import (
    ApiError,
    CredentialsError,
    ForbiddenError,
    RejectedError,
    RetryableError,
)
from app.sync.keys import (
    MASTER_PUBLIC_KEY,
    MASTER_STAMP_CARDS,
    MASTER_STAMPS,
    META_LAST_ERROR,
    META_LAST_SUCCESS,
    META_MASTER_REFRESHED,
    META_STATE,
)
from app.sync.results import apply_results

log = logging.getLogger(__name__)

OFFLINE_AFTER = 3
MASTER_DATA_TTL = timedelta(minutes=10)
IDLE_INTERVAL = 5.0


class SyncState(enum.StrEnum):
    """What the counter's sync badge shows."""

    NOT_CONFIGURED = "not_configured"
    ONLINE = "online"
    BACKING_OFF = "backing_off"
    OFFLINE = "offline"
    CREDENTIALS = "credentials"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """A snapshot for the UI and the CLI."""

    state: SyncState
    queue: dict[str, int] = field(default_factory=dict)
    last_success: datetime | None = None
    last_error: str | None = None
    retry_in_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one pass did."""

    sent: int = 0
    rejected: int = 0
    left_pending: int = 0
    error: str | None = None
    state: SyncState = SyncState.ONLINE


Listener = Callable[[SyncStatus], None]


class SyncWorker:
    """Sends the outbox to the server, one pass at a time or on a thread of its own."""

    def __init__(
        self,
        writer: StoreWriter,
        client: StampApiClient | None,
        *,
        batch_size: int = 100,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        backoff: Backoff | None = None,
        idle_interval: float = IDLE_INTERVAL,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._writer = writer
        self._client = client
        self._batch_size = batch_size
        self._clock = clock
        self._backoff = backoff or Backoff()
        self._idle_interval = idle_interval
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._delay: float | None = None
        initial = SyncState.NOT_CONFIGURED if client is None else SyncState.ONLINE
        self._status = SyncStatus(initial)

    # --- observing -------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener`` with every new status (on the worker's thread)."""
        with self._lock:
            self._listeners.append(listener)

    @property
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    @property
    def online(self) -> bool:
        return self.status.state is SyncState.ONLINE

    def _publish(self, progress: _Progress | None = None, **changes: object) -> None:
        queue = self._writer.call(lambda o: {s.value: n for s, n in o.counts().items()})
        if progress is not None:
            progress.left_pending = queue[EventState.PENDING.value]
        with self._lock:
            self._status = replace(self._status, queue=queue, **changes)  # type: ignore[arg-type]
            status, listeners = self._status, list(self._listeners)
        self._writer.call(lambda o: _remember(o, status))
        for listener in listeners:
            try:
                listener(status)
            except Exception:
                log.exception("sync status listener failed")

    # --- one pass --------------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        """Clock, master data, then every due event; never raises for network trouble."""
        client = self._client
        if client is None:
            self._publish(state=SyncState.NOT_CONFIGURED, last_error="no server configured")
            return SyncReport(state=SyncState.NOT_CONFIGURED, error="no server configured")
        if self.status.state is SyncState.CREDENTIALS:
            return SyncReport(state=SyncState.CREDENTIALS, error=self.status.last_error)
        totals = _Progress()
        try:
            clock = client.server_clock()
            self._writer.call(lambda o: setattr(o, "clock_offset_ms", clock.offset_ms))
            self._refresh_master_data(client)
            self._drain(client, totals)
        except (CredentialsError, ForbiddenError) as exc:
            self._publish(
                totals, state=SyncState.CREDENTIALS, last_error=str(exc), retry_in_seconds=None
            )
            return _report(totals, SyncState.CREDENTIALS, str(exc))
        except RetryableError as exc:
            delay = self._backoff.next_delay(exc.retry_after)
            self._delay = delay
            state = (
                SyncState.OFFLINE
                if self._backoff.failures >= OFFLINE_AFTER
                else SyncState.BACKING_OFF
            )
            self._publish(
                totals, state=state, last_error=str(exc), retry_in_seconds=round(delay, 1)
            )
            return _report(totals, state, str(exc))
        except ApiError as exc:
            # A refusal of the whole request: the events stay pending, the reason is shown.
            delay = self._backoff.next_delay()
            self._delay = delay
            self._publish(
                totals,
                state=SyncState.BACKING_OFF,
                last_error=str(exc),
                retry_in_seconds=round(delay, 1),
            )
            return _report(totals, SyncState.BACKING_OFF, str(exc))
        self._backoff.reset()
        self._delay = None
        self._publish(
            totals,
            state=SyncState.ONLINE,
            last_success=self._clock(),
            last_error=None,
            retry_in_seconds=None,
        )
        return _report(totals, SyncState.ONLINE, None)

    def _drain(self, client: StampApiClient, progress: _Progress) -> None:
        """Send due events batch by batch until none is due or a batch decides nothing."""
        while True:
            batch, held = self._writer.call(
                partial(_due, limit=self._batch_size, now=self._clock())
            )
            if not batch:
                return
            decided = self._send(client, batch, held, progress)
            if not decided:
                return

    def _send(
        self,
        client: StampApiClient,
        batch: list[OutboxEvent],
        held: frozenset[str],
        progress: _Progress,
    ) -> int:
        """Send one batch; a batch refused as a whole is split until the bad event is found.

        ``held``: the events of the batch the scan policy held before a manager released them.
        """
        try:
            results = client.report_events(batch, held)
        except RetryableError as exc:
            self._hold(tuple(e.event_id for e in batch), str(exc))
            raise
        except RejectedError as exc:
            if len(batch) > 1:
                middle = len(batch) // 2
                return self._send(client, batch[:middle], held, progress) + self._send(
                    client, batch[middle:], held, progress
                )
            event_id, code, reason = batch[0].event_id, exc.code, exc.key or str(exc)
            self._writer.call(lambda o: o.mark_rejected(event_id, code, reason))
            progress.rejected += 1
            return 1
        outcome = self._writer.call(partial(apply_results, batch=batch, results=results))
        progress.sent += len(outcome.sent)
        progress.rejected += len(outcome.rejected)
        if outcome.retry:
            self._hold(outcome.retry, "the server gave no result for this event")
        return len(outcome.sent) + len(outcome.rejected)

    def _hold(self, event_ids: tuple[str, ...], error: str) -> None:
        """Count a failed attempt on these events; they stay pending, first in line."""
        retry_at = self._clock()
        self._writer.call(partial(_mark_retry, event_ids=event_ids, error=error, at=retry_at))

    def _refresh_master_data(self, client: StampApiClient) -> None:
        refreshed = self._writer.call(lambda o: o.meta_get(META_MASTER_REFRESHED))
        now = self._clock()
        if refreshed is not None and now - datetime.fromisoformat(refreshed) < MASTER_DATA_TTL:
            return
        key = client.card_signing_key()
        data = client.master_data()
        cards = json.dumps([to_json(card) for card in data.stamp_cards])
        stamps = json.dumps([to_json(stamp) for stamp in data.stamps])

        def store(o: Outbox) -> None:
            o.master_data_set(MASTER_PUBLIC_KEY, json.dumps(key))
            o.master_data_set(MASTER_STAMP_CARDS, cards)
            o.master_data_set(MASTER_STAMPS, stamps)
            o.meta_set(META_MASTER_REFRESHED, now.isoformat())

        self._writer.call(store)

    # --- the thread ------------------------------------------------------------------------

    def start(self) -> None:
        """Run passes on a thread named ``sync-worker`` until :meth:`stop`."""
        if self._thread is not None:
            raise RuntimeError("the sync worker is already running")
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def trigger(self) -> None:
        """Run the next pass now (new events, the cashier pressed "sync now")."""
        self._wake.set()

    def stop(self, timeout: float | None = 30.0) -> None:
        """Finish the pass under way, then end the thread (quit-then-wait)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.sync_once()
            except Exception:
                log.exception("sync pass failed")
                self._delay = self._backoff.next_delay()
            wait = self._idle_interval if self._delay is None else self._delay
            self._wake.wait(wait)
            self._wake.clear()


@dataclass
class _Progress:
    sent: int = 0
    rejected: int = 0
    left_pending: int = 0


def _report(totals: _Progress, state: SyncState, error: str | None) -> SyncReport:
    return SyncReport(
        sent=totals.sent,
        rejected=totals.rejected,
        left_pending=totals.left_pending,
        error=error,
        state=state,
    )


def _remember(outbox: Outbox, status: SyncStatus) -> None:
    """Keep the status in the database so ``stamp-terminal status`` of another process sees it."""
    outbox.meta_set(META_STATE, status.state.value)
    outbox.meta_set(META_LAST_ERROR, status.last_error or "")
    if status.last_success is not None:
        outbox.meta_set(META_LAST_SUCCESS, status.last_success.isoformat())


def _due(outbox: Outbox, *, limit: int, now: datetime) -> tuple[list[OutboxEvent], frozenset[str]]:
    """The due events and those of them the scan policy held (released since: they are
    pending), read in one turn of the writer thread."""
    batch = outbox.due_pending(limit, now)
    return batch, outbox.held_by_policy(event.event_id for event in batch)


def _mark_retry(outbox: Outbox, *, event_ids: tuple[str, ...], error: str, at: datetime) -> None:
    outbox.mark_retry(event_ids, error, at)
