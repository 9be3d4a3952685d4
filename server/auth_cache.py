"""Recently authenticated callers, so a terminal's stream of batches does not cost a database
read (and a pool check-out) per request before its events are even looked at.

Only successful authentications are kept, for ``AUTH_CACHE_SECONDS``, under the SHA-256
digests of the api key and the token (the secrets themselves are not kept). A credential
revoked or an app deleted is therefore still accepted for at most that long by a server process
that saw it just before; a new credential works at once (failures are never kept).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.auth import Principal

AUTH_CACHE_SECONDS = 5.0
MAX_ENTRIES = 10_000


class PrincipalCache:
    """Principals by (api key digest, token digest), each for ``ttl`` seconds."""

    def __init__(
        self,
        ttl: float = AUTH_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self._ttl = ttl
        self._clock = clock
        self._max = max_entries
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], tuple[float, Principal]] = {}

    def get(self, key: tuple[str, str]) -> Principal | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] <= self._clock():
                del self._entries[key]
                return None
            return entry[1]

    def put(self, key: tuple[str, str], principal: Principal) -> None:
        with self._lock:
            if len(self._entries) >= self._max:
                self._entries.clear()
            self._entries[key] = (self._clock() + self._ttl, principal)

    def keys(self) -> list[tuple[str, str]]:
        """The (api key digest, token digest) pairs held now."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
