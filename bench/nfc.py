"""Tap-to-scan latency: the project's NfcReader against a bare nfcpy read of the same tag.

Run: ``python bench/nfc.py [--taps 100] [--warmup 5]``.

Two NTAG213 emulators (``tests/hardware/nfc_emulators.py``) on loopback UDP hold the same card
URL (a 63-byte NDEF message); each is polled by its own reader over nfcpy's ``udp`` driver,
106A only, 50 ms interval:

(a) bare: ``clf.connect(rdwr=...)`` with an ``on-connect`` that reads ``tag.ndef.records``;
(b) NfcReader: the project's reader thread, to its ``Scan`` callback.

A tap is timed from the moment the emulator answers the reader's pending SENS_REQ (the tag
enters the field while the reader senses) to the moment the application holds the records or
the scan. The taps alternate between (a) and (b), and each starts only when both readers are
sensing again with no tag, so both see the same machine. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import queue
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

# Run as a script, this file's directory comes first on sys.path and its name hides nfcpy's.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent / "tests" / "hardware"))

import nfc  # noqa: E402
from nfc_emulators import CARD_URL, Ntag213Emulator, uri_ntag213  # noqa: E402

from app.domain.scan import Scan  # noqa: E402
from hardware.nfc import NfcReader  # noqa: E402

GOAL_MS = 20.0
INTERVAL = 0.05


class BareNfcpy:
    """A thread looping nfcpy's ``connect`` the way its documentation shows."""

    def __init__(self, uri: str, done: queue.Queue[tuple[float, bool]]) -> None:
        self._clf = nfc.ContactlessFrontend(uri)
        self._done = done
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bare-nfcpy", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._clf.close()

    def _on_connect(self, tag: Any) -> bool:
        records = tag.ndef.records if tag.ndef is not None else []
        finished = time.perf_counter()
        self._done.put((finished, bool(records) and records[0].iri == CARD_URL))
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            self._clf.connect(
                rdwr={
                    "targets": ["106A"],
                    "interval": INTERVAL,
                    "iterations": 1,
                    "on-connect": self._on_connect,
                    "beep-on-connect": False,
                },
                terminate=self._stop.is_set,
            )


def tap(
    tag: Ntag213Emulator, done: queue.Queue[tuple[float, bool]], others: list[Ntag213Emulator]
) -> tuple[float, bool]:
    """One tap: wait until both readers sense, present the tag, time the result, remove it."""
    for emulator in [tag, *others]:
        if not emulator.wait_for_poll(10):
            raise RuntimeError(f"the reader of {emulator.uri} stopped sensing")
    presented = tag.present()
    finished, ok = done.get(timeout=10)
    tag.remove()
    return (finished - presented) * 1000, ok


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()

    bare_done: queue.Queue[tuple[float, bool]] = queue.Queue()
    ours_done: queue.Queue[tuple[float, bool]] = queue.Queue()
    results: dict[str, list[float]] = {"bare": [], "ours": []}
    misreads = {"bare": 0, "ours": 0}
    with (
        Ntag213Emulator(uri_ntag213(), present=False) as bare_tag,
        Ntag213Emulator(uri_ntag213(), present=False) as our_tag,
    ):
        bare = BareNfcpy(bare_tag.uri, bare_done)
        reader = NfcReader(our_tag.uri, targets=("106A",), interval=INTERVAL)

        def on_scan(scan: Scan) -> None:
            ours_done.put((time.perf_counter(), scan.payload == CARD_URL))

        bare.start()
        reader.start(on_scan)
        try:
            for i in range(args.warmup + args.taps):
                for key, tag, done, other in (
                    ("bare", bare_tag, bare_done, our_tag),
                    ("ours", our_tag, ours_done, bare_tag),
                ):
                    ms, ok = tap(tag, done, [other])
                    if i >= args.warmup:
                        results[key].append(ms)
                        misreads[key] += not ok
        finally:
            reader.stop()
            bare.stop()
    report(results, misreads, args.taps, args.warmup)


def report(
    results: dict[str, list[float]], misreads: dict[str, int], taps: int, warmup: int
) -> None:
    names = {"bare": "bare nfcpy connect + ndef", "ours": "NfcReader -> Scan callback"}
    print(
        f"tap to scan, NTAG213 emulator over nfcpy's udp driver, 63-byte card URL, "
        f"n={taps} taps each (warm-up {warmup}), 106A only, interval {INTERVAL * 1000:.0f} ms"
    )
    print(f"{'variant':<30}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'max ms':>9}{'misreads':>10}")
    figures: dict[str, tuple[float, float]] = {}
    for key, label in names.items():
        values = results[key]
        p50, p95 = percentile(values, 0.50), percentile(values, 0.95)
        figures[key] = (p50, p95)
        mean, top = statistics.fmean(values), max(values)
        print(f"{label:<30}{p50:>9.2f}{p95:>9.2f}{mean:>9.2f}{top:>9.2f}{misreads[key]:>10}")
    (b50, b95), (o50, o95) = figures["bare"], figures["ours"]
    verdict = "holds" if o95 - b95 < GOAL_MS and o50 - b50 < GOAL_MS else "is missed"
    print(
        f"added by NfcReader: p50 {o50 - b50:+.2f} ms (x{o50 / b50:.2f}), "
        f"p95 {o95 - b95:+.2f} ms (x{o95 / b95:.2f}) -> goal 'under {GOAL_MS:.0f} ms added' "
        f"{verdict}"
    )


if __name__ == "__main__":
    main()
