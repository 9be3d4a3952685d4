"""docs/server-api.md carries the same error table as server/errors.py, and names every path."""

from __future__ import annotations

import re
from pathlib import Path

from server.api.stamp_v2 import ALIASES, EXTENSIONS, OPERATIONS
from server.errors import ALL_ERRORS

DOC = Path(__file__).resolve().parents[2] / "docs" / "server-api.md"
ROW = re.compile(r"^\| (\d+) \| `([^`]+)` \| (\d{3}) \| (.+) \|$")


def test_the_error_table_is_the_same_in_code_and_docs() -> None:
    rows = [ROW.match(line) for line in DOC.read_text(encoding="utf-8").splitlines()]
    documented = [(int(m[1]), m[2], int(m[3]), m[4]) for m in rows if m]
    in_code = [(e.code, e.key, e.http_status, e.meaning) for e in ALL_ERRORS]
    assert documented == in_code


def test_codes_and_keys_are_unique() -> None:
    assert len({e.code for e in ALL_ERRORS}) == len(ALL_ERRORS)
    assert len({e.key for e in ALL_ERRORS}) == len(ALL_ERRORS)
    assert any(e.code == 33003 and e.key == "stamp.multiple.stamp.attempt" for e in ALL_ERRORS)


def test_the_docs_name_every_endpoint() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in (*OPERATIONS, *ALIASES, *EXTENSIONS):
        assert f"`{name}`" in text, name
    assert "/api/stamp/v1/create" in text
    assert "/openapi/v1/customerOpenApi/add" in text
