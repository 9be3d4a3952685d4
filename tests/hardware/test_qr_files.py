"""``decode_files`` for the command line: codes per file, an error entry per unreadable one."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest
from qr_images import positive_samples

from hardware.camera import decode_files


def test_decode_files_reads_codes_and_reports_unreadable_files(tmp_path: Path) -> None:
    sample = next(s for s in positive_samples() if s.name == "rotated-45")
    good = tmp_path / "card.png"
    cv2.imwrite(str(good), sample.image)
    garbage = tmp_path / "garbage.jpg"
    garbage.write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG" * 20)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), sample.image * 0 + 255)
    paths = [good, garbage, tmp_path / "missing.png", tmp_path, empty, blank]

    entries = decode_files(paths, "zxing")

    assert [e["file"] for e in entries] == [str(p) for p in paths]
    first = entries[0]
    assert "error" not in first and first["ms"] >= 0
    (code,) = first["codes"]
    assert code["text"] == sample.payload and len(code["corners"]) == 4
    assert entries[1]["error"].startswith("not an image")
    assert entries[2]["error"] == "no such file"
    assert entries[3]["error"] == "a directory, not an image"
    assert entries[4]["error"] == "the file is empty"
    assert entries[5]["codes"] == [] and "error" not in entries[5]
    assert all(e["codes"] == [] for e in entries[1:])
    json.dumps(entries)


def test_decode_files_with_pyzbar_and_an_unknown_decoder(tmp_path: Path) -> None:
    sample = next(s for s in positive_samples() if s.name == "clean-6px")
    good = tmp_path / "card.png"
    cv2.imwrite(str(good), sample.image)
    (entry,) = decode_files([good], "pyzbar")
    assert [c["text"] for c in entry["codes"]] == [sample.payload]
    with pytest.raises(ValueError, match="Unknown QR decoder"):
        decode_files([good], "zbarimg")
