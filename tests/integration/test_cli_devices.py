"""Device diagnostics of the command line, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import qrcode

CARD_URL = "https://shop.example/c/0131cef8-56e1-461a-b82b-7e220b925481"


def write_qr(path: Path, text: str) -> None:
    code = qrcode.QRCode(border=4)
    code.add_data(text)
    modules = np.array(code.get_matrix(), dtype=np.uint8)
    image = np.where(modules == 1, 0, 255).astype(np.uint8)
    cv2.imwrite(str(path), cv2.resize(image, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=False,
    )


def test_decode_prints_one_json_line_per_image(tmp_path: Path) -> None:
    image = tmp_path / "card.png"
    write_qr(image, CARD_URL)
    garbage = tmp_path / "notes.png"
    garbage.write_bytes(b"not an image")
    done = cli("decode", str(image), str(garbage))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(image), str(garbage)]
    assert [code["text"] for code in lines[0]["codes"]] == [CARD_URL]
    assert lines[0]["ms"] >= 0
    assert "error" in lines[1]
    assert "Traceback" not in done.stderr


def test_decode_with_an_unknown_decoder_is_a_usage_error(tmp_path: Path) -> None:
    image = tmp_path / "card.png"
    write_qr(image, CARD_URL)
    done = cli("decode", "--decoder", "magic", str(image))
    assert done.returncode == 2
    assert "magic" in done.stderr
