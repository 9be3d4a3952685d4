"""The camera QR reader: one thread captures and keeps the newest frame, one decodes it.

The capture thread reads the source continuously so the camera's queue never goes stale; the
decode thread takes only the newest frame and skips whatever arrived while it was busy. A
missing or failing source is a state with a message, and the source is opened again with a
growing delay until it delivers frames (only then is the reader ``ready``). Decoder exceptions
are counted, never fatal.
"""

from __future__ import annotations

import logging
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from app.domain.scan import Scan, ScanKind
from hardware.camera.decoders import (
    DEFAULT_DECODER,
    DecodedCode,
    DecoderUnavailable,
    QrDecoder,
    as_gray,
    make_decoder,
)
from hardware.camera.frames import Frame, FrameSource, FrameSourceError, SourceInfo
from hardware.camera.pipeline import NewestFrameSlot, PreviewFrame, PreviewThrottle, RepeatFilter
from hardware.camera.uri import frame_source_for
from hardware.device import DeviceState, DeviceStatus, ScanCallback, StateCallback

log = logging.getLogger(__name__)

PreviewCallback = Callable[[PreviewFrame], None]


@dataclass(frozen=True, slots=True)
class ReaderStats:
    """Counters since the reader was made; ``decode_ms_median`` is over the last 200 decodes."""

    frames_captured: int
    frames_decoded: int
    frames_dropped: int
    decode_errors: int
    scans: int
    repeats_suppressed: int
    previews: int
    callback_errors: int
    failed_opens: int
    decode_ms_median: float | None
    last_error: str
    source: SourceInfo | None


class QrReader:
    """A camera, video file or image folder (by URI) as a device that reports QR scans.

    ``on_preview`` gets frames at most ``preview_fps`` times a second, from the decode thread,
    with the codes read in each. A code that stays in view scans once (see ``RepeatFilter``).
    """

    def __init__(
        self,
        uri: str,
        *,
        decoder: str | QrDecoder = DEFAULT_DECODER,
        source: FrameSource | None = None,
        on_preview: PreviewCallback | None = None,
        preview_fps: float = 15.0,
        gone_seconds: float = 0.5,
        gone_frames: int = 3,
        retry_seconds: float = 0.5,
        retry_max_seconds: float = 10.0,
        failing_after: int = 30,
    ) -> None:
        self.uri = uri
        self._decoder_spec = decoder
        self._source = source
        self._on_preview = on_preview
        self._throttle = PreviewThrottle(preview_fps)
        self._gone = (gone_seconds, gone_frames)
        self._filter = RepeatFilter(gone_seconds=gone_seconds, gone_frames=gone_frames)
        self._retry = retry_seconds
        self._retry_max = retry_max_seconds
        self._failing_after = failing_after
        self._state = DeviceState(uri, DeviceStatus.STOPPED)
        self._state_lock = threading.RLock()
        self._on_scan: ScanCallback | None = None
        self._on_state: StateCallback | None = None
        self._stop = threading.Event()
        self._slot = NewestFrameSlot()
        self._threads: list[threading.Thread] = []
        self._info: SourceInfo | None = None
        self._captured_before = self._dropped_before = 0
        self._decoded = self._errors = self._streak = self._scans = self._repeats = 0
        self._previews = self._callback_errors = self._failed_opens = 0
        self._last_error = ""
        self._last_seq = -1
        self._decode_ms: deque[float] = deque(maxlen=200)
        self._stats_lock = threading.Lock()

    @property
    def state(self) -> DeviceState:
        return self._state

    def set_preview(self, callback: PreviewCallback | None, fps: float | None = None) -> None:
        """Start or stop offering preview frames (for example while a preview is on screen)."""
        if fps is not None:
            self._throttle = PreviewThrottle(fps)
        self._on_preview = callback

    def start(self, on_scan: ScanCallback, on_state: StateCallback | None = None) -> None:
        if any(t.is_alive() for t in self._threads):
            raise RuntimeError(f"The QR reader for {self.uri} is already running.")
        self._on_scan, self._on_state = on_scan, on_state
        try:
            source = self._source or frame_source_for(self.uri)
            spec = self._decoder_spec
            decoder = make_decoder(spec) if isinstance(spec, str) else spec
        except (ValueError, DecoderUnavailable) as exc:
            self._set(DeviceStatus.ERROR, str(exc))
            return
        self._stop.clear()
        self._captured_before += self._slot.captured
        self._dropped_before += self._slot.dropped
        self._slot = NewestFrameSlot()
        self._forget_codes()
        self._threads = [
            threading.Thread(target=self._capture, args=(source,), name="qr-capture"),
            threading.Thread(target=self._decode_loop, args=(decoder,), name="qr-decode"),
        ]
        for thread in self._threads:
            thread.daemon = True
            thread.start()

    def stop(self, timeout: float | None = 5.0) -> None:
        self._stop.set()
        self._slot.close()
        if not self.wait(timeout):
            log.warning("The QR reader threads for %s did not stop in %s s", self.uri, timeout)
        self._set(DeviceStatus.STOPPED, "")

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the threads to end (a finite source has ended); True when they have."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self._threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self._threads)

    def stats(self) -> ReaderStats:
        with self._stats_lock:
            times = list(self._decode_ms)
        return ReaderStats(
            frames_captured=self._captured_before + self._slot.captured,
            frames_decoded=self._decoded,
            frames_dropped=self._dropped_before + self._slot.dropped,
            decode_errors=self._errors,
            scans=self._scans,
            repeats_suppressed=self._repeats,
            previews=self._previews,
            callback_errors=self._callback_errors,
            failed_opens=self._failed_opens,
            decode_ms_median=statistics.median(times) if times else None,
            last_error=self._last_error,
            source=self._info,
        )

    def _set(self, status: DeviceStatus, message: str) -> None:
        with self._state_lock:
            if (status, message) == (self._state.status, self._state.message):
                return
            self._state = DeviceState(self.uri, status, message)
            callback = self._on_state
            if callback is not None:
                try:
                    callback(self._state)
                except Exception:
                    log.exception("The state callback of %s failed", self.uri)

    def _capture(self, source: FrameSource) -> None:
        delay = self._retry
        try:
            while not self._stop.is_set():
                if self._open(source):
                    ended, delivered = self._pump(source)
                    if ended:
                        self._set(DeviceStatus.STOPPED, f"{self.uri} has ended.")
                        return
                    if delivered:
                        delay = self._retry
                else:
                    self._failed_opens += 1
                self._stop.wait(delay)
                delay = min(delay * 2, self._retry_max)
        finally:
            self._slot.close()

    def _open(self, source: FrameSource) -> bool:
        try:
            source.open()
        except FrameSourceError as exc:
            self._set(exc.status, str(exc))
            return False
        except Exception as exc:
            log.exception("Opening %s failed", self.uri)
            self._set(DeviceStatus.ERROR, f"{self.uri} could not be opened: {exc}")
            return False
        return True

    def _pump(self, source: FrameSource) -> tuple[bool, int]:
        """Read frames into the slot until stopped, lost or ended; (ended, frames delivered)."""
        delivered = 0
        try:
            while not self._stop.is_set():
                frame = source.read()
                if frame is None:
                    return True, delivered
                if not delivered:
                    self._info = source.describe()
                    self._set(DeviceStatus.READY, str(self._info))
                self._slot.put(frame)
                delivered += 1
        except FrameSourceError as exc:
            self._set(exc.status, str(exc))
        except Exception as exc:
            log.exception("Reading %s failed", self.uri)
            self._set(DeviceStatus.ERROR, f"{self.uri} failed: {exc}")
        finally:
            source.close()
        return False, delivered

    def _decode_loop(self, decoder: QrDecoder) -> None:
        while not self._stop.is_set():
            frame = self._slot.take(timeout=0.25)
            if frame is not None:
                self._decode(decoder, frame)
            elif self._slot.finished:
                return

    def _forget_codes(self) -> None:
        seconds, frames = self._gone
        self._filter = RepeatFilter(gone_seconds=seconds, gone_frames=frames)
        self._last_seq = -1

    def _decode(self, decoder: QrDecoder, frame: Frame) -> None:
        if frame.seq < self._last_seq:
            self._forget_codes()
        self._last_seq = frame.seq
        started = time.perf_counter()
        try:
            codes = decoder.decode(as_gray(frame.image))
        except Exception as exc:  # noqa: BLE001 - counted and logged; never ends the thread
            self._decoder_failed(decoder, exc)
            return
        with self._stats_lock:
            self._decode_ms.append((time.perf_counter() - started) * 1000)
        self._decoded += 1
        if self._streak >= self._failing_after:
            self._set(DeviceStatus.READY, str(self._info))
        self._streak = 0
        payloads = list(dict.fromkeys(code.payload for code in codes if code.raw))
        new = self._filter.update(payloads, frame.captured)
        self._repeats += len(payloads) - len(new)
        for payload in new:
            self._emit(Scan(kind=ScanKind.QR, payload=payload, source=self.uri))
        self._offer_preview(frame, codes)

    def _decoder_failed(self, decoder: QrDecoder, exc: Exception) -> None:
        self._errors += 1
        self._streak += 1
        self._last_error = f"{type(exc).__name__}: {exc}"
        if self._streak == 1:
            log.warning("The %s decoder failed on a frame", decoder.name, exc_info=exc)
        if self._streak == self._failing_after:
            self._set(
                DeviceStatus.ERROR,
                f"The {decoder.name} QR decoder fails on every frame ({self._last_error}); "
                "choose the other decoder in the settings.",
            )

    def _emit(self, scan: Scan) -> None:
        callback = self._on_scan
        if callback is None:
            return
        self._scans += 1
        try:
            callback(scan)
        except Exception:
            self._callback_errors += 1
            log.exception("The scan callback of %s failed", self.uri)

    def _offer_preview(self, frame: Frame, codes: list[DecodedCode]) -> None:
        callback = self._on_preview
        if callback is None or not self._throttle.admit(time.monotonic()):
            return
        self._previews += 1
        try:
            callback(PreviewFrame(frame, tuple(codes)))
        except Exception:
            self._callback_errors += 1
            log.exception("The preview callback of %s failed", self.uri)
