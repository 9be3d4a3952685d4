"""A simulated NFC tag on loopback UDP, for the demonstration, the benchmarks and the tests.

nfcpy's ``udp`` driver sends each frame as one datagram ``"<brty> <hex>"`` (``106A 26`` is a
SENS_REQ at 106 kbps type A) and expects the answer the same way from the address it sent to; a
reader closing its RF field sends ``RFOFF``. A tag that is not on the reader stays silent, so a
sense with no tag costs the driver's fixed 1 s wait.

``Ntag213Emulator`` answers the ISO 14443-A activation and the NTAG213 commands by hand, on a
memory image built by ``ntag213_image`` (``uri_ntag213`` holds a card URL). A reader opened as
``udp:127.0.0.1:<port>`` (the emulator's ``uri``) reads it as it would read a real tag.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from functools import reduce
from operator import xor
from typing import Any, Self

import ndef

log = logging.getLogger(__name__)

NTAG213_UID = bytes.fromhex("04A1B2C3D4E5F6")
NTAG213_VERSION = bytes.fromhex("0004040201000F03")
NTAG213_PAGES = 45
FACTORY_TLVS = bytes.fromhex("0103A00C34")  # lock control TLV: dynamic lock bytes at page 40
ACK, NAK = b"\x0a", b"\x00"
PENDING_SENSE_SECONDS = 0.9  # the driver waits 1.0 s for a SENS_RES
RETRY_WINDOW_SECONDS = 0.05  # nfcpy resends a READ after 5 ms without an answer


def free_udp_port() -> int:
    """A loopback UDP port nobody uses and that has no service name (nfcpy needs a number)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
        try:
            socket.getservbyport(port, "udp")
        except OSError:
            return port


def ndef_message(*records: ndef.Record) -> bytes:
    """The NDEF message octets of ``records``."""
    return b"".join(ndef.message_encoder(list(records)))


def ntag213_image(
    ndef_tlv_value: bytes | None = b"",
    *,
    uid: bytes = NTAG213_UID,
    tlvs: bytes | None = None,
    locked: bool = False,
) -> bytearray:
    """An NTAG213 memory image (45 pages): UID, lock bytes, CC ``E1 10 12 00``, TLVs, config.

    ``ndef_tlv_value`` becomes an NDEF TLV after the factory lock control TLV; ``tlvs`` replaces
    the whole TLV area instead. ``locked`` sets the CC to read-only and every lock bit.
    """
    memory = bytearray(NTAG213_PAGES * 4)
    bcc0 = reduce(xor, uid[0:3], 0x88)
    bcc1 = reduce(xor, uid[3:7])
    memory[0:12] = uid[0:3] + bytes([bcc0]) + uid[3:7] + bytes([bcc1, 0x48, 0x00, 0x00])
    memory[12:16] = bytes.fromhex("E1101200")
    if tlvs is None:
        tlvs = FACTORY_TLVS
        if ndef_tlv_value is not None:
            tlvs += bytes([0x03, len(ndef_tlv_value)]) + ndef_tlv_value + b"\xfe"
    memory[16 : 16 + len(tlvs)] = tlvs
    memory[160:180] = bytes.fromhex("000000BD 040000FF 00000000 FFFFFFFF 00000000")
    if locked:
        memory[15] = 0x0F
        memory[10:12] = b"\xff\xff"
        memory[160:163] = b"\xff\x0f\xff"
    return memory


def blank_ntag213() -> bytearray:
    """A freshly formatted NTAG213 as it comes from the factory: an empty NDEF message."""
    return ntag213_image(b"")


def uri_ntag213(url: str, *, uid: bytes = NTAG213_UID) -> bytearray:
    """An NTAG213 holding one URI record, as a card URL is written onto a customer's tag."""
    return ntag213_image(ndef_message(ndef.UriRecord(url)), uid=uid)


class UdpTagPeer:
    """A UDP endpoint on loopback served by one thread, as nfcpy's ``udp`` driver's peer."""

    def __init__(self, port: int | None) -> None:
        self.port = port or free_udp_port()
        self.uri = f"udp:127.0.0.1:{self.port}"
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._serve, name=type(self).__name__, daemon=True)
        self._thread.start()

    def close(self) -> None:
        """End the serving thread (quit-then-wait)."""
        self._closed.set()
        if self._thread is not None:
            self._thread.join(5.0)
            if self._thread.is_alive():
                log.warning("the %s thread did not end within 5 s", type(self).__name__)

    def _serve(self) -> None:
        raise NotImplementedError


class Ntag213Emulator(UdpTagPeer):
    """An NXP NTAG213 (7-byte UID, 45 pages) on ``udp:127.0.0.1:<port>``.

    Answers SENS_REQ/ALL_REQ, SDD_REQ and SEL_REQ for both cascade levels, GET_VERSION, READ
    (16 bytes, roll-over at the last page, NAK past it) and WRITE (honouring the static and
    dynamic lock bits, OR-ing the lock and CC bytes); any other command (AUTHENTICATE, which
    nfcpy tries first) gets a NAK and the tag falls back to idle, as a real tag does after a NAK.
    With ``answer_limit`` the tag "leaves the field" after that many frames since it was
    presented.

    nfcpy gives a READ only 5 ms before it resends it; an answer that took longer is still on its
    way and will satisfy the resent frame, so an identical frame from the same socket within
    ``RETRY_WINDOW_SECONDS`` is not answered twice (a second answer would be read as the answer
    to the next command).
    """

    def __init__(
        self,
        memory: bytearray | None = None,
        *,
        present: bool = True,
        answer_limit: int | None = None,
        port: int | None = None,
    ) -> None:
        super().__init__(port)
        self.memory = memory if memory is not None else blank_ntag213()
        self.answer_limit = answer_limit
        self.frames = 0
        self.writes = 0
        self._present = present
        self._active = False
        self._pending: tuple[Any, float] | None = None
        self._last: tuple[bytes, Any, float] = (b"", None, 0.0)
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            self._sock.bind(("127.0.0.1", self.port))
        except OSError:
            self._sock.close()
            raise

    @property
    def is_present(self) -> bool:
        with self._lock:
            return self._present

    def close(self) -> None:
        super().close()
        self._sock.close()

    def present(self, memory: bytearray | None = None, answer_limit: int | None = None) -> float:
        """Put a tag on the reader; a sense the reader is waiting on gets its answer now.

        Returns the ``time.perf_counter()`` of the moment the tag was presented.
        """
        with self._lock:
            if memory is not None:
                self.memory = memory
            self.answer_limit = answer_limit
            self.frames = 0
            self._active = False
            self._present = True
            presented = time.perf_counter()
            pending, self._pending = self._pending, None
            if pending is not None and time.monotonic() - pending[1] < PENDING_SENSE_SECONDS:
                self._reply(b"\x44\x00", pending[0])
        return presented

    def remove(self) -> None:
        """Take the tag off the reader: it stops answering."""
        with self._lock:
            self._present = False
            self._active = False

    def wait_for_poll(self, timeout: float) -> bool:
        """Wait until the reader is sensing with no tag present: a fresh SENS_REQ is unanswered."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                pending = self._pending
            if pending is not None and time.monotonic() - pending[1] < PENDING_SENSE_SECONDS - 0.1:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.002)

    def _serve(self) -> None:
        self._sock.settimeout(0.05)
        while not self._closed.is_set():
            try:
                datagram, addr = self._sock.recvfrom(1024)
            except TimeoutError:
                continue
            except OSError:
                return  # the socket was closed under the thread
            with self._lock:
                self._datagram(datagram, addr)

    def _datagram(self, datagram: bytes, addr: Any) -> None:
        if datagram.startswith(b"RFOFF"):
            self._active = False
            self._pending = None
            self._last = (b"", None, 0.0)
            return
        parts = datagram.split()
        if len(parts) != 2 or parts[0] != b"106A":
            return
        frame = bytes.fromhex(parts[1].decode("ascii"))
        if not self._present:
            if frame in (b"\x26", b"\x52"):
                self._pending = (addr, time.monotonic())
            return
        if self.answer_limit is not None and self.frames >= self.answer_limit:
            self._present = self._active = False
            return
        now = time.monotonic()
        last_frame, last_addr, last_time = self._last
        if (frame, addr) == (last_frame, last_addr) and now - last_time < RETRY_WINDOW_SECONDS:
            return
        self.frames += 1
        answer = self._answer(frame)
        if answer is not None:
            self._reply(answer, addr)
            self._last = (frame, addr, now)

    def _reply(self, answer: bytes, addr: Any) -> None:
        self._sock.sendto(b"106A " + answer.hex().encode("ascii"), addr)

    def _answer(self, frame: bytes) -> bytes | None:
        cl1 = b"\x88" + bytes(self.memory[0:4])  # cascade tag, UID0-2, BCC0 as in page 0
        cl2 = bytes(self.memory[4:9])  # UID3-6, BCC1
        activation = {
            b"\x26": b"\x44\x00",  # SENS_REQ -> SENS_RES
            b"\x52": b"\x44\x00",  # ALL_REQ -> SENS_RES
            b"\x93\x20": cl1,  # SDD_REQ, cascade level 1
            b"\x93\x70" + cl1: b"\x04",  # SEL_REQ 1 -> SAK: UID not complete
            b"\x95\x20": cl2,  # SDD_REQ, cascade level 2
            b"\x95\x70" + cl2: b"\x00",  # SEL_REQ 2 -> SAK: Type 2 tag, selected
        }
        answer = activation.get(frame)
        if answer is not None:
            if frame in (b"\x26", b"\x52"):
                self._active = False
            elif frame[:2] == b"\x95\x70":
                self._active = True
            return answer
        if not self._active:
            return None
        answer = self._command(frame)
        if answer == NAK:
            self._active = False
        return answer

    def _command(self, frame: bytes) -> bytes:
        if frame == b"\x60":
            return NTAG213_VERSION
        if len(frame) == 2 and frame[0] == 0x30:
            return self._read(frame[1])
        if len(frame) == 6 and frame[0] == 0xA2:
            return self._write(frame[1], frame[2:6])
        return NAK

    def _read(self, page: int) -> bytes:
        if page >= NTAG213_PAGES:
            return NAK
        out = bytearray()
        for offset in range(4):
            index = (page + offset) % NTAG213_PAGES
            hidden = index >= 43  # PWD and PACK read as zeros
            out += bytes(4) if hidden else self.memory[index * 4 : index * 4 + 4]
        return bytes(out)

    def _write(self, page: int, data: bytes) -> bytes:
        if page < 2 or page >= NTAG213_PAGES or self._page_locked(page):
            return NAK
        start = page * 4
        if page in (2, 3, 40):  # lock bits and the CC are one-time programmable: OR-ed in
            current = bytes(self.memory[start : start + 4])
            data = bytes(a | b for a, b in zip(current, data, strict=True))
            data = current[0:2] + data[2:4] if page == 2 else data
        self.memory[start : start + 4] = data
        self.writes += 1
        return ACK

    def _page_locked(self, page: int) -> bool:
        static = int.from_bytes(self.memory[10:12], "little")
        if 3 <= page <= 15:
            return bool(static >> page & 1)
        if 16 <= page <= 39:
            dynamic = int.from_bytes(self.memory[160:162], "little")
            return bool(dynamic >> ((page - 16) // 2) & 1)
        return False
