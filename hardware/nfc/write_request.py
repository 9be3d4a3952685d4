"""A request to write a card URL onto the next tag presented to a running ``NfcReader``.

The reader's own thread, the one that owns the device, carries the request out: the next tag it
activates is written and read back instead of being reported as a scan. The request completes
exactly once, with a :class:`WriteResult`: written and verified, refused or failed with a reason
(see ``NfcWriteError`` in :mod:`hardware.nfc`, plus ``removed``, ``no_tag``, ``cancelled``,
``no_reader``), after its timeout, or when cancelled before the writing began.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from hardware.nfc.errors import NfcWriteError
from hardware.nfc.tag import TagHandle
from hardware.nfc.tools import HOLD_STILL, write_url_on_tag

log = logging.getLogger(__name__)

REMOVED = f"The card was taken away before it was written and checked. {HOLD_STILL}"
CANCELLED = "Writing the card was cancelled; nothing was written."
STOPPED = "The NFC reader was stopped before a card was presented; nothing was written."
READER_FAILED = "The NFC reader failed while the card was written. {detail} " + HOLD_STILL


def no_tag_message(timeout: float) -> str:
    return (
        f"No card was held on the reader within {timeout:g} s; nothing was written. "
        "Press Write again and hold a blank card on the reader."
    )


@dataclass(frozen=True, slots=True)
class WriteResult:
    """How a write request ended: ``reason`` is empty when the URL was written and read back."""

    url: str
    reason: str = ""
    message: str = ""
    uid: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


WriteCallback = Callable[[WriteResult], None]


class WriteRequest:
    """One pending write; thread-safe. ``on_done`` is called once, without a lock held."""

    def __init__(
        self,
        url: str,
        on_done: WriteCallback,
        *,
        timeout: float,
        overwrite: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        self.url = url
        self.timeout = timeout
        self.overwrite = overwrite
        self._on_done = on_done
        self._clock = clock
        self._deadline = clock() + timeout
        self._lock = threading.Lock()
        self._state = "pending"  # -> "writing" -> "done", or "pending" -> "done"
        self._result: WriteResult | None = None

    def __repr__(self) -> str:
        return f"WriteRequest(url={self.url!r}, state={self._state!r})"

    @property
    def pending(self) -> bool:
        """Waiting for a tag: not being written, not finished."""
        with self._lock:
            return self._state == "pending"

    @property
    def done(self) -> bool:
        with self._lock:
            return self._state == "done"

    @property
    def result(self) -> WriteResult | None:
        with self._lock:
            return self._result

    def expired(self) -> bool:
        return self._clock() >= self._deadline

    def claim(self) -> bool:
        """For the reader's thread: start writing; False when finished or cancelled already."""
        with self._lock:
            if self._state != "pending":
                return False
            self._state = "writing"
            return True

    def cancel(self) -> bool:
        """Give up waiting for a tag; False when the write is under way or finished."""
        return self.fail("cancelled", CANCELLED, only_pending=True)

    def fail(self, reason: str, message: str, *, only_pending: bool = False) -> bool:
        """Finish without writing (or after a failed write); False if finished before."""
        return self.finish(WriteResult(self.url, reason, message), only_pending=only_pending)

    def finish(self, result: WriteResult, *, only_pending: bool = False) -> bool:
        """Complete the request with ``result`` and call back once; False if finished before."""
        with self._lock:
            if self._state == "done" or (only_pending and self._state != "pending"):
                return False
            self._state = "done"
            self._result = result
        try:
            self._on_done(result)
        except Exception:
            log.exception("the write callback failed for %r", self)
        return True


def write_on_tag(tag: TagHandle, request: WriteRequest) -> WriteResult:
    """Write the request's URL onto ``tag`` and read it back; never raises but ``OSError``."""
    try:
        written = write_url_on_tag(tag, request.url, overwrite=request.overwrite)
    except NfcWriteError as exc:
        if exc.reason in ("write_failed", "verify_failed") and not tag.is_present():
            return WriteResult(request.url, "removed", REMOVED, tag.uid)
        return WriteResult(request.url, exc.reason, exc.message, tag.uid)
    return WriteResult(request.url, uid=str(written["uid"]))
