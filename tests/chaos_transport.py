"""An httpx transport that loses, breaks and delays traffic to a real server, for tests.

Each request draws one fate from a seeded random generator:

* ``reset``: the connection breaks before the request reaches the server;
* ``lost``: the server receives and processes the request, then the answer is lost;
* ``stall``: the answer comes late, or the read times out after the server processed it;
* ``garbage``: the server processes the request and an HTML page comes back instead (with
  status 200 or 502, as captive portals and broken proxies do);
* ``pass``: delivered as is.

``healthy = True`` turns every fate into ``pass`` (the network has healed).
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter

import httpx


class ChaosTransport(httpx.BaseTransport):
    """Wraps a real transport and misbehaves with the given probabilities."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        seed: int = 0,
        reset: float = 0.1,
        lost: float = 0.2,
        stall: float = 0.05,
        garbage: float = 0.0,
        stall_seconds: float = 0.2,
    ) -> None:
        self.inner = inner
        self.rng = random.Random(seed)
        self.weights = {"reset": reset, "lost": lost, "stall": stall, "garbage": garbage}
        self.stall_seconds = stall_seconds
        self.healthy = False
        self.fates: Counter[str] = Counter()
        self._lock = threading.Lock()

    def _fate(self) -> str:
        with self._lock:
            if self.healthy:
                fate = "pass"
            else:
                draw = self.rng.random()
                fate = "pass"
                for name, weight in self.weights.items():
                    if draw < weight:
                        fate = name
                        break
                    draw -= weight
            self.fates[fate] += 1
            return fate

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        fate = self._fate()
        if fate == "reset":
            raise httpx.ConnectError("connection reset by the chaos transport", request=request)
        response = self.inner.handle_request(request)
        response.read()
        response.close()
        if fate == "lost":
            raise httpx.ReadError("answer lost by the chaos transport", request=request)
        if fate == "stall":
            time.sleep(self.stall_seconds)
            if self.rng.random() < 0.5:
                raise httpx.ReadTimeout("answer stalled by the chaos transport", request=request)
        if fate == "garbage":
            return httpx.Response(
                self.rng.choice([200, 502]),
                headers={"content-type": "text/html"},
                content=b"<html><body><h1>502 Bad Gateway</h1></body></html>",
                request=request,
            )
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            content=response.content,
            request=request,
        )

    def close(self) -> None:
        self.inner.close()
