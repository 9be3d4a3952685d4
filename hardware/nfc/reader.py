"""The NFC reader device: one thread owns the ``ContactlessFrontend`` and reports each tap."""

from __future__ import annotations

import logging
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

log = logging.getLogger(__name__)


class NfcReader(DeviceThread):
    """Reads NFC tags on its own thread; each tap becomes one ``Scan`` (the Device protocol).

    Only ``targets`` are polled (106A: Type 2 and 4, 212F: Type 3), ``interval`` seconds apart.
    A tag staying on the reader is reported once. A tag whose NDEF data is broken is reported
    with ``payload=None`` and counted in ``errors``; a tag gone before it was read is counted
    and not reported. A reader that is missing or fails is a state, reopened with a backoff
    from ``retry_initial`` doubling up to ``retry_max`` seconds.
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
            else:
                self._set(DeviceStatus.READY, "")
                try:
                    failure = self._serve(frontend)
                finally:
                    frontend.close()
                if failure is None:
                    return
                self._set(failure.status, failure.message)
                if self._session_read or time.monotonic() - started >= self._retry_max:
                    delay = self._retry_initial
            self._stop.wait(delay)
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
        """Stop when asked; between tags also hand back control now and then for a health check."""
        if self._stop.is_set():
            return True
        return not self._tag_on_reader and time.monotonic() >= self._round_ends

    def _on_release(self) -> None:
        self._tag_on_reader = False

    def _on_tag(self, tag: TagHandle) -> bool:
        """Read the tag and report it; True keeps nfcpy waiting until the tag is taken away."""
        self._tag_on_reader = True
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
