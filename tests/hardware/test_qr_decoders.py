"""The decoders on generated card codes: what each reads, and that decoys read as nothing."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
import qrcode
from qr_images import Sample, card_payload, negative_samples, positive_samples, render_code

from hardware.camera import (
    DecodedCode,
    DecoderUnavailable,
    QrDecoder,
    make_decoder,
)
from hardware.camera.decoders import FallbackDecoder, as_gray

# Reads measured on the generated set (36 codes: 13 easy, 23 hard), with a margin of two.
MIN_READS = {"zxing": 34 - 2, "pyzbar": 28 - 2, "opencv": 18 - 2}


def reads(decoder: QrDecoder, samples: tuple[Sample, ...]) -> dict[str, list[str | bytes]]:
    return {s.name: [c.payload for c in decoder.decode(as_gray(s.image))] for s in samples}


@pytest.mark.parametrize("name", ["zxing", "pyzbar", "opencv"])
def test_detection_on_the_generated_set(name: str) -> None:
    samples = positive_samples()
    found = reads(make_decoder(name), samples)
    correct = [s.name for s in samples if found[s.name] == [s.payload]]
    wrong = [s.name for s in samples if found[s.name] and found[s.name] != [s.payload]]
    assert wrong == []
    assert len(correct) >= MIN_READS[name], sorted(set(found) - set(correct))


@pytest.mark.parametrize("name", ["zxing", "pyzbar"])
def test_the_terminal_decoders_read_every_easy_code(name: str) -> None:
    easy = tuple(s for s in positive_samples() if s.difficulty == "easy")
    assert len(easy) >= 12
    found = reads(make_decoder(name), easy)
    assert [s.name for s in easy if found[s.name] != [s.payload]] == []


@pytest.mark.parametrize("name", ["zxing", "pyzbar", "opencv", "zxing+pyzbar"])
def test_no_read_on_images_without_a_code(name: str) -> None:
    found = reads(make_decoder(name), negative_samples())
    assert {k: v for k, v in found.items() if v} == {}


def test_zxing_gives_corners_around_the_code_and_takes_bgr_or_gray() -> None:
    payload = card_payload(1)
    code = render_code(payload, 4)
    canvas = np.full((480, 640), 255, np.uint8)
    canvas[100 : 100 + code.shape[0], 200 : 200 + code.shape[1]] = code
    decoder = make_decoder("zxing")
    (gray_read,) = decoder.decode(canvas)
    (bgr_read,) = decoder.decode(np.dstack([canvas] * 3))
    assert gray_read.payload == bgr_read.payload == payload
    xs = [x for x, _ in gray_read.corners]
    ys = [y for _, y in gray_read.corners]
    assert len(gray_read.corners) == 4
    quiet = 4 * 4
    assert min(xs) == pytest.approx(200 + quiet, abs=3)
    assert max(xs) == pytest.approx(200 + code.shape[1] - quiet, abs=3)
    assert min(ys) == pytest.approx(100 + quiet, abs=3)


def test_binary_content_is_kept_as_bytes_and_utf8_as_text() -> None:
    def image_of(data: bytes) -> np.ndarray:
        qr = qrcode.QRCode(border=4)
        qr.add_data(data)
        qr.make(fit=True)
        modules = np.array(qr.get_matrix(), dtype=bool)
        return np.kron(np.where(modules, 0, 255).astype(np.uint8), np.ones((4, 4), np.uint8))

    decoder = make_decoder("zxing")
    binary = bytes(range(200, 256))
    (read,) = decoder.decode(image_of(binary))
    assert read.text is None and read.payload == binary
    (read,) = decoder.decode(image_of("Grüße ☕".encode()))
    assert read.payload == "Grüße ☕"
    assert DecodedCode.from_bytes(binary, ()).as_dict() == {
        "text": None,
        "hex": binary.hex(),
        "corners": [],
    }


def test_fallback_decoder_asks_the_second_only_when_the_first_reads_nothing() -> None:
    class Fixed:
        def __init__(self, name: str, codes: list[DecodedCode]) -> None:
            self.name, self.codes, self.calls = name, codes, 0

        def decode(self, image: np.ndarray) -> list[DecodedCode]:
            self.calls += 1
            return self.codes

    code = DecodedCode.from_bytes(b"x", ())
    first, second = Fixed("a", []), Fixed("b", [code])
    both = FallbackDecoder(first, second)
    assert both.name == "a+b"
    assert both.decode(np.zeros((4, 4), np.uint8)) == [code]
    first.codes = [code]
    both.decode(np.zeros((4, 4), np.uint8))
    assert (first.calls, second.calls) == (2, 1)


def test_pyzbar_without_libzbar0_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def no_zbar(name: str, package: str | None = None) -> object:
        if name == "pyzbar.pyzbar":
            raise ImportError("Unable to find zbar shared library")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_zbar)
    with pytest.raises(DecoderUnavailable, match=r"libzbar0.*apt install libzbar0"):
        make_decoder("pyzbar")


def test_unknown_decoder_names_the_choices() -> None:
    with pytest.raises(ValueError, match="zxing, pyzbar"):
        make_decoder("quirc")


def test_gray_conversion_accepts_gray_bgr_bgra_only() -> None:
    assert as_gray(np.zeros((3, 5, 4), np.uint8)).shape == (3, 5)
    assert as_gray(np.zeros((3, 5, 3), np.uint8)).shape == (3, 5)
    with pytest.raises(ValueError, match="shape"):
        as_gray(np.zeros((3, 5, 2), np.uint8))
