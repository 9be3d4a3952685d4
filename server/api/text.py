"""Text the databases can store: PostgreSQL's text columns cannot hold NUL (U+0000).

A request whose JSON body has a NUL character in any string (key or value) is refused with
400 ``10002`` instead of failing in the database; SQLite behaves the same, so both backends
answer alike.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

NUL = "\x00"
NUL_DETAIL = "text may not contain the NUL character (U+0000)"


def contains_nul(value: Any) -> bool:
    """Whether a JSON value has a NUL character in any of its strings or keys."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(contains_nul(item) for item in value)
    return False


async def json_body(request: Request) -> Any:
    """Dependency: the request's JSON body as FastAPI already read it, or None."""
    try:
        return await request.json()
    except ValueError:
        return None
