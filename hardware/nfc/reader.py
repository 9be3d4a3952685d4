"""The NFC reader device: one thread owns the ``ContactlessFrontend`` and reports each tap."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

from app.domain.scan import Scan, ScanKind
from hardware.device import DeviceStatus, DeviceThread
from hardware.nfc.errors import NfcDeviceError
from hardware.nfc.frontend import (
    DEFAULT_TARGETS,
    Frontend,
    PollOutcome,
    stopped_answering,
    udp_missing,
)
from hardware.nfc.tag import TagHandle
from hardware.nfc.tagread import read_tag
from hardware.nfc.write_request import (
    READER_FAILED,
    STOPPED,
    WriteCallback,
    WriteRequest,
    no_tag_message,
    write_on_tag,
)

log = logging.getLogger(__name__)


class NfcReader(DeviceThread):
    """Reads NFC tags on its own thread; each tap becomes one ``Scan`` (the Device protocol).

    Only ``targets`` are polled (106A: Type 2 and 4, 212F: Type 3), ``interval`` seconds apart.
    A tag staying on the reader is reported once. A tag whose NDEF data is broken is reported
    with ``payload=None`` and counted in ``errors``; a tag gone before it was read is counted
    and not reported. A reader that is missing or fails is a state, reopened with a backoff
    from ``retry_initial`` doubling up to ``retry_max`` seconds.

    :meth:`write_next` asks this thread to write a card URL onto the next tag presented (one
    lying on the reader counts) instead of reporting it.
    """

    thread_name = "nfc-reader"

    def __init__(
        self,
        uri: str,
        *,
        targets: Sequence[str] = DEFAULT_TARGETS,
        interval: float = 0.05,
        retry_initial: float = 0.5,
        retry_max: float = 10.0,
        health_every: float = 2.0,
        beep: bool = False,
    ) -> None:
        super().__init__(uri)
        self._targets = tuple(targets)
        self._interval = interval
        self._retry_initial = retry_initial
        self._retry_max = retry_max
        self._health_every = health_every
        self._beep = beep
        self._tag_on_reader = False
        self._round_ends = 0.0
        self._session_read = False
        self.errors = 0
        self.last_error = ""
        self._write: WriteRequest | None = None
        self._write_lock = threading.Lock()

    def write_next(
        self, url: str, on_done: WriteCallback, *, timeout: float = 30.0, overwrite: bool = False
    ) -> WriteRequest:
        """Write ``url`` onto the next tag presented within ``timeout`` s and read it back.

        The reader's thread does the writing; ``on_done`` gets the :class:`WriteResult` once, on
        that thread (or on the caller's for a request refused at once or cancelled). A request
        replaces one still waiting, which ends as cancelled. The request's ``cancel`` gives up
        waiting for a tag.
        """
        request = WriteRequest(url, on_done, timeout=timeout, overwrite=overwrite)
        running = self._thread is not None and self._thread.is_alive() and not self._stop.is_set()
        state = self.state
        if not running:
            request.fail("no_reader", "The NFC reader is not running; nothing was written.")
        elif state.status in (DeviceStatus.MISSING, DeviceStatus.ERROR):
            request.fail("no_reader", state.message or "The NFC reader cannot be used.")
        else:
            with self._write_lock:
                previous, self._write = self._write, request
            if previous is not None:
                previous.cancel()
        return request

    def stop(self, timeout: float | None = 5.0) -> None:
        super().stop(timeout)
        self._fail_write("stopped", STOPPED)

    def _fail_write(self, reason: str, message: str) -> None:
        """End a request still waiting for a tag: the reader cannot serve it."""
        with self._write_lock:
            request = self._write
        if request is not None:
            request.fail(reason, message, only_pending=True)

    def _expire_write(self) -> WriteRequest | None:
        """End a request whose time ran out; the request still waiting, if any."""
        with self._write_lock:
            request = self._write
        if request is None:
            return None
        if request.expired():
            request.fail("no_tag", no_tag_message(request.timeout), only_pending=True)
        return request if request.pending else None

    def _pause(self, seconds: float) -> None:
        """Wait between attempts to open the reader; a write request may time out meanwhile."""
        deadline = time.monotonic() + seconds
        while not self._stop.is_set():
            self._expire_write()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._stop.wait(min(left, 0.1))

    def _count(self, message: str) -> None:
        self.errors += 1
        self.last_error = message
        log.warning("%s: %s", self.uri, message)

    def _run(self) -> None:
        delay = self._retry_initial
        while not self._stop.is_set():
            self._session_read = False
            started = time.monotonic()
            try:
                frontend = Frontend.open(self.uri)
            except NfcDeviceError as exc:
                self._set(exc.status, exc.message)
                self._fail_write("no_reader", exc.message)
            else:
                self._set(DeviceStatus.READY, "")
                try:
                    failure = self._serve(frontend)
                finally:
                    frontend.close()
                if failure is None:
                    return
                self._set(failure.status, failure.message)
                self._fail_write("no_reader", failure.message)
                if self._session_read or time.monotonic() - started >= self._retry_max:
                    delay = self._retry_initial
            self._pause(delay)
            delay = min(delay * 2, self._retry_max)

    def _serve(self, frontend: Frontend) -> NfcDeviceError | None:
        """Poll until stopped (None) or until the reader fails (the error to show)."""
        while not self._stop.is_set():
            self._tag_on_reader = False
            self._round_ends = time.monotonic() + self._health_every
            try:
                outcome = frontend.poll(
                    targets=self._targets,
                    interval=self._interval,
                    on_tag=self._on_tag,
                    on_release=self._on_release,
                    terminate=self._terminate,
                    beep=self._beep,
                )
            except Exception as exc:
                log.exception("nfcpy failed while polling %s", self.uri)
                self._count(f"The reader failed while polling ({exc!r}).")
                self._stop.wait(self._interval)
                continue
            if outcome is PollOutcome.FAILED:
                return stopped_answering(self.uri)
            ended = outcome is PollOutcome.ENDED and not self._stop.is_set()
            if ended and not frontend.peer_answers():
                return udp_missing(frontend.address)
        return None

    def _terminate(self) -> bool:
        """Stop when asked; between tags also hand back control now and then for a health check.

        A write request also ends the wait on a tag lying on the reader: it is activated again
        and written.
        """
        if self._stop.is_set():
            return True
        if self._expire_write() is not None and self._tag_on_reader:
            return True
        return not self._tag_on_reader and time.monotonic() >= self._round_ends

    def _on_release(self) -> None:
        self._tag_on_reader = False

    def _on_tag(self, tag: TagHandle) -> bool:
        """Read the tag and report it; True keeps nfcpy waiting until the tag is taken away."""
        self._tag_on_reader = True
        with self._write_lock:
            request = self._write
        if request is not None and request.claim():
            self._write_tag(tag, request)
            return True
        read = read_tag(tag)
        self._session_read = True
        if read.removed:
            self._count(f"Tag {read.uid} was taken away before it was read; tap again.")
            self._tag_on_reader = False
            return False
        if read.error is not None:
            self._count(f"Tag {read.uid}: {read.error}")
        scan = Scan(ScanKind.NFC, read.payload, tag_uid=read.uid, source=self.uri)
        if self._on_scan is not None:
            try:
                self._on_scan(scan)
            except Exception:
                log.exception("the scan callback failed for %s", self.uri)
        return True

    def _write_tag(self, tag: TagHandle, request: WriteRequest) -> None:
        """Carry out a claimed write request on ``tag``; it always completes."""
        self._session_read = True
        try:
            result = write_on_tag(tag, request)
        except Exception as exc:
            request.fail("write_failed", READER_FAILED.format(detail=f"({exc!r})"))
            raise
        if result.ok:
            log.info("%s: wrote a card URL onto tag %s and read it back", self.uri, result.uid)
        else:
            log.warning("%s: writing tag %s failed (%s)", self.uri, result.uid, result.reason)
        request.finish(result)
